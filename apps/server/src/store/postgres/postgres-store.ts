// The Store on PostgreSQL SQL, shared by node-postgres and PGlite. Every operation is written once
// against a Kysely executor, which is either the database or an open transaction, so the same code
// serves `store.x()` and `store.transaction(tx => tx.x())`.
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DatabaseHandle } from '../drivers/database-handle.ts';
import type { ClaimedDelivery, Invalidation, Store, StoreOperations } from '../store.ts';
import {
  toApiKey,
  toChallenge,
  toConnectUser,
  toConnectWebhookSecret,
  toHuman,
  toHumanPasskey,
  toOutboxEvent,
  toProject,
  toScopeMembership,
  toSession,
  toSigningKey,
  toStamp,
  toUserPasskey,
  toWebhookAttempt,
  toWebhookDelivery,
  toWebhookEndpoint,
} from './row-mappers.ts';
import type { Database } from './schema.ts';

const INVALIDATION_CHANNEL = 'poy_invalidate';

const invalidationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('api_key'), keyId: z.string(), keyHashHex: z.string() }),
  z.object({ kind: z.literal('project'), projectId: z.string() }),
  z.object({ kind: z.literal('verification_session'), sessionId: z.string() }),
  z.object({
    kind: z.literal('project_user'),
    projectId: z.string(),
    mode: z.enum(['live', 'test']),
    referenceUserId: z.string(),
  }),
  z.object({ kind: z.literal('human'), humanId: z.string() }),
  z.object({ kind: z.literal('signing_keys') }),
  z.object({ kind: z.literal('webhooks_due') }),
  z.object({ kind: z.literal('all') }),
]);

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

const modeSchema = z.enum(['live', 'test']);
function modeOf(value: string): 'live' | 'test' {
  return modeSchema.parse(value);
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * The operations over one executor. `announce` sends NOTIFY on the same executor (so it commits or
 * rolls back with the change) and hands the invalidation to `onAnnounced` for local delivery.
 */
function createOperations(
  db: Kysely<Database>,
  onAnnounced: (invalidation: Invalidation) => void,
): StoreOperations {
  async function announce(invalidation: Invalidation): Promise<void> {
    await sql`select pg_notify(${INVALIDATION_CHANNEL}, ${JSON.stringify(invalidation)})`.execute(db);
    onAnnounced(invalidation);
  }

  return {
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
          webauthn_origins: JSON.stringify(project.webauthnOrigins ?? []),
          created_at: project.createdAt,
        })
        .onConflict((conflict) => conflict.column('public_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toProject(row) : null;
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

    async revokeApiKey({ keyId, projectId, revokedAt }) {
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

    async insertHuman(human) {
      const row = await db
        .insertInto('humans')
        .values({
          id: human.id,
          mode: human.mode,
          poy_code: human.poyCode,
          status: human.status,
          trust_score: human.trustScore,
          trust_ceiling: human.trustCeiling,
          factors: JSON.stringify(human.factors ?? {}),
          successful_verifications: human.successfulVerifications,
          verified_at: human.verifiedAt ?? null,
          checks: jsonOrNull(human.checks),
          email_hash: human.emailHash ?? null,
          display_name: human.displayName ?? null,
          created_at: human.createdAt,
          updated_at: human.updatedAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toHuman(row) : null;
    },

    async findHumanById(id) {
      const row = await db.selectFrom('humans').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toHuman(row) : null;
    },

    async findHumanByPoyCode(poyCode) {
      const row = await db
        .selectFrom('humans')
        .selectAll()
        .where('poy_code', '=', poyCode)
        .executeTakeFirst();
      return row ? toHuman(row) : null;
    },

    async findHumanByEmailHash(mode, emailHash) {
      const row = await db
        .selectFrom('humans')
        .selectAll()
        .where('mode', '=', mode)
        .where('email_hash', '=', emailHash)
        .executeTakeFirst();
      return row ? toHuman(row) : null;
    },

    async deleteHuman(id) {
      const row = await db.deleteFrom('humans').where('id', '=', id).returning('id').executeTakeFirst();
      if (!row) return false;
      await announce({ kind: 'human', humanId: id });
      return true;
    },

    async listConnectUsersByHuman(humanId) {
      const rows = await db
        .selectFrom('connect_users')
        .selectAll()
        .where('human_id', '=', humanId)
        .orderBy('created_at')
        .execute();
      return rows.map(toConnectUser);
    },

    async updateHuman(id, patch) {
      const row = await db
        .updateTable('humans')
        .set({
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.trustScore !== undefined ? { trust_score: patch.trustScore } : {}),
          ...(patch.trustCeiling !== undefined ? { trust_ceiling: patch.trustCeiling } : {}),
          ...(patch.factors !== undefined ? { factors: JSON.stringify(patch.factors ?? {}) } : {}),
          ...(patch.successfulVerifications !== undefined
            ? { successful_verifications: patch.successfulVerifications }
            : {}),
          ...(patch.verifiedAt !== undefined ? { verified_at: patch.verifiedAt } : {}),
          ...(patch.checks !== undefined ? { checks: jsonOrNull(patch.checks) } : {}),
          ...(patch.emailHash !== undefined ? { email_hash: patch.emailHash } : {}),
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          updated_at: patch.updatedAt,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await announce({ kind: 'human', humanId: id });
      return toHuman(row);
    },

    async insertHumanPasskey(passkey) {
      const row = await db
        .insertInto('human_passkeys')
        .values({
          credential_id: passkey.credentialId,
          human_id: passkey.humanId,
          public_key: passkey.publicKeyBase64Url,
          sign_count: passkey.signCount,
          transports: JSON.stringify(passkey.transports),
          device_type: passkey.deviceType,
          backed_up: passkey.backedUp,
          aaguid: passkey.aaguid,
          created_at: passkey.createdAt,
          last_used_at: passkey.lastUsedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toHumanPasskey(row);
    },

    async findHumanPasskey(credentialId) {
      const row = await db
        .selectFrom('human_passkeys')
        .selectAll()
        .where('credential_id', '=', credentialId)
        .executeTakeFirst();
      return row ? toHumanPasskey(row) : null;
    },

    async countHumanPasskeys(humanId) {
      const row = await db
        .selectFrom('human_passkeys')
        .select(sql<number>`count(*)::int`.as('count'))
        .where('human_id', '=', humanId)
        .executeTakeFirstOrThrow();
      return row.count;
    },

    async recordHumanPasskeyUse({ credentialId, signCount, backedUp, usedAt }) {
      await db
        .updateTable('human_passkeys')
        .set({ sign_count: signCount, backed_up: backedUp, last_used_at: usedAt })
        .where('credential_id', '=', credentialId)
        .execute();
    },

    async insertConnectUser(user) {
      const row = await db
        .insertInto('connect_users')
        .values({
          id: user.id,
          project_id: user.projectId,
          mode: user.mode,
          reference_user_id: user.referenceUserId,
          data_request_type: user.dataRequestType,
          uniqueness_region_id: user.uniquenessRegionId,
          redirect_url: user.redirectUrl,
          status: 'PENDING',
          created_at: user.createdAt,
          updated_at: user.updatedAt,
        })
        .onConflict((conflict) => conflict.columns(['project_id', 'mode', 'reference_user_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toConnectUser(row) : null;
    },

    async findConnectUser(key, options = {}) {
      let query = db
        .selectFrom('connect_users')
        .selectAll()
        .where('project_id', '=', key.projectId)
        .where('mode', '=', key.mode);
      if (key.userId !== undefined) query = query.where('id', '=', key.userId);
      if (key.referenceUserId !== undefined)
        query = query.where('reference_user_id', '=', key.referenceUserId);
      if (key.userId === undefined && key.referenceUserId === undefined) return null;
      const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
      return row ? toConnectUser(row) : null;
    },

    async findConnectUserById(id) {
      const row = await db.selectFrom('connect_users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toConnectUser(row) : null;
    },

    async updateConnectUser(id, patch) {
      const row = await db
        .updateTable('connect_users')
        .set({
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.unfulfillableReason !== undefined
            ? { unfulfillable_reason: patch.unfulfillableReason }
            : {}),
          ...(patch.humanId !== undefined ? { human_id: patch.humanId } : {}),
          ...(patch.humannessScore !== undefined ? { humanness_score: patch.humannessScore } : {}),
          ...(patch.uniqueHumanId !== undefined ? { unique_human_id: patch.uniqueHumanId } : {}),
          ...(patch.verifiedAt !== undefined ? { verified_at: patch.verifiedAt } : {}),
          ...(patch.redirectUrl !== undefined ? { redirect_url: patch.redirectUrl } : {}),
          ...(patch.dataRequestType !== undefined ? { data_request_type: patch.dataRequestType } : {}),
          ...(patch.uniquenessRegionId !== undefined
            ? { uniqueness_region_id: patch.uniquenessRegionId }
            : {}),
          updated_at: patch.updatedAt,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await announce({
        kind: 'project_user',
        projectId: row.project_id,
        mode: modeOf(row.mode),
        referenceUserId: row.reference_user_id,
      });
      return toConnectUser(row);
    },

    async deleteConnectUser(id) {
      const row = await db.deleteFrom('connect_users').where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) return false;
      await announce({
        kind: 'project_user',
        projectId: row.project_id,
        mode: modeOf(row.mode),
        referenceUserId: row.reference_user_id,
      });
      return true;
    },

    async insertVerificationSession(session) {
      try {
        const row = await db
          .insertInto('verification_sessions')
          .values({
            id: session.id,
            project_id: session.projectId,
            mode: session.mode,
            purpose: session.purpose,
            connect_user_id: session.connectUserId,
            invite_code_hash: session.inviteCodeHashHex,
            short_code_hash: session.shortCodeHashHex,
            status: 'PENDING',
            expires_at: session.expiresAt,
            created_at: session.createdAt,
          })
          .onConflict((conflict) => conflict.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row ? toSession(row) : null;
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    async findSessionByInviteHash(inviteCodeHashHex, options = {}) {
      const query = db
        .selectFrom('verification_sessions')
        .selectAll()
        .where('invite_code_hash', '=', inviteCodeHashHex);
      const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async findSessionByShortCodeHash(shortCodeHashHex) {
      const row = await db
        .selectFrom('verification_sessions')
        .selectAll()
        .where('short_code_hash', '=', shortCodeHashHex)
        .executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async findSessionById(id, options = {}) {
      const query = db.selectFrom('verification_sessions').selectAll().where('id', '=', id);
      const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async findLatestSessionForConnectUser(connectUserId) {
      const row = await db
        .selectFrom('verification_sessions')
        .selectAll()
        .where('connect_user_id', '=', connectUserId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async updateVerificationSession(id, patch) {
      const changes = {
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.outcome !== undefined ? { outcome: patch.outcome } : {}),
        ...(patch.humanId !== undefined ? { human_id: patch.humanId } : {}),
        ...(patch.flowTokenHashHex !== undefined ? { flow_token_hash: patch.flowTokenHashHex } : {}),
        ...(patch.passkeySignals !== undefined ? { passkey_signals: jsonOrNull(patch.passkeySignals) } : {}),
        ...(patch.userAgentHashHex !== undefined ? { user_agent_hash: patch.userAgentHashHex } : {}),
        ...(patch.startedAt !== undefined ? { started_at: patch.startedAt } : {}),
        ...(patch.assessment !== undefined ? { assessment: jsonOrNull(patch.assessment) } : {}),
        ...(patch.completedAt !== undefined ? { completed_at: patch.completedAt } : {}),
      };
      // An empty patch would render `update … set where …`, which is a syntax error; it changes
      // nothing, so it reads the session (still throwing for an unknown id) and announces nothing.
      if (Object.keys(changes).length === 0) {
        const unchanged = await db
          .selectFrom('verification_sessions')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return toSession(unchanged);
      }
      const row = await db
        .updateTable('verification_sessions')
        .set(changes)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await announce({ kind: 'verification_session', sessionId: id });
      return toSession(row);
    },

    async listExpiredPendingSessions(now, limit) {
      const rows = await db
        .selectFrom('verification_sessions')
        .selectAll()
        .where('status', '=', 'PENDING')
        .where('expires_at', '<=', now)
        .orderBy('expires_at')
        .limit(limit)
        .execute();
      return rows.map(toSession);
    },

    async findScopeMembership({ projectId, mode, scope, humanId }) {
      const row = await db
        .selectFrom('scope_memberships')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where('scope', '=', scope)
        .where('human_id', '=', humanId)
        .executeTakeFirst();
      return row ? toScopeMembership(row) : null;
    },

    async insertScopeMembership(membership) {
      // ON CONFLICT DO NOTHING waits for a concurrent insert of the same place to commit, so of two
      // simultaneous completions by one human in one scope exactly one gets the place.
      const row = await db
        .insertInto('scope_memberships')
        .values({
          project_id: membership.projectId,
          mode: membership.mode,
          scope: membership.scope,
          human_id: membership.humanId,
          connect_user_id: membership.connectUserId,
          unique_human_id: membership.uniqueHumanId,
          created_at: membership.createdAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .returning('human_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async insertUserPasskey(passkey) {
      const row = await db
        .insertInto('user_passkeys')
        .values({
          credential_id: passkey.credentialId,
          project_id: passkey.projectId,
          mode: passkey.mode,
          user_id: passkey.userId,
          public_key: passkey.publicKeyBase64Url,
          sign_count: passkey.signCount,
          transports: JSON.stringify(passkey.transports),
          device_type: passkey.deviceType,
          backed_up: passkey.backedUp,
          user_verified: passkey.userVerified,
          created_at: passkey.createdAt,
          last_used_at: passkey.lastUsedAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toUserPasskey(row) : null;
    },

    async findUserPasskey(projectId, credentialId, options = {}) {
      const query = db
        .selectFrom('user_passkeys')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('credential_id', '=', credentialId);
      const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
      return row ? toUserPasskey(row) : null;
    },

    async listUserPasskeys({ projectId, mode, userId }) {
      const rows = await db
        .selectFrom('user_passkeys')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
      return rows.map(toUserPasskey);
    },

    async recordUserPasskeyUse({ projectId, credentialId, signCount, backedUp, usedAt }) {
      await db
        .updateTable('user_passkeys')
        .set({ sign_count: signCount, backed_up: backedUp, last_used_at: usedAt })
        .where('project_id', '=', projectId)
        .where('credential_id', '=', credentialId)
        .execute();
    },

    async insertSigningKey(key) {
      const row = await db
        .insertInto('signing_keys')
        .values({
          kid: key.kid,
          purpose: key.purpose,
          public_jwk: JSON.stringify(key.publicJwk),
          private_key_encrypted: key.privateKeyEncrypted,
          created_at: key.createdAt,
          retired_at: key.retiredAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await announce({ kind: 'signing_keys' });
      return toSigningKey(row);
    },

    async listSigningKeys() {
      const rows = await db
        .selectFrom('signing_keys')
        .selectAll()
        .orderBy('created_at')
        .orderBy('kid')
        .execute();
      return rows.map(toSigningKey);
    },

    async retireSigningKeys(purpose, retiredAt) {
      const result = await db
        .updateTable('signing_keys')
        .set({ retired_at: retiredAt })
        .where('purpose', '=', purpose)
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      await announce({ kind: 'signing_keys' });
      return Number(result.numUpdatedRows);
    },

    async insertStamp(stamp) {
      const row = await db
        .insertInto('stamps')
        .values({
          id: stamp.id,
          project_id: stamp.projectId,
          mode: stamp.mode,
          user_id: stamp.userId,
          human_id: stamp.humanId,
          created_by: stamp.createdBy,
          content_hash: stamp.contentHash,
          content_type: stamp.contentType,
          title: stamp.title,
          url: stamp.url,
          kid: stamp.kid,
          signature: stamp.signature,
          created_at: stamp.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toStamp(row);
    },

    async findStamp(id) {
      const row = await db.selectFrom('stamps').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toStamp(row) : null;
    },

    async insertWebhookEndpoint(endpoint) {
      const row = await db
        .insertInto('webhook_endpoints')
        .values({
          id: endpoint.id,
          project_id: endpoint.projectId,
          mode: endpoint.mode,
          surface: endpoint.surface,
          url: endpoint.url,
          event_types: JSON.stringify(endpoint.eventTypes),
          connect_event_type: endpoint.surface === 'connect' ? (endpoint.eventTypes[0] ?? null) : null,
          enabled: endpoint.enabled,
          disabled_reason: endpoint.disabledReason,
          secret_encrypted: endpoint.secretEncrypted,
          previous_secret_encrypted: endpoint.previousSecretEncrypted,
          previous_secret_expires_at: endpoint.previousSecretExpiresAt,
          failing_since: endpoint.failingSince,
          created_at: endpoint.createdAt,
          updated_at: endpoint.updatedAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toWebhookEndpoint(row) : null;
    },

    async findWebhookEndpoint({ projectId, mode, id }) {
      const row = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('id', '=', id)
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .executeTakeFirst();
      return row ? toWebhookEndpoint(row) : null;
    },

    async findConnectWebhookEndpoint({ projectId, mode, eventType }) {
      const row = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where('surface', '=', 'connect')
        .where('connect_event_type', '=', eventType)
        .executeTakeFirst();
      return row ? toWebhookEndpoint(row) : null;
    },

    async listWebhookEndpoints({ projectId, mode, surface }) {
      const rows = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where('surface', '=', surface)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toWebhookEndpoint);
    },

    async updateWebhookEndpoint(id, patch) {
      const row = await db
        .updateTable('webhook_endpoints')
        .set({
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.eventTypes !== undefined ? { event_types: JSON.stringify(patch.eventTypes) } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
          ...(patch.disabledReason !== undefined ? { disabled_reason: patch.disabledReason } : {}),
          ...(patch.secretEncrypted !== undefined ? { secret_encrypted: patch.secretEncrypted } : {}),
          ...(patch.previousSecretEncrypted !== undefined
            ? { previous_secret_encrypted: patch.previousSecretEncrypted }
            : {}),
          ...(patch.previousSecretExpiresAt !== undefined
            ? { previous_secret_expires_at: patch.previousSecretExpiresAt }
            : {}),
          ...(patch.failingSince !== undefined ? { failing_since: patch.failingSince } : {}),
          updated_at: patch.updatedAt,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toWebhookEndpoint(row);
    },

    async deleteWebhookEndpoint(id) {
      const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async findConnectWebhookSecret(projectId, mode) {
      const row = await db
        .selectFrom('connect_webhook_secrets')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .executeTakeFirst();
      return row ? toConnectWebhookSecret(row) : null;
    },

    async upsertConnectWebhookSecret(secret) {
      const values = {
        project_id: secret.projectId,
        mode: secret.mode,
        secret_encrypted: secret.secretEncrypted,
        previous_secret_encrypted: secret.previousSecretEncrypted,
        previous_secret_expires_at: secret.previousSecretExpiresAt,
        created_at: secret.createdAt,
        rotated_at: secret.rotatedAt,
      };
      const row = await db
        .insertInto('connect_webhook_secrets')
        .values(values)
        .onConflict((conflict) =>
          conflict.columns(['project_id', 'mode']).doUpdateSet({
            secret_encrypted: values.secret_encrypted,
            previous_secret_encrypted: values.previous_secret_encrypted,
            previous_secret_expires_at: values.previous_secret_expires_at,
            rotated_at: values.rotated_at,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConnectWebhookSecret(row);
    },

    async insertConnectWebhookSecret(secret) {
      const row = await db
        .insertInto('connect_webhook_secrets')
        .values({
          project_id: secret.projectId,
          mode: secret.mode,
          secret_encrypted: secret.secretEncrypted,
          previous_secret_encrypted: secret.previousSecretEncrypted,
          previous_secret_expires_at: secret.previousSecretExpiresAt,
          created_at: secret.createdAt,
          rotated_at: secret.rotatedAt,
        })
        .onConflict((conflict) => conflict.columns(['project_id', 'mode']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toConnectWebhookSecret(row) : null;
    },

    async insertWebhookDeliveries(deliveries) {
      if (deliveries.length === 0) return;
      await db
        .insertInto('webhook_deliveries')
        .values(
          deliveries.map((delivery) => ({
            id: delivery.id,
            event_id: delivery.eventId,
            endpoint_id: delivery.endpointId,
            project_id: delivery.projectId,
            mode: delivery.mode,
            status: delivery.status,
            attempt_count: 0,
            next_attempt_at: delivery.nextAttemptAt,
            created_at: delivery.createdAt,
          })),
        )
        .execute();
      await announce({ kind: 'webhooks_due' });
    },

    async claimDueDeliveries({ now, limit, leaseUntil }) {
      // One statement: the due rows are locked with SKIP LOCKED (another worker's rows are passed
      // over, never waited for or taken twice), counted as an attempt and leased in the same step.
      const claimed = await sql<{ id: string }>`
        with due as (
          select d.id from webhook_deliveries d
          join webhook_endpoints e on e.id = d.endpoint_id and e.enabled
          where d.status = 'pending' and d.next_attempt_at <= ${now}
          order by d.next_attempt_at
          limit ${limit}
          for update of d skip locked
        )
        update webhook_deliveries set
          attempt_count = webhook_deliveries.attempt_count + 1,
          next_attempt_at = ${leaseUntil},
          last_attempt_at = ${now}
        from due where webhook_deliveries.id = due.id
        returning webhook_deliveries.id`.execute(db);
      const ids = claimed.rows.map((row) => row.id);
      if (ids.length === 0) return [];
      const deliveries = (
        await db.selectFrom('webhook_deliveries').selectAll().where('id', 'in', ids).execute()
      ).map(toWebhookDelivery);
      const events = new Map(
        (
          await db
            .selectFrom('outbox_events')
            .selectAll()
            .where(
              'id',
              'in',
              deliveries.map((delivery) => delivery.eventId),
            )
            .execute()
        ).map((row) => [row.id, toOutboxEvent(row)]),
      );
      const endpoints = new Map(
        (
          await db
            .selectFrom('webhook_endpoints')
            .selectAll()
            .where(
              'id',
              'in',
              deliveries.map((delivery) => delivery.endpointId),
            )
            .execute()
        ).map((row) => [row.id, toWebhookEndpoint(row)]),
      );
      const secrets = new Map(
        (
          await db
            .selectFrom('connect_webhook_secrets')
            .selectAll()
            .where(
              'project_id',
              'in',
              deliveries.map((delivery) => delivery.projectId),
            )
            .execute()
        ).map((row) => [`${row.project_id}:${row.mode}`, toConnectWebhookSecret(row)]),
      );
      const result: ClaimedDelivery[] = [];
      for (const delivery of deliveries) {
        const event = events.get(delivery.eventId);
        const endpoint = endpoints.get(delivery.endpointId);
        if (!event || !endpoint) continue;
        result.push({
          delivery,
          event,
          endpoint,
          connectSecret: secrets.get(`${delivery.projectId}:${delivery.mode}`) ?? null,
        });
      }
      return result;
    },

    async recordDeliveryAttempt({ attempt, outcome }) {
      const settled = outcome.kind !== 'retry';
      // One statement logs the attempt and settles the delivery, atomically and in one round trip.
      // Only the attempt holding the delivery settles it: one whose lease ran out while it was in flight
      // (another claim counted a newer attempt, or a replay requeued it) is logged but must not
      // overwrite the newer outcome, e.g. turn a success back into a pending retry.
      const row = await db
        .with('logged', (query) =>
          query.insertInto('webhook_attempts').values({
            id: attempt.id,
            delivery_id: attempt.deliveryId,
            attempt_number: attempt.attemptNumber,
            attempted_at: attempt.attemptedAt,
            duration_ms: attempt.durationMs,
            status_code: attempt.statusCode,
            error: attempt.error,
            response_excerpt: attempt.responseExcerpt,
          }),
        )
        .updateTable('webhook_deliveries')
        .set({
          status: outcome.kind === 'retry' ? 'pending' : outcome.kind,
          next_attempt_at: outcome.kind === 'retry' ? outcome.nextAttemptAt : null,
          completed_at: settled ? attempt.attemptedAt : null,
        })
        .where('id', '=', attempt.deliveryId)
        .where('status', '=', 'pending')
        .where('attempt_count', '=', attempt.attemptNumber)
        .returningAll()
        .executeTakeFirst();
      if (row) return toWebhookDelivery(row);
      const current = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', attempt.deliveryId)
        .executeTakeFirstOrThrow();
      return toWebhookDelivery(current);
    },

    async findDelivery({ projectId, mode, id }) {
      const row = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', id)
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .executeTakeFirst();
      return row ? toWebhookDelivery(row) : null;
    },

    async listDeliveries({ endpointId, limit, before }) {
      let query = db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId);
      if (before !== undefined) {
        const anchor = await db
          .selectFrom('webhook_deliveries')
          .select(['created_at', 'id'])
          .where('id', '=', before)
          .where('endpoint_id', '=', endpointId)
          .executeTakeFirst();
        if (anchor) {
          query = query.where((eb) =>
            eb.or([
              eb('created_at', '<', anchor.created_at),
              eb.and([eb('created_at', '=', anchor.created_at), eb('id', '<', anchor.id)]),
            ]),
          );
        }
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toWebhookDelivery);
    },

    async listAttempts(deliveryIds) {
      if (deliveryIds.length === 0) return [];
      const rows = await db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('delivery_id', 'in', [...deliveryIds])
        .orderBy('delivery_id')
        .orderBy('attempt_number')
        .execute();
      return rows.map(toWebhookAttempt);
    },

    async requeueDelivery(id, now) {
      const row = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', next_attempt_at: now, completed_at: null })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await announce({ kind: 'webhooks_due' });
      return toWebhookDelivery(row);
    },

    async findOutboxEvent(id) {
      const row = await db.selectFrom('outbox_events').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toOutboxEvent(row) : null;
    },

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

  const operations = createOperations(db, dispatch);

  async function transaction<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T> {
    // Inside a transaction, local delivery waits for the commit (and never happens on rollback).
    const announced: Invalidation[] = [];
    const result = await db
      .transaction()
      .execute((trx) => fn(createOperations(trx, (inv) => announced.push(inv))));
    for (const invalidation of announced) dispatch(invalidation);
    return result;
  }

  return {
    ...operations,
    // Changes that announce themselves run in a transaction even when called alone, so the change
    // and its NOTIFY commit together.
    revokeApiKey: (input) => transaction((tx) => tx.revokeApiKey(input)),
    updateVerificationSession: (id, patch) => transaction((tx) => tx.updateVerificationSession(id, patch)),
    updateHuman: (id, patch) => transaction((tx) => tx.updateHuman(id, patch)),
    deleteHuman: (id) => transaction((tx) => tx.deleteHuman(id)),
    updateConnectUser: (id, patch) => transaction((tx) => tx.updateConnectUser(id, patch)),
    deleteConnectUser: (id) => transaction((tx) => tx.deleteConnectUser(id)),
    insertSigningKey: (key) => transaction((tx) => tx.insertSigningKey(key)),
    retireSigningKeys: (purpose, retiredAt) => transaction((tx) => tx.retireSigningKeys(purpose, retiredAt)),
    insertWebhookDeliveries: (deliveries) => transaction((tx) => tx.insertWebhookDeliveries(deliveries)),
    requeueDelivery: (id, now) => transaction((tx) => tx.requeueDelivery(id, now)),
    kind: handle.kind,
    transaction,

    async ping() {
      await sql`select 1`.execute(db);
    },

    async close() {
      await unlisten();
      await handle.close();
    },

    onInvalidation(handler) {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },
  };
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
