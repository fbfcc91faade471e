// Dashboard sessions, found by the digest of their token together with their member and account.
import type { Selectable } from 'kysely';
import type { DashboardSession, DashboardSessionsStore } from '../types/dashboard-sessions.ts';
import { toMember } from './members-sql.ts';
import type { DashboardSessionsTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';

export function createDashboardSessionsOperations({ db }: SqlScope): DashboardSessionsStore {
  return {
    async insertDashboardSession(session) {
      const row = await db
        .insertInto('dashboard_sessions')
        .values({
          id: session.id,
          member_id: session.memberId,
          token_hash: session.tokenHashHex,
          user_agent: session.userAgent,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toDashboardSession(row);
    },

    async findDashboardSessionByTokenHash(tokenHashHex) {
      const row = await db
        .selectFrom('dashboard_sessions as s')
        .innerJoin('members as m', 'm.id', 's.member_id')
        .innerJoin('accounts as a', 'a.id', 'm.account_id')
        .selectAll('s')
        .select([
          'm.account_id as m_account_id',
          'm.role as m_role',
          'm.display_name as m_display_name',
          'm.created_at as m_created_at',
          'm.removed_at as m_removed_at',
          'a.name as account_name',
        ])
        .where('s.token_hash', '=', tokenHashHex)
        .executeTakeFirst();
      if (!row) return null;
      return {
        session: { ...toDashboardSession(row), tokenHashHex: row.token_hash },
        member: toMember({
          id: row.member_id,
          account_id: row.m_account_id,
          role: row.m_role,
          display_name: row.m_display_name,
          created_at: row.m_created_at,
          removed_at: row.m_removed_at,
        }),
        accountName: row.account_name,
      };
    },

    async touchDashboardSession(id, at) {
      await db
        .updateTable('dashboard_sessions')
        .set({ last_seen_at: at })
        .where('id', '=', id)
        .where('last_seen_at', '<', at)
        .execute();
    },

    async revokeDashboardSession(id, at) {
      const result = await db
        .updateTable('dashboard_sessions')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async revokeMemberDashboardSessions(memberId, at) {
      const result = await db
        .updateTable('dashboard_sessions')
        .set({ revoked_at: at })
        .where('member_id', '=', memberId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async listDashboardSessions(memberId, { createdAfter }) {
      const rows = await db
        .selectFrom('dashboard_sessions')
        .selectAll()
        .where('member_id', '=', memberId)
        .where('revoked_at', 'is', null)
        .where('created_at', '>', createdAfter)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toDashboardSession);
    },
  };
}

function toDashboardSession(row: Selectable<DashboardSessionsTable>): DashboardSession {
  return {
    id: row.id,
    memberId: row.member_id,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}
