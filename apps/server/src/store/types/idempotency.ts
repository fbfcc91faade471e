// Idempotency keys: a retried request gets the stored response instead of running again.
import type { KeyMode } from './tenancy.ts';

export interface IdempotencyRecord {
  requestHash: string;
  status: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: string | null;
  responseContentType: string | null;
}

export type IdempotencyBegin =
  | { kind: 'started' }
  | { kind: 'replay'; record: IdempotencyRecord }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

export interface IdempotencyStore {
  /**
   * Claims an idempotency key for a request: started (go ahead), replay (the stored response),
   * in_progress (another request holds it), or mismatch (the key was used for another request).
   * Expired rows, and in-progress rows started before `takeOverBefore`, are taken over.
   */
  beginIdempotentRequest(input: {
    projectId: string;
    mode: KeyMode;
    key: string;
    requestHash: string;
    now: Date;
    expiresAt: Date;
    takeOverBefore: Date;
  }): Promise<IdempotencyBegin>;
  completeIdempotentRequest(input: {
    projectId: string;
    mode: KeyMode;
    key: string;
    responseStatus: number;
    responseBody: string;
    responseContentType: string;
  }): Promise<void>;
  abandonIdempotentRequest(input: { projectId: string; mode: KeyMode; key: string }): Promise<void>;
  deleteExpiredIdempotencyKeys(now: Date): Promise<number>;
}
