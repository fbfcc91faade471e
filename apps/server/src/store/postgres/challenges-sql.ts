// Single-use challenges: consuming one deletes it, so a token can never be used twice.
import type { Selectable } from 'kysely';
import type { Challenge, ChallengesStore } from '../types/challenges.ts';
import type { ChallengesTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';

export function createChallengesOperations({ db }: SqlScope): ChallengesStore {
  return {
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
  };
}

export function toChallenge(row: Selectable<ChallengesTable>): Challenge {
  return {
    id: row.id,
    projectId: row.project_id,
    purpose: row.purpose,
    payload: row.payload,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}
