// Verification sessions. Every real change is announced, which is what moves the live progress
// pages (SSE) of every process.
import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type {
  VelocityDigestKind,
  VerificationSession,
  VerificationSessionsStore,
} from '../types/verification-sessions.ts';
import type { VerificationSessionsTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { isUniqueViolation, jsonOrNull, modeSchema } from './sql-values.ts';

export const DIGEST_COLUMNS = {
  ip: 'start_ip_hash',
  prefix: 'start_prefix_hash',
  device: 'start_device_hash',
} as const satisfies Record<VelocityDigestKind, keyof VerificationSessionsTable>;

export function createVerificationSessionsOperations({
  db,
  announcing,
}: SqlScope): VerificationSessionsStore {
  return {
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

    updateVerificationSession: announcing(async ({ db, announce }, id, patch) => {
      const changes = {
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.outcome !== undefined ? { outcome: patch.outcome } : {}),
        ...(patch.humanId !== undefined ? { human_id: patch.humanId } : {}),
        ...(patch.flowTokenHashHex !== undefined ? { flow_token_hash: patch.flowTokenHashHex } : {}),
        ...(patch.passkeySignals !== undefined ? { passkey_signals: jsonOrNull(patch.passkeySignals) } : {}),
        ...(patch.userAgentHashHex !== undefined ? { user_agent_hash: patch.userAgentHashHex } : {}),
        ...(patch.deviceSecretHashHex !== undefined ? { device_secret_hash: patch.deviceSecretHashHex } : {}),
        ...(patch.startedAt !== undefined ? { started_at: patch.startedAt } : {}),
        ...(patch.assessment !== undefined ? { assessment: jsonOrNull(patch.assessment) } : {}),
        ...(patch.completedAt !== undefined ? { completed_at: patch.completedAt } : {}),
        ...(patch.liveness !== undefined ? { liveness: jsonOrNull(patch.liveness) } : {}),
        ...(patch.assuranceLevel !== undefined ? { assurance_level: patch.assuranceLevel } : {}),
        ...(patch.review !== undefined ? { review: jsonOrNull(patch.review) } : {}),
        ...(patch.startIpHashHex !== undefined ? { start_ip_hash: patch.startIpHashHex } : {}),
        ...(patch.startPrefixHashHex !== undefined ? { start_prefix_hash: patch.startPrefixHashHex } : {}),
        ...(patch.startDeviceHashHex !== undefined ? { start_device_hash: patch.startDeviceHashHex } : {}),
        ...(patch.createdHuman !== undefined ? { created_human: patch.createdHuman } : {}),
        ...(patch.passkeyDoneAt !== undefined ? { passkey_done_at: patch.passkeyDoneAt } : {}),
        ...(patch.cameraDoneAt !== undefined ? { camera_done_at: patch.cameraDoneAt } : {}),
        ...(patch.heldAt !== undefined ? { held_at: patch.heldAt } : {}),
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
    }),

    async listSessionsInReview({ projectId, mode, limit }) {
      const rows = await db
        .selectFrom('verification_sessions')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where('outcome', '=', 'review')
        .orderBy('completed_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toSession);
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

    async countVelocitySessions(query) {
      const timeColumn = query.event === 'started' ? 'started_at' : 'completed_at';
      let select = db
        .selectFrom('verification_sessions')
        .select(sql<number>`count(*)::int`.as('count'))
        .where('mode', '=', query.mode)
        .where(DIGEST_COLUMNS[query.digestKind], '=', query.digestHex)
        .where(timeColumn, '>=', query.since)
        .where(timeColumn, '<=', query.until);
      if (query.event === 'created_human') select = select.where('created_human', '=', true);
      if (query.excludeSessionId !== undefined) select = select.where('id', '<>', query.excludeSessionId);
      const row = await select.executeTakeFirstOrThrow();
      return row.count;
    },

    // Not announced: no page shows the digests.
    async clearStaleVelocityDigests(cutoff) {
      const result = await db
        .updateTable('verification_sessions')
        .set({ start_ip_hash: null, start_prefix_hash: null, start_device_hash: null })
        .where('status', '<>', 'PENDING')
        .where('started_at', '<', cutoff)
        .where((eb) => eb.or([eb('completed_at', 'is', null), eb('completed_at', '<', cutoff)]))
        .where((eb) =>
          eb.or([
            eb('start_ip_hash', 'is not', null),
            eb('start_prefix_hash', 'is not', null),
            eb('start_device_hash', 'is not', null),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export function toSession(row: Selectable<VerificationSessionsTable>): VerificationSession {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    purpose: z.enum(['connect', 'enrollment', 'poy_user']).parse(row.purpose),
    connectUserId: row.connect_user_id,
    status: z.enum(['PENDING', 'COMPLETED', 'EXPIRED', 'CANCELLED']).parse(row.status),
    outcome: z.enum(['verified', 'failed', 'duplicate', 'expired', 'review']).nullable().parse(row.outcome),
    humanId: row.human_id,
    flowTokenHashHex: row.flow_token_hash,
    passkeySignals: row.passkey_signals,
    userAgentHashHex: row.user_agent_hash,
    deviceSecretHashHex: row.device_secret_hash,
    startedAt: row.started_at,
    assessment: row.assessment,
    liveness: row.liveness,
    assuranceLevel: z.enum(['none', 'passkey', 'liveness', 'unique']).nullable().parse(row.assurance_level),
    review: row.review,
    startIpHashHex: row.start_ip_hash,
    startPrefixHashHex: row.start_prefix_hash,
    startDeviceHashHex: row.start_device_hash,
    createdHuman: row.created_human,
    passkeyDoneAt: row.passkey_done_at,
    cameraDoneAt: row.camera_done_at,
    heldAt: row.held_at,
    expiresAt: row.expires_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
  };
}
