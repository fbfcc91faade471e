// The dashboard's delivery log (types/delivery-log.ts). Every query is scoped to one project AND one
// mode, so a test-mode delivery can never be listed, counted or replayed under live. The latest attempt
// comes from a lateral join, one index probe per listed delivery.
import { type Kysely, type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { DeliveryLogEntry, DeliveryLogStore } from '../types/delivery-log.ts';
import { toWebhookDelivery } from './deliveries-sql.ts';
import type { Database, WebhookDeliveriesTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';

const surfaceSchema = z.enum(['connect', 'poy']);

interface LogRow extends Selectable<WebhookDeliveriesTable> {
  event_type: string;
  surface: string;
  endpoint_url: string;
  last_attempted_at: Date | null;
  last_status_code: number | null;
  last_duration_ms: number | null;
  last_error: string | null;
}

function selectLog(db: Kysely<Database>, projectId: string, mode: string) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('outbox_events as o', 'o.id', 'd.event_id')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('webhook_attempts as a')
          .select(['a.attempted_at', 'a.status_code', 'a.duration_ms', 'a.error'])
          .whereRef('a.delivery_id', '=', 'd.id')
          .orderBy('a.attempt_number', 'desc')
          .orderBy('a.attempted_at', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .selectAll('d')
    .select([
      'o.event_type',
      'e.surface',
      'e.url as endpoint_url',
      'last.attempted_at as last_attempted_at',
      'last.status_code as last_status_code',
      'last.duration_ms as last_duration_ms',
      'last.error as last_error',
    ])
    .where('d.project_id', '=', projectId)
    .where('d.mode', '=', mode);
}

function toLogEntry(row: LogRow): DeliveryLogEntry {
  return {
    delivery: toWebhookDelivery(row),
    eventType: row.event_type,
    surface: surfaceSchema.parse(row.surface),
    endpointUrl: row.endpoint_url,
    lastAttempt:
      row.last_attempted_at === null
        ? null
        : {
            attemptedAt: row.last_attempted_at,
            statusCode: row.last_status_code,
            durationMs: row.last_duration_ms ?? 0,
            error: row.last_error,
          },
  };
}

export function createDeliveryLogOperations({ db, announcing }: SqlScope): DeliveryLogStore {
  return {
    async listDeliveryLog(query) {
      let select = selectLog(db, query.projectId, query.mode);
      if (query.endpointId !== undefined) select = select.where('d.endpoint_id', '=', query.endpointId);
      if (query.eventType !== undefined) select = select.where('o.event_type', '=', query.eventType);
      if (query.status !== undefined) select = select.where('d.status', '=', query.status);
      if (query.since !== undefined) select = select.where('d.created_at', '>=', query.since);
      if (query.until !== undefined) select = select.where('d.created_at', '<', query.until);
      const before = query.before;
      if (before !== undefined) {
        select = select.where((eb) =>
          eb.or([
            eb('d.created_at', '<', before.createdAt),
            eb.and([eb('d.created_at', '=', before.createdAt), eb('d.id', '<', before.id)]),
          ]),
        );
      }
      const rows = await select
        .orderBy('d.created_at', 'desc')
        .orderBy('d.id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(toLogEntry);
    },

    async findDeliveryLogEntry({ projectId, mode, id }) {
      const row = await selectLog(db, projectId, mode).where('d.id', '=', id).executeTakeFirst();
      return row ? toLogEntry(row) : null;
    },

    async countEndpointDeliveries({ projectId, mode, since }) {
      const result = await sql<{
        endpoint_id: string;
        succeeded: string | number;
        failed: string | number;
        pending: string | number;
      }>`
        select endpoint_id,
          count(*) filter (where status = 'succeeded') as succeeded,
          count(*) filter (where status = 'failed') as failed,
          count(*) filter (where status = 'pending') as pending
        from webhook_deliveries
        where project_id = ${projectId} and mode = ${mode} and created_at >= ${since}
        group by endpoint_id
        order by endpoint_id`.execute(db);
      return result.rows.map((row) => ({
        endpointId: row.endpoint_id,
        succeeded: Number(row.succeeded),
        failed: Number(row.failed),
        pending: Number(row.pending),
      }));
    },

    requeueFailedDeliveries: announcing(async ({ db, announce }, input) => {
      let update = db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', next_attempt_at: input.now, completed_at: null })
        .where('project_id', '=', input.projectId)
        .where('mode', '=', input.mode)
        .where('status', '=', 'failed')
        .where('created_at', '>=', input.since)
        .where('created_at', '<', input.until);
      if (input.endpointId !== undefined) update = update.where('endpoint_id', '=', input.endpointId);
      const result = await update.executeTakeFirst();
      const count = Number(result.numUpdatedRows);
      if (count > 0) await announce({ kind: 'webhooks_due' });
      return count;
    }),
  };
}
