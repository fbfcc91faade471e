// Content stamps, stored with their signature as issued.
import type { Selectable } from 'kysely';
import type { Stamp, StampsStore } from '../types/stamps.ts';
import type { StampsTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { modeSchema } from './sql-values.ts';

export function createStampsOperations({ db }: SqlScope): StampsStore {
  const columnsOf = (stamp: Stamp) => ({
    id: stamp.id,
    project_id: stamp.projectId,
    mode: stamp.mode,
    user_id: stamp.userId,
    human_id: stamp.humanId,
    created_by: stamp.createdBy,
    content_hash: stamp.contentHash,
    content_type: stamp.contentType,
    title: stamp.title,
    url: stamp.url,
    kid: stamp.kid,
    signature: stamp.signature,
    created_at: stamp.createdAt,
  });
  return {
    async insertStampIfIdFree(stamp) {
      const row = await db
        .insertInto('stamps')
        .values(columnsOf(stamp))
        .onConflict((conflict) => conflict.column('id').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toStamp(row) : null;
    },

    async insertStamp(stamp) {
      const row = await db
        .insertInto('stamps')
        .values(columnsOf(stamp))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toStamp(row);
    },

    async findStamp(id) {
      const row = await db.selectFrom('stamps').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toStamp(row) : null;
    },
  };
}

export function toStamp(row: Selectable<StampsTable>): Stamp {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    userId: row.user_id,
    humanId: row.human_id,
    createdBy: row.created_by,
    contentHash: row.content_hash,
    contentType: row.content_type,
    title: row.title,
    url: row.url,
    kid: row.kid,
    signature: row.signature,
    createdAt: row.created_at,
  };
}
