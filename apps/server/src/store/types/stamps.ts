// Content stamps: signed statements that a verified person made a piece of content.
import type { KeyMode } from './tenancy.ts';

export interface Stamp {
  id: string;
  projectId: string;
  mode: KeyMode;
  userId: string;
  humanId: string | null;
  /** `PoY #…` of the creator at the time of stamping (part of the signed bytes). */
  createdBy: string;
  contentHash: string;
  contentType: string;
  title: string | null;
  url: string | null;
  kid: string;
  signature: string;
  createdAt: Date;
}

export interface StampsStore {
  insertStamp(stamp: Stamp): Promise<Stamp>;
  /** Inserts unless the id is taken, in one statement (no look-up first); null when it was taken. */
  insertStampIfIdFree(stamp: Stamp): Promise<Stamp | null>;
  findStamp(id: string): Promise<Stamp | null>;
}
