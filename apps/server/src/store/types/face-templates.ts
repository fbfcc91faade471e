// Face templates: one sealed template per human (see migrations/0008_face_templates.sql). The store
// holds ciphertext only; sealing, opening and comparing are core's (core/uniqueness/).
import type { KeyMode } from './tenancy.ts';

export interface FaceTemplateRecord {
  /** Write order (bigserial): a replaced template gets a new, higher seq. */
  seq: bigint;
  humanId: string;
  mode: KeyMode;
  modelVersion: string;
  /** `v1.…` sealed bytes (core/sealed-secret.ts). */
  templateSealed: string;
  createdAt: Date;
}

export type NewFaceTemplate = Omit<FaceTemplateRecord, 'seq'>;

export interface FaceTemplatesStore {
  /** Null when the human already has a template (the first one stays). */
  insertFaceTemplate(template: NewFaceTemplate): Promise<FaceTemplateRecord | null>;
  /** Inserts, or replaces the human's template; either way the row gets a new seq. */
  replaceFaceTemplate(template: NewFaceTemplate): Promise<FaceTemplateRecord>;
  /** Templates of a mode with seq above `afterSeq`, in seq order, at most `limit`. */
  listFaceTemplatesAfterSeq(input: {
    mode: KeyMode;
    afterSeq: bigint;
    limit: number;
  }): Promise<FaceTemplateRecord[]>;
  findFaceTemplatesByHumanIds(mode: KeyMode, humanIds: readonly string[]): Promise<FaceTemplateRecord[]>;
  deleteFaceTemplate(humanId: string): Promise<boolean>;
  countFaceTemplates(mode: KeyMode): Promise<number>;
  /**
   * Takes the mode's face-search lock until the enclosing transaction ends (pg_advisory_xact_lock), so
   * "search, then store a new template" runs one at a time per mode across every process on the
   * database. Only meaningful inside `store.transaction`: alone, it is released at once.
   */
  lockFaceSearch(mode: KeyMode): Promise<void>;
}
