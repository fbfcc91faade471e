// API keys, kept as SHA-256 hashes; a revocation is announced so every process drops the key at once.
import { type Selectable, sql } from 'kysely';
import type { ApiKey, ApiKeysStore } from '../types/api-keys.ts';
import type { ApiKeysTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { modeSchema } from './sql-values.ts';
import { toProject } from './tenancy-sql.ts';

export function createApiKeysOperations({ db, announcing }: SqlScope): ApiKeysStore {
  return {
    async insertApiKey(apiKey) {
      const row = await db
        .insertInto('api_keys')
        .values({
          id: apiKey.id,
          project_id: apiKey.projectId,
          mode: apiKey.mode,
          name: apiKey.name,
          key_hash: apiKey.keyHashHex,
          display_prefix: apiKey.displayPrefix,
          created_at: apiKey.createdAt,
          last_used_at: null,
          revoked_at: null,
          created_by: apiKey.createdBy ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toApiKey(row);
    },

    async findApiKeyByHash(keyHashHex) {
      const keyRow = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('key_hash', '=', keyHashHex)
        .executeTakeFirst();
      if (!keyRow) return null;
      const projectRow = await db
        .selectFrom('projects')
        .selectAll()
        .where('id', '=', keyRow.project_id)
        .executeTakeFirstOrThrow();
      return { apiKey: toApiKey(keyRow), project: toProject(projectRow) };
    },

    async findApiKeyById(id) {
      const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toApiKey(row) : null;
    },

    async listApiKeysByProject(projectId, mode) {
      let query = db.selectFrom('api_keys').selectAll().where('project_id', '=', projectId);
      if (mode) query = query.where('mode', '=', mode);
      const rows = await query.orderBy('created_at').orderBy('id').execute();
      return rows.map(toApiKey);
    },

    revokeApiKey: announcing(async ({ db, announce }, { keyId, projectId, revokedAt }) => {
      let query = db
        .updateTable('api_keys')
        .set({ revoked_at: revokedAt })
        .where('id', '=', keyId)
        .where('revoked_at', 'is', null);
      if (projectId !== null) query = query.where('project_id', '=', projectId);
      const row = await query.returningAll().executeTakeFirst();
      if (!row) return null;
      await announce({ kind: 'api_key', keyId: row.id, keyHashHex: row.key_hash });
      return toApiKey(row);
    }),

    async touchApiKeys(uses) {
      if (uses.length === 0) return;
      // One statement for the whole batch; greatest() keeps the time from moving backwards. The batch
      // is grouped by key first: UPDATE … FROM applies an arbitrary one of several matching rows, so a
      // key listed twice could otherwise get its older time.
      const ids = uses.map((use) => use.keyId);
      const times = uses.map((use) => use.lastUsedAt.toISOString());
      await sql`
        update api_keys set last_used_at = greatest(api_keys.last_used_at, batch.used_at)
        from (
          select id, max(used_at) as used_at
          from unnest(${ids}::text[], ${times}::timestamptz[]) as input (id, used_at)
          group by id
        ) as batch
        where api_keys.id = batch.id`.execute(db);
    },
  };
}

export function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    name: row.name,
    displayPrefix: row.display_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    createdBy: row.created_by,
  };
}
