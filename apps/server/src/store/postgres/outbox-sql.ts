// The outbox. `position` (an identity column) gives the order events were written in; the body is kept as
// the exact bytes delivered.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { OutboxEvent, OutboxStore } from '../types/outbox.ts';
import type { OutboxEventsTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { modeSchema } from './sql-values.ts';

export function createOutboxOperations({ db }: SqlScope): OutboxStore {
  return {
    async insertOutboxEvent(event) {
      await db
        .insertInto('outbox_events')
        .values({
          id: event.id,
          project_id: event.projectId,
          mode: event.mode,
          surface: event.surface,
          event_type: event.eventType,
          body: JSON.stringify(event.body),
          created_at: event.createdAt,
        })
        .execute();
    },

    async findOutboxEvent(id) {
      const row = await db.selectFrom('outbox_events').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toOutboxEvent(row) : null;
    },

    async listOutboxEvents({ projectId, mode, limit }) {
      let query = db.selectFrom('outbox_events').selectAll().where('project_id', '=', projectId);
      if (mode) query = query.where('mode', '=', mode);
      const rows = await query
        .orderBy('position')
        .limit(limit ?? 1000)
        .execute();
      return rows.map(toOutboxEvent);
    },
  };
}

export function toOutboxEvent(row: Selectable<OutboxEventsTable>): OutboxEvent {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    surface: z.enum(['connect', 'poy']).parse(row.surface),
    eventType: row.event_type,
    body: JSON.parse(row.body),
    bodyJson: row.body,
    createdAt: row.created_at,
  };
}
