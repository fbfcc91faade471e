// Idempotency keys: claiming one is a single upsert, so of two concurrent first requests one starts.
import type { IdempotencyStore } from '../types/idempotency.ts';
import type { SqlScope } from './sql-scope.ts';

export function createIdempotencyOperations({ db }: SqlScope): IdempotencyStore {
  return {
    async beginIdempotentRequest({ projectId, mode, key, requestHash, now, expiresAt, takeOverBefore }) {
      // Insert, or take over a row that expired or whose holder gave up long ago; one statement, so
      // of two concurrent first requests exactly one starts.
      const started = await db
        .insertInto('idempotency_keys')
        .values({
          project_id: projectId,
          mode,
          idempotency_key: key,
          request_hash: requestHash,
          status: 'in_progress',
          started_at: now,
          expires_at: expiresAt,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['project_id', 'mode', 'idempotency_key'])
            .doUpdateSet({
              request_hash: requestHash,
              status: 'in_progress',
              response_status: null,
              response_body: null,
              response_content_type: null,
              started_at: now,
              expires_at: expiresAt,
            })
            .where((eb) =>
              eb.or([
                eb('idempotency_keys.expires_at', '<=', now),
                eb.and([
                  eb('idempotency_keys.status', '=', 'in_progress'),
                  eb('idempotency_keys.started_at', '<', takeOverBefore),
                  eb('idempotency_keys.request_hash', '=', requestHash),
                ]),
              ]),
            ),
        )
        .returning('idempotency_key')
        .executeTakeFirst();
      if (started) return { kind: 'started' };
      const row = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (!row) return { kind: 'in_progress' };
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.status !== 'completed') return { kind: 'in_progress' };
      return {
        kind: 'replay',
        record: {
          requestHash: row.request_hash,
          status: 'completed',
          responseStatus: row.response_status,
          responseBody: row.response_body,
          responseContentType: row.response_content_type,
        },
      };
    },

    async completeIdempotentRequest({
      projectId,
      mode,
      key,
      responseStatus,
      responseBody,
      responseContentType,
    }) {
      await db
        .updateTable('idempotency_keys')
        .set({
          status: 'completed',
          response_status: responseStatus,
          response_body: responseBody,
          response_content_type: responseContentType,
        })
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where('idempotency_key', '=', key)
        .execute();
    },

    async abandonIdempotentRequest({ projectId, mode, key }) {
      await db
        .deleteFrom('idempotency_keys')
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where('idempotency_key', '=', key)
        .where('status', '=', 'in_progress')
        .execute();
    },

    async deleteExpiredIdempotencyKeys(now) {
      const result = await db
        .deleteFrom('idempotency_keys')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
