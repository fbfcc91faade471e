// Verification sessions: one invite (QR / short code) and the phone flow that answers it.
import type { AssuranceLevel, KeyMode } from './tenancy.ts';

export type SessionPurpose = 'connect' | 'enrollment' | 'poy_user';
export type SessionStatus = 'PENDING' | 'COMPLETED' | 'EXPIRED' | 'CANCELLED';
/** `review`: held for a person to decide (docs/assurance.md §4); it ends as `verified` or `duplicate`. */
export type SessionOutcome = 'verified' | 'failed' | 'duplicate' | 'expired' | 'review';
/** What a verification reached (docs/assurance.md §1): a required level, or `none` below them all. */
export type ReachedAssuranceLevel = 'none' | AssuranceLevel;

export interface VerificationSession {
  id: string;
  projectId: string;
  mode: KeyMode;
  purpose: SessionPurpose;
  connectUserId: string | null;
  status: SessionStatus;
  outcome: SessionOutcome | null;
  humanId: string | null;
  flowTokenHashHex: string | null;
  /** What the passkey step observed, kept for scoring at completion. */
  passkeySignals: unknown;
  userAgentHashHex: string | null;
  /** Digest of the secret of the device the flow is bound to (its first `start`); null until then. */
  deviceSecretHashHex: string | null;
  startedAt: Date | null;
  assessment: unknown;
  /** The camera step's evidence (core/verification/flow/liveness-evidence.ts); null before that step. */
  liveness: unknown;
  assuranceLevel: ReachedAssuranceLevel | null;
  /** Why the verification is held for review, while it is (docs/assurance.md §4). */
  review: unknown;
  /** True when completing this session made a new human (velocity counts these). */
  /** Keyed digests of the client IP, its network prefix and the long-lived device id at `start`. */
  startIpHashHex: string | null;
  startPrefixHashHex: string | null;
  startDeviceHashHex: string | null;
  /** True when this session's completion made a new human (velocity counts these). */
  createdHuman: boolean;
  /** When the passkey step (registration or sign-in) last succeeded; null before it. */
  passkeyDoneAt: Date | null;
  /** When the camera step was last answered (an attempt or a skip); null before it. */
  cameraDoneAt: Date | null;
  /** When the verification was held for review (docs/assurance.md §4); kept after the decision. */
  heldAt: Date | null;
  expiresAt: Date;
  completedAt: Date | null;
  createdAt: Date;
}

export interface NewVerificationSession {
  id: string;
  projectId: string;
  mode: KeyMode;
  purpose: SessionPurpose;
  connectUserId: string | null;
  inviteCodeHashHex: string;
  shortCodeHashHex: string;
  expiresAt: Date;
  createdAt: Date;
}

export type SessionPatch = Partial<
  Pick<
    VerificationSession,
    | 'status'
    | 'outcome'
    | 'humanId'
    | 'flowTokenHashHex'
    | 'passkeySignals'
    | 'userAgentHashHex'
    | 'deviceSecretHashHex'
    | 'startedAt'
    | 'assessment'
    | 'completedAt'
    | 'liveness'
    | 'assuranceLevel'
    | 'review'
    | 'startIpHashHex'
    | 'startPrefixHashHex'
    | 'startDeviceHashHex'
    | 'createdHuman'
    | 'passkeyDoneAt'
    | 'cameraDoneAt'
    | 'heldAt'
  >
>;

/** Which of the `start` digests a velocity count groups by. */
export type VelocityDigestKind = 'ip' | 'prefix' | 'device';

/**
 * Sessions of one mode (every project of the deployment) sharing one `start` digest, counted in a time
 * window: those started in it, or those whose completion created a new human in it.
 */
export interface VelocityCountQuery {
  mode: KeyMode;
  digestKind: VelocityDigestKind;
  digestHex: string;
  event: 'started' | 'created_human';
  /** The window, both ends included: `started_at` (started) or `completed_at` (created_human). */
  since: Date;
  until: Date;
  /** The session being assessed, which does not count against itself. */
  excludeSessionId?: string;
}

export interface VerificationSessionsStore {
  /** Returns null when a code hash collides (the caller draws another session id). */
  insertVerificationSession(session: NewVerificationSession): Promise<VerificationSession | null>;
  findSessionByInviteHash(
    inviteCodeHashHex: string,
    options?: { forUpdate?: boolean },
  ): Promise<VerificationSession | null>;
  findSessionByShortCodeHash(shortCodeHashHex: string): Promise<VerificationSession | null>;
  findSessionById(id: string, options?: { forUpdate?: boolean }): Promise<VerificationSession | null>;
  findLatestSessionForConnectUser(connectUserId: string): Promise<VerificationSession | null>;
  /** Updates a session and announces the change to every process (live progress pages). */
  updateVerificationSession(id: string, patch: SessionPatch): Promise<VerificationSession>;
  listExpiredPendingSessions(now: Date, limit: number): Promise<VerificationSession[]>;
  /** A project's verifications held for review, oldest first. */
  listSessionsInReview(input: {
    projectId: string;
    mode: KeyMode;
    limit: number;
  }): Promise<VerificationSession[]>;
  countVelocitySessions(query: VelocityCountQuery): Promise<number>;
  /**
   * Removes the velocity digests of sessions that have ended and can no longer fall in any window:
   * started and (if completed) completed before `cutoff`. Returns how many sessions were cleared.
   */
  clearStaleVelocityDigests(cutoff: Date): Promise<number>;
}
