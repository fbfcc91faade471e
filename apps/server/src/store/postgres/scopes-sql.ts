// Uniqueness places (docs/api.md §9): the primary key is what keeps one human to one place per scope.
import type { Selectable } from 'kysely';
import type { ScopeMembership, ScopesStore } from '../types/scopes.ts';
import type { ScopeMembershipsTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { modeSchema } from './sql-values.ts';

export function createScopesOperations({ db }: SqlScope): ScopesStore {
  return {
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
  };
}

export function toScopeMembership(row: Selectable<ScopeMembershipsTable>): ScopeMembership {
  return {
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    scope: row.scope,
    humanId: row.human_id,
    connectUserId: row.connect_user_id,
    uniqueHumanId: row.unique_human_id,
    createdAt: row.created_at,
  };
}
