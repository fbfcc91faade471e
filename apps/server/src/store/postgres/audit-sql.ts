// The audit log. Events are only ever inserted; a query reads one account's events newest first.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { AuditEvent, AuditStore } from '../types/audit.ts';
import type { AuditEventsTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';

const detailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const actorKindSchema = z.enum(['member', 'api_key', 'cli', 'system']);
const modeSchema = z.enum(['live', 'test']).nullable();

export function createAuditOperations({ db }: SqlScope): AuditStore {
  return {
    async insertAuditEvent(event) {
      await db
        .insertInto('audit_events')
        .values({
          id: event.id,
          account_id: event.accountId,
          project_id: event.projectId,
          mode: event.mode,
          actor_kind: event.actorKind,
          actor_id: event.actorId,
          actor_label: event.actorLabel,
          action: event.action,
          target_kind: event.targetKind,
          target_id: event.targetId,
          details: JSON.stringify(event.details),
          ip: event.ip,
          created_at: event.createdAt,
        })
        .execute();
    },

    async listAuditEvents(query) {
      let select = db.selectFrom('audit_events').selectAll().where('account_id', '=', query.accountId);
      if (query.projectId !== undefined) select = select.where('project_id', '=', query.projectId);
      if (query.actorKind !== undefined) select = select.where('actor_kind', '=', query.actorKind);
      if (query.actionPrefix !== undefined) {
        // LIKE with the prefix's own wildcards escaped, so `_` in `api_key.` matches only itself.
        const escaped = query.actionPrefix.replace(/[\\%_]/g, (character) => `\\${character}`);
        select = select.where('action', 'like', `${escaped}%`);
      }
      if (query.since !== undefined) select = select.where('created_at', '>=', query.since);
      if (query.until !== undefined) select = select.where('created_at', '<', query.until);
      const before = query.before;
      if (before !== undefined) {
        select = select.where((eb) =>
          eb.or([
            eb('created_at', '<', before.createdAt),
            eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
          ]),
        );
      }
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(toAuditEvent);
    },
  };
}

function toAuditEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: row.id,
    accountId: row.account_id,
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    actorKind: actorKindSchema.parse(row.actor_kind),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetKind: row.target_kind,
    targetId: row.target_id,
    details: detailsSchema.parse(row.details),
    ip: row.ip,
    createdAt: row.created_at,
  };
}
