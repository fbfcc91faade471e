// The dashboard's view of a project's verifications: search, filters and pages, always within one
// project and one mode (test data never shows under live, nor one project's under another's).
import type { ConnectUserStatus } from './connect-users.ts';
import type { KeyMode } from './tenancy.ts';
import type {
  ReachedAssuranceLevel,
  VelocityDigestKind,
  VerificationSession,
} from './verification-sessions.ts';

/** Where a verification stands, from its status and outcome (one word per row of the list). */
export const VERIFICATION_STATES = [
  'pending',
  'verified',
  'failed',
  'duplicate',
  'review',
  'expired',
  'cancelled',
] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

export interface VerificationSearchQuery {
  projectId: string;
  mode: KeyMode;
  /**
   * Exact match on any one of: the verification id (vs_…), the Connect user id (bcu_…), the business's
   * reference id, or (when `poyCode` is set) the PoY code of the human behind it.
   */
  text?: { value: string; poyCode: string | null };
  state?: VerificationState;
  assuranceLevel?: ReachedAssuranceLevel;
  /**
   * A reason code as reads report it (docs/assurance.md §6): among the stored reasons of a failed,
   * duplicate or held verification, plus `EXPIRED` for an expired one and `DUPLICATE_HUMAN` for a
   * duplicate.
   */
  reason?: string;
  /** Created at or after. */
  createdSince?: Date;
  /** Created strictly before. */
  createdBefore?: Date;
  /** Newest first; the page after the verification with this time and id (keyset pagination). */
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** One row of the list: the session, its Connect user (none for public enrollment), and its human. */
export interface VerificationListEntry {
  session: VerificationSession;
  user: { id: string; referenceUserId: string; status: ConnectUserStatus } | null;
  /** The PoY code (7 hex characters) of the human the session is linked to, if any. */
  poyCode: string | null;
}

export interface VerificationSearchStore {
  searchVerifications(query: VerificationSearchQuery): Promise<VerificationListEntry[]>;
  /** One verification, only if it is this project's and this mode's; null otherwise. */
  findProjectVerification(input: {
    projectId: string;
    mode: KeyMode;
    verificationId: string;
  }): Promise<VerificationListEntry | null>;
  /**
   * How many other sessions of this project and mode share one of the `start` digests (a reviewer's
   * network facts: compared within the project only, never across tenants).
   */
  countProjectSessionsByDigest(input: {
    projectId: string;
    mode: KeyMode;
    digestKind: VelocityDigestKind;
    digestHex: string;
    excludeSessionId: string;
  }): Promise<number>;
}
