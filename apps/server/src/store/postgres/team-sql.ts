// Locks an account's members for a team change (types/team.ts). Rows are locked in id order, so two
// transactions locking the same account never deadlock on each other; after waiting, PostgreSQL reads
// the rows again, so a member the other transaction removed or demoted is seen as it is now.
import type { TeamStore } from '../types/team.ts';
import { toMember } from './members-sql.ts';
import type { SqlScope } from './sql-scope.ts';

export function createTeamOperations({ db }: SqlScope): TeamStore {
  return {
    async lockActiveMembers(accountId) {
      const rows = await db
        .selectFrom('members')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('removed_at', 'is', null)
        .orderBy('id')
        .forUpdate()
        .execute();
      return rows
        .map(toMember)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    },
  };
}
