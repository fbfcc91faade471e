// Signing keys. Adding or retiring one is announced so every process reloads its key ring.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { SigningKey, SigningKeysStore } from '../types/signing-keys.ts';
import type { SigningKeysTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';

export function createSigningKeysOperations({ db, announcing }: SqlScope): SigningKeysStore {
  return {
    insertSigningKey: announcing(async ({ db, announce }, key) => {
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
    }),

    async listSigningKeys() {
      const rows = await db
        .selectFrom('signing_keys')
        .selectAll()
        .orderBy('created_at')
        .orderBy('kid')
        .execute();
      return rows.map(toSigningKey);
    },

    retireSigningKeys: announcing(async ({ db, announce }, purpose, retiredAt) => {
      const result = await db
        .updateTable('signing_keys')
        .set({ retired_at: retiredAt })
        .where('purpose', '=', purpose)
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      await announce({ kind: 'signing_keys' });
      return Number(result.numUpdatedRows);
    }),
  };
}

export function toSigningKey(row: Selectable<SigningKeysTable>): SigningKey {
  return {
    kid: row.kid,
    purpose: z.enum(['stamp', 'session', 'redirect']).parse(row.purpose),
    publicJwk: row.public_jwk,
    privateKeyEncrypted: row.private_key_encrypted,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}
