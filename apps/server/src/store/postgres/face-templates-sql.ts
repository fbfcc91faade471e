// Face templates (sealed; core opens them) and the per-mode advisory lock that serialises face
// search-then-insert across processes.
import { type Selectable, sql } from 'kysely';
import type { FaceTemplateRecord, FaceTemplatesStore } from '../types/face-templates.ts';
import type { KeyMode } from '../types/tenancy.ts';
import type { FaceTemplatesTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { modeSchema } from './sql-values.ts';

// pg_advisory_xact_lock(int4, int4): a fixed class ('poyF' as an int4) and one object per mode, so
// the lock can collide with no other advisory lock the database's users might take on a single key.
const FACE_SEARCH_LOCK_CLASS = 0x706f7946;
const FACE_SEARCH_LOCK_OBJECT: Record<KeyMode, number> = { live: 1, test: 2 };

export function createFaceTemplatesOperations({ db }: SqlScope): FaceTemplatesStore {
  return {
    async insertFaceTemplate(template) {
      const row = await db
        .insertInto('face_templates')
        .values({
          human_id: template.humanId,
          mode: template.mode,
          model_version: template.modelVersion,
          template_sealed: template.templateSealed,
          created_at: template.createdAt,
        })
        .onConflict((conflict) => conflict.column('human_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toFaceTemplate(row) : null;
    },

    async replaceFaceTemplate(template) {
      const row = await db
        .insertInto('face_templates')
        .values({
          human_id: template.humanId,
          mode: template.mode,
          model_version: template.modelVersion,
          template_sealed: template.templateSealed,
          created_at: template.createdAt,
        })
        .onConflict((conflict) =>
          conflict.column('human_id').doUpdateSet({
            // A new seq, so every process's catch-up loads the renewed template.
            seq: sql`default`,
            mode: (eb) => eb.ref('excluded.mode'),
            model_version: (eb) => eb.ref('excluded.model_version'),
            template_sealed: (eb) => eb.ref('excluded.template_sealed'),
            created_at: (eb) => eb.ref('excluded.created_at'),
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toFaceTemplate(row);
    },

    async listFaceTemplatesAfterSeq({ mode, afterSeq, limit }) {
      const rows = await db
        .selectFrom('face_templates')
        .selectAll()
        .where('mode', '=', mode)
        .where('seq', '>', afterSeq.toString())
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(toFaceTemplate);
    },

    async findFaceTemplatesByHumanIds(mode, humanIds) {
      if (humanIds.length === 0) return [];
      const rows = await db
        .selectFrom('face_templates')
        .selectAll()
        .where('mode', '=', mode)
        .where('human_id', 'in', [...humanIds])
        .execute();
      return rows.map(toFaceTemplate);
    },

    async deleteFaceTemplate(humanId) {
      const row = await db
        .deleteFrom('face_templates')
        .where('human_id', '=', humanId)
        .returning('human_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async countFaceTemplates(mode) {
      const row = await db
        .selectFrom('face_templates')
        .select((eb) => eb.fn.countAll<string | number | bigint>().as('count'))
        .where('mode', '=', mode)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async lockFaceSearch(mode) {
      await sql`select pg_advisory_xact_lock(${FACE_SEARCH_LOCK_CLASS}::int4, ${FACE_SEARCH_LOCK_OBJECT[mode]}::int4)`.execute(
        db,
      );
    },
  };
}

export function toFaceTemplate(row: Selectable<FaceTemplatesTable>): FaceTemplateRecord {
  return {
    seq: BigInt(row.seq),
    humanId: row.human_id,
    mode: modeSchema.parse(row.mode),
    modelVersion: row.model_version,
    templateSealed: row.template_sealed,
    createdAt: row.created_at,
  };
}
