// Passkeys of a project's own users.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { UserPasskey, UserPasskeysStore } from '../types/user-passkeys.ts';
import type { UserPasskeysTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { modeSchema, stringArraySchema } from './sql-values.ts';

export function createUserPasskeysOperations({ db }: SqlScope): UserPasskeysStore {
  return {
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
  };
}

export function toUserPasskey(row: Selectable<UserPasskeysTable>): UserPasskey {
  return {
    credentialId: row.credential_id,
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    userId: row.user_id,
    publicKeyBase64Url: row.public_key,
    signCount: Number(row.sign_count),
    transports: stringArraySchema.parse(row.transports),
    deviceType: z.enum(['singleDevice', 'multiDevice']).parse(row.device_type),
    backedUp: row.backed_up,
    userVerified: row.user_verified,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
