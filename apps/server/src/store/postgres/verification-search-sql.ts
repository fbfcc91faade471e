// The dashboard's search over verification sessions. Every query is bound to one project and one
// mode before any filter is added, so no filter combination can reach another tenant's rows or mix
// live and test.
import { type ExpressionBuilder, sql } from 'kysely';
import { z } from 'zod';
import type {
  VerificationListEntry,
  VerificationSearchStore,
  VerificationState,
} from '../types/verification-search.ts';
import type { Database } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { DIGEST_COLUMNS, toSession } from './verification-sessions-sql.ts';

type SearchScope = ExpressionBuilder<
  Database & { cu: Database['connect_users']; h: Database['humans'] },
  'verification_sessions' | 'cu' | 'h'
>;

const userStatusSchema = z.enum(['PENDING', 'IN_REVIEW', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED']);

function stateCondition(eb: SearchScope, state: VerificationState) {
  switch (state) {
    case 'pending':
      return eb('verification_sessions.status', '=', 'PENDING');
    case 'expired':
      return eb('verification_sessions.status', '=', 'EXPIRED');
    case 'cancelled':
      return eb('verification_sessions.status', '=', 'CANCELLED');
    default:
      return eb.and([
        eb('verification_sessions.status', '=', 'COMPLETED'),
        eb('verification_sessions.outcome', '=', state),
      ]);
  }
}

/** The reasons a read reports (core/verification/verification-report.ts), as a condition. */
function reasonCondition(eb: SearchScope, reason: string) {
  const stored = sql<boolean>`verification_sessions.assessment -> 'reasons' @> jsonb_build_array(${reason}::text)`;
  const conditions = [
    eb.and([eb('verification_sessions.outcome', 'in', ['failed', 'duplicate', 'review']), stored]),
  ];
  if (reason === 'EXPIRED') conditions.push(eb('verification_sessions.outcome', '=', 'expired'));
  if (reason === 'DUPLICATE_HUMAN') conditions.push(eb('verification_sessions.outcome', '=', 'duplicate'));
  return eb.or(conditions);
}

export function createVerificationSearchOperations({ db }: SqlScope): VerificationSearchStore {
  function scoped(projectId: string, mode: string) {
    return db
      .selectFrom('verification_sessions')
      .leftJoin('connect_users as cu', 'cu.id', 'verification_sessions.connect_user_id')
      .leftJoin('humans as h', 'h.id', 'verification_sessions.human_id')
      .selectAll('verification_sessions')
      .select(['cu.reference_user_id as user_reference_id', 'cu.status as user_status', 'h.poy_code'])
      .where('verification_sessions.project_id', '=', projectId)
      .where('verification_sessions.mode', '=', mode);
  }
  type Scoped = ReturnType<typeof scoped>;

  return {
    async searchVerifications(query) {
      let select: Scoped = scoped(query.projectId, query.mode);
      const { text, state, assuranceLevel, reason, createdSince, createdBefore, after } = query;
      if (text !== undefined) {
        select = select.where((eb) =>
          eb.or([
            eb('verification_sessions.id', '=', text.value),
            eb('verification_sessions.connect_user_id', '=', text.value),
            eb('cu.reference_user_id', '=', text.value),
            ...(text.poyCode === null ? [] : [eb('h.poy_code', '=', text.poyCode)]),
          ]),
        );
      }
      if (state !== undefined) select = select.where((eb) => stateCondition(eb, state));
      if (assuranceLevel !== undefined) {
        select = select.where('verification_sessions.assurance_level', '=', assuranceLevel);
      }
      if (reason !== undefined) select = select.where((eb) => reasonCondition(eb, reason));
      if (createdSince !== undefined) {
        select = select.where('verification_sessions.created_at', '>=', createdSince);
      }
      if (createdBefore !== undefined) {
        select = select.where('verification_sessions.created_at', '<', createdBefore);
      }
      if (after !== undefined) {
        select = select.where((eb) =>
          eb.or([
            eb('verification_sessions.created_at', '<', after.createdAt),
            eb.and([
              eb('verification_sessions.created_at', '=', after.createdAt),
              eb('verification_sessions.id', '<', after.id),
            ]),
          ]),
        );
      }
      const rows = await select
        .orderBy('verification_sessions.created_at', 'desc')
        .orderBy('verification_sessions.id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(toEntry);
    },

    async findProjectVerification({ projectId, mode, verificationId }) {
      const row = await scoped(projectId, mode)
        .where('verification_sessions.id', '=', verificationId)
        .executeTakeFirst();
      return row ? toEntry(row) : null;
    },

    async countProjectSessionsByDigest({ projectId, mode, digestKind, digestHex, excludeSessionId }) {
      const row = await db
        .selectFrom('verification_sessions')
        .select(sql<number>`count(*)::int`.as('count'))
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where(DIGEST_COLUMNS[digestKind], '=', digestHex)
        .where('id', '<>', excludeSessionId)
        .executeTakeFirstOrThrow();
      return row.count;
    },
  };
}

function toEntry(
  row: Parameters<typeof toSession>[0] & {
    user_reference_id: string | null;
    user_status: string | null;
    poy_code: string | null;
  },
): VerificationListEntry {
  const session = toSession(row);
  return {
    session,
    user:
      session.connectUserId !== null && row.user_reference_id !== null && row.user_status !== null
        ? {
            id: session.connectUserId,
            referenceUserId: row.user_reference_id,
            status: userStatusSchema.parse(row.user_status),
          }
        : null,
    poyCode: row.poy_code,
  };
}
