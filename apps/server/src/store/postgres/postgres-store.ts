// The Store on PostgreSQL SQL, shared by node-postgres and PGlite. Rows are mapped to domain records
// here; jsonb columns are parsed with zod, never cast.
import { type Kysely, type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { DatabaseHandle } from '../drivers/database-handle.ts';
import type { ApiKey, Challenge, Invalidation, KeyMode, Plan, Project, Store } from '../store.ts';
import type { ApiKeysTable, Database, ProjectsTable } from './schema.ts';

const INVALIDATION_CHANNEL = 'poy_invalidate';

const invalidationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('api_key'), keyId: z.string(), keyHashHex: z.string() }),
  z.object({ kind: z.literal('project'), projectId: z.string() }),
  z.object({ kind: z.literal('all') }),
]);
const stringArray = z.array(z.string());
const planSchema = z.enum(['free', 'pro', 'enterprise']);
const modeSchema = z.enum(['live', 'test']);

function toProject(row: Selectable<ProjectsTable>): Project {
  const plan: Plan = planSchema.parse(row.plan);
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    publicId: row.public_id,
    plan,
    rateLimitPerMinute: row.rate_limit_per_minute,
    rateLimitPerDay: row.rate_limit_per_day,
    trustThreshold: row.trust_threshold,
    redirectOrigins: stringArray.parse(row.redirect_origins),
    webauthnRpId: row.webauthn_rp_id,
    webauthnRpName: row.webauthn_rp_name,
    createdAt: row.created_at,
  };
}

function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  const mode: KeyMode = modeSchema.parse(row.mode);
  return {
    id: row.id,
    projectId: row.project_id,
    mode,
    name: row.name,
    displayPrefix: row.display_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

async function notify(db: Kysely<Database>, invalidation: Invalidation): Promise<void> {
  await sql`select pg_notify(${INVALIDATION_CHANNEL}, ${JSON.stringify(invalidation)})`.execute(db);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

export async function createPostgresStore(
  handle: DatabaseHandle,
  options: { onListenError?: (error: Error) => void } = {},
): Promise<Store> {
  const { db } = handle;
  const handlers = new Set<(invalidation: Invalidation) => void>();
  const dispatch = (invalidation: Invalidation): void => {
    for (const handler of handlers) handler(invalidation);
  };
  const unlisten = await handle.listen(
    INVALIDATION_CHANNEL,
    (payload) => {
      const parsed = invalidationSchema.safeParse(safeJsonParse(payload));
      if (parsed.success) dispatch(parsed.data);
      else options.onListenError?.(new Error('Ignored a malformed invalidation payload'));
    },
    () => dispatch({ kind: 'all' }),
  );

  return {
    kind: handle.kind,

    async ping() {
      await sql`select 1`.execute(db);
    },

    async close() {
      await unlisten();
      await handle.close();
    },

    async insertAccount(account) {
      const row = await db
        .insertInto('accounts')
        .values({ id: account.id, name: account.name, created_at: account.createdAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { id: row.id, name: row.name, createdAt: row.created_at };
    },

    async findAccountById(id) {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
    },

    async countAccounts() {
      const row = await db
        .selectFrom('accounts')
        .select(sql<number>`count(*)::int`.as('count'))
        .executeTakeFirstOrThrow();
      return row.count;
    },

    async insertProject(project) {
      try {
        const row = await db
          .insertInto('projects')
          .values({
            id: project.id,
            account_id: project.accountId,
            name: project.name,
            public_id: project.publicId,
            plan: project.plan,
            rate_limit_per_minute: project.rateLimitPerMinute ?? null,
            rate_limit_per_day: project.rateLimitPerDay ?? null,
            trust_threshold: project.trustThreshold ?? 50,
            redirect_origins: JSON.stringify(project.redirectOrigins ?? []),
            webauthn_rp_id: project.webauthnRpId ?? null,
            webauthn_rp_name: project.webauthnRpName ?? null,
            created_at: project.createdAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toProject(row);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    async findProjectById(id) {
      const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toProject(row) : null;
    },

    async findProjectByPublicId(publicId) {
      const row = await db
        .selectFrom('projects')
        .selectAll()
        .where('public_id', '=', publicId)
        .executeTakeFirst();
      return row ? toProject(row) : null;
    },

    async listProjectsByAccount(accountId) {
      const rows = await db
        .selectFrom('projects')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toProject);
    },

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
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toApiKey(row);
    },

    async findApiKeyByHash(keyHashHex) {
      const row = await db
        .selectFrom('api_keys')
        .innerJoin('projects', 'projects.id', 'api_keys.project_id')
        .selectAll('projects')
        .select([
          'api_keys.id as key_id',
          'api_keys.mode as key_mode',
          'api_keys.name as key_name',
          'api_keys.key_hash as key_hash',
          'api_keys.display_prefix as key_display_prefix',
          'api_keys.created_at as key_created_at',
          'api_keys.last_used_at as key_last_used_at',
          'api_keys.revoked_at as key_revoked_at',
        ])
        .where('api_keys.key_hash', '=', keyHashHex)
        .executeTakeFirst();
      if (!row) return null;
      return {
        project: toProject(row),
        apiKey: toApiKey({
          id: row.key_id,
          project_id: row.id,
          mode: row.key_mode,
          name: row.key_name,
          key_hash: row.key_hash,
          display_prefix: row.key_display_prefix,
          created_at: row.key_created_at,
          last_used_at: row.key_last_used_at,
          revoked_at: row.key_revoked_at,
        }),
      };
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

    async revokeApiKey({ keyId, projectId, revokedAt }) {
      const revoked = await db.transaction().execute(async (trx) => {
        let query = trx
          .updateTable('api_keys')
          .set({ revoked_at: revokedAt })
          .where('id', '=', keyId)
          .where('revoked_at', 'is', null);
        if (projectId !== null) query = query.where('project_id', '=', projectId);
        const row = await query.returningAll().executeTakeFirst();
        if (!row) return null;
        const invalidation: Invalidation = { kind: 'api_key', keyId: row.id, keyHashHex: row.key_hash };
        await notify(trx, invalidation);
        return { apiKey: toApiKey(row), invalidation };
      });
      if (!revoked) return null;
      // This process learns at once; other processes through the NOTIFY sent with the commit.
      dispatch(revoked.invalidation);
      return revoked.apiKey;
    },

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

    async insertChallenge(challenge) {
      const row = await db
        .insertInto('challenges')
        .values({
          id: challenge.id,
          project_id: challenge.projectId,
          purpose: challenge.purpose,
          token_hash: challenge.tokenHashHex,
          payload: JSON.stringify(challenge.payload),
          expires_at: challenge.expiresAt,
          created_at: challenge.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toChallenge(row);
    },

    async consumeChallenge({ purpose, tokenHashHex, now }) {
      // DELETE … RETURNING is atomic: of concurrent callers, exactly one sees the row.
      const row = await db
        .deleteFrom('challenges')
        .where('token_hash', '=', tokenHashHex)
        .where('purpose', '=', purpose)
        .returningAll()
        .executeTakeFirst();
      if (!row || row.expires_at.getTime() <= now.getTime()) return null;
      return toChallenge(row);
    },

    async deleteExpiredChallenges(now) {
      const result = await db.deleteFrom('challenges').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    onInvalidation(handler) {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },
  };
}

function toChallenge(row: {
  id: string;
  project_id: string | null;
  purpose: string;
  payload: unknown;
  expires_at: Date;
  created_at: Date;
}): Challenge {
  return {
    id: row.id,
    projectId: row.project_id,
    purpose: row.purpose,
    payload: row.payload,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
