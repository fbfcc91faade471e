// Connect users. Changing or deleting one is announced, so cached answers about that business user
// are dropped in every process.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { ConnectUser, ConnectUsersStore } from '../types/connect-users.ts';
import type { ConnectUsersTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { modeOf, modeSchema } from './sql-values.ts';

export function createConnectUsersOperations({ db, announcing }: SqlScope): ConnectUsersStore {
  return {
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

    async listConnectUsersByHuman(humanId) {
      const rows = await db
        .selectFrom('connect_users')
        .selectAll()
        .where('human_id', '=', humanId)
        .orderBy('created_at')
        .execute();
      return rows.map(toConnectUser);
    },

    updateConnectUser: announcing(async ({ db, announce }, id, patch) => {
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
    }),

    deleteConnectUser: announcing(async ({ db, announce }, id) => {
      const row = await db.deleteFrom('connect_users').where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) return false;
      await announce({
        kind: 'project_user',
        projectId: row.project_id,
        mode: modeOf(row.mode),
        referenceUserId: row.reference_user_id,
      });
      return true;
    }),
  };
}

export function toConnectUser(row: Selectable<ConnectUsersTable>): ConnectUser {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    referenceUserId: row.reference_user_id,
    dataRequestType: z
      .enum(['GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID', 'IS_PHONE_NUMBER_VERIFIED'])
      .parse(row.data_request_type),
    uniquenessRegionId: row.uniqueness_region_id,
    redirectUrl: row.redirect_url,
    status: z
      .enum(['PENDING', 'IN_REVIEW', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED'])
      .parse(row.status),
    unfulfillableReason: z
      .enum(['DUPLICATE_HUMAN', 'FAILED_CHECKS', 'EXPIRED'])
      .nullable()
      .parse(row.unfulfillable_reason),
    humanId: row.human_id,
    humannessScore: row.humanness_score,
    uniqueHumanId: row.unique_human_id,
    verifiedAt: row.verified_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
