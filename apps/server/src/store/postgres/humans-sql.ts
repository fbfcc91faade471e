// PoY humans and their passkeys. Changing or deleting a human is announced: cached answers about
// them (`check`) are dropped in every process.
import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { Human, HumanPasskey, HumansStore } from '../types/humans.ts';
import type { HumanPasskeysTable, HumansTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { jsonOrNull, modeSchema, stringArraySchema } from './sql-values.ts';

const factorsSchema = z
  .object({ liveness: z.number(), device: z.number(), behavioral: z.number(), credential: z.number() })
  .nullable()
  .catch(null);

const checkResult = z.enum(['pass', 'fail']);
const checksSchema = z
  .object({ liveness: checkResult, device: checkResult, behavioral: checkResult })
  .nullable()
  .catch(null);

export function createHumansOperations({ db, announcing }: SqlScope): HumansStore {
  return {
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

    async findHumanOfVerifiedUser({ projectId, mode, referenceUserId }) {
      const row = await db
        .selectFrom('humans')
        .selectAll('humans')
        .innerJoin('connect_users', 'connect_users.human_id', 'humans.id')
        .where('connect_users.project_id', '=', projectId)
        .where('connect_users.mode', '=', mode)
        .where('connect_users.reference_user_id', '=', referenceUserId)
        .where('connect_users.status', '=', 'VERIFIED')
        .executeTakeFirst();
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

    deleteHuman: announcing(async ({ db, announce }, id) => {
      const row = await db.deleteFrom('humans').where('id', '=', id).returning('id').executeTakeFirst();
      if (!row) return false;
      await announce({ kind: 'human', humanId: id });
      return true;
    }),

    updateHuman: announcing(async ({ db, announce }, id, patch) => {
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
    }),

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
          user_handle: passkey.userHandle,
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

    async moveHumanPasskeys(fromHumanId, toHumanId) {
      const result = await db
        .updateTable('human_passkeys')
        .set({ human_id: toHumanId })
        .where('human_id', '=', fromHumanId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
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
  };
}

export function toHuman(row: Selectable<HumansTable>): Human {
  const parsedFactors = factorsSchema.parse(row.factors);
  return {
    id: row.id,
    mode: modeSchema.parse(row.mode),
    poyCode: row.poy_code,
    status: z.enum(['pending', 'verified']).parse(row.status),
    trustScore: row.trust_score,
    trustCeiling: row.trust_ceiling,
    factors: parsedFactors,
    successfulVerifications: row.successful_verifications,
    verifiedAt: row.verified_at,
    checks: checksSchema.parse(row.checks),
    emailHash: row.email_hash,
    displayName: row.display_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toHumanPasskey(row: Selectable<HumanPasskeysTable>): HumanPasskey {
  return {
    credentialId: row.credential_id,
    humanId: row.human_id,
    publicKeyBase64Url: row.public_key,
    signCount: Number(row.sign_count),
    transports: stringArraySchema.parse(row.transports),
    deviceType: z.enum(['singleDevice', 'multiDevice']).parse(row.device_type),
    backedUp: row.backed_up,
    aaguid: row.aaguid,
    userHandle: row.user_handle,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
