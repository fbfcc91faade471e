// The humanness score (docs/api.md §9). Threat: a verification completed by a script, an emulated
// authenticator or a relay, and accounts that borrow trust they did not earn. The caller gathers the
// signals (WebAuthn verification result, the page's report, the account's history) and stores the whole
// assessment with the verification; this module only computes. Deterministic on purpose: no clock and no
// randomness, so a stored assessment can be recomputed and explained later from its inputs.
//
// Model: signals raise a ceiling; the score starts at STARTING_SCORE, rises with history up to the
// ceiling, and a failed check caps it below the default threshold whatever the history. See docs/scoring.md.
import { assessChallengeTrace } from './assess-challenge-trace.ts';
import {
  computeFactorAfterPenalties,
  HUMANNESS_REASONS,
  type HumannessReason,
  hasFailingReason,
  REASON_EFFECTS,
  sortReasons,
} from './humanness-reasons.ts';
import type { ChallengeTrace } from './movement-features.ts';

export type { HumannessReason } from './humanness-reasons.ts';
export type { ChallengeRound, ChallengeTrace, MovementFeatures, PointerSample } from './movement-features.ts';
export { extractMovementFeatures } from './movement-features.ts';

/** Bump whenever a threshold, penalty or rule changes, so stored scores say which model produced them. */
export const HUMANNESS_MODEL_VERSION = 'poy-humanness-2';

/** docs/api.md §9: the project's threshold when it sets none. */
export const DEFAULT_HUMAN_THRESHOLD_SCORE = 50;
export const MAX_SCORE = 100;

/** docs/api.md §9: what each signal adds to the ceiling. Voice and social are not collected yet. */
export const CEILING_POINTS = {
  /** The camera challenge, verified by the server on the frames it received. */
  biometricLiveness: 60,
  /** The face was searched against every human of the deployment and matched no one else. */
  faceUniqueness: 10,
  email: 10,
  phone: 10,
  device: 10,
  voice: 5,
  social: 5,
};

/** docs/api.md §9: a new enrollee starts here (under a ceiling of at least 60 once liveness passed). */
export const STARTING_SCORE = 50;
/** Each earlier successful verification with this passkey is one more time the same person showed up. */
export const SCORE_POINTS_PER_SUCCESSFUL_VERIFICATION = 1;
/** Age is cheap to wait out, so it earns slowly: one point per this many whole days. */
export const ACCOUNT_AGE_DAYS_PER_SCORE_POINT = 30;

/** A camera check attempted and failed (a photo, a screen, another face): nothing is shown to be live. */
export const LIVENESS_FAILED_SCORE_CAP = 0;
/** Automation the server observed itself; below LOW_TRUST_MIN_SCORE on purpose. */
export const AUTOMATION_SCORE_CAP = 20;
/** Any failed check keeps this verification below DEFAULT_HUMAN_THRESHOLD_SCORE, whatever the history. */
export const FAILED_CHECK_SCORE_CAP = 40;

/** Credential factor: how much continuity the passkey proves. */
export const NEW_CREDENTIAL_FACTOR = 50;
export const RETURNING_CREDENTIAL_FACTOR = 70;

/** Trust level bands (lower bounds, inclusive). */
export const HIGH_TRUST_MIN_SCORE = 80;
export const MEDIUM_TRUST_MIN_SCORE = DEFAULT_HUMAN_THRESHOLD_SCORE;
export const LOW_TRUST_MIN_SCORE = 25;

/** What the camera step showed (core/verification/flow/liveness-evidence.ts). */
export interface CameraLiveness {
  status: 'passed' | 'failed' | 'skipped' | 'not_attempted';
  /** The step's own codes: why it failed or was skipped. */
  reasons: string[];
}

export interface HumannessSignals {
  camera: CameraLiveness;
  /** The face template was searched 1:N and matched no other human. */
  faceUniquenessChecked: boolean;
  /** WebAuthn UV flag of this ceremony (the RP required user verification): a device signal. */
  userVerified: boolean;
  authenticatorAttachment: 'platform' | 'cross-platform' | null;
  credentialBackedUp: boolean;
  credentialDeviceType: 'singleDevice' | 'multiDevice';
  /** The passkey existed before this verification. */
  returningCredential: boolean;
  userAgentAtStart: string | null;
  userAgentAtFinish: string | null;
  /** Automation the server observed in the requests themselves (core/scoring/automation-tells.ts). */
  automationObserved: boolean;
  trace: ChallengeTrace | null;
  /**
   * A verified human joining a new uniqueness scope repeats only the passkey step (docs/api.md §9): their
   * earlier challenge result stands in for a trace. Ignored when a trace is given.
   */
  priorBehavioralFactor?: number | null;
  emailVerified: boolean;
  phoneVerified: boolean;
  /** Before this verification: whole or fractional days since the account was created, earlier successes. */
  history: { accountAgeDays: number; successfulVerifications: number };
}

export interface HumannessAssessment {
  /** Integer 0–100. */
  score: number;
  ceiling: number;
  /** Integers 0–100. */
  factors: { liveness: number; device: number; behavioral: number; credential: number };
  checks: { liveness: 'pass' | 'fail'; device: 'pass' | 'fail'; behavioral: 'pass' | 'fail' };
  /** Every code that lowered the score, its ceiling or a factor, or failed a check; stable order, no duplicates. */
  reasons: HumannessReason[];
  livenessPassed: boolean;
  modelVersion: string;
}

/** The camera step's own codes: every liveness reason but the one this model adds when it was not done. */
const CAMERA_REASONS: ReadonlySet<string> = new Set<HumannessReason>(
  HUMANNESS_REASONS.filter(
    (reason) => REASON_EFFECTS[reason].factor === 'liveness' && reason !== 'LIVENESS_NOT_ATTEMPTED',
  ),
);

function isCameraReason(code: string): code is HumannessReason {
  return CAMERA_REASONS.has(code);
}

function findLivenessReasons(signals: HumannessSignals): HumannessReason[] {
  const { camera } = signals;
  if (camera.status === 'passed') return [];
  if (camera.status === 'not_attempted') return ['LIVENESS_NOT_ATTEMPTED'];
  const known = camera.reasons.filter(isCameraReason);
  if (camera.status === 'failed' && !known.includes('LIVENESS_FAILED')) known.push('LIVENESS_FAILED');
  return known.length > 0 ? known : ['LIVENESS_NOT_ATTEMPTED'];
}

function normalizeUserAgent(userAgent: string | null): string | null {
  const trimmed = userAgent?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function findDeviceReasons(signals: HumannessSignals): HumannessReason[] {
  const reasons: HumannessReason[] = [];
  if (signals.automationObserved) reasons.push('AUTOMATION_DETECTED');
  // WebAuthn §7.1/§7.2: the UV flag says the authenticator checked a biometric or PIN, by its own account.
  if (!signals.userVerified) reasons.push('USER_VERIFICATION_MISSING');
  const atStart = normalizeUserAgent(signals.userAgentAtStart);
  const atFinish = normalizeUserAgent(signals.userAgentAtFinish);
  if (atStart === null || atFinish === null) reasons.push('USER_AGENT_MISSING');
  else if (atStart !== atFinish) reasons.push('USER_AGENT_CHANGED');
  if (signals.credentialBackedUp && signals.credentialDeviceType === 'singleDevice') {
    reasons.push('CREDENTIAL_FLAGS_INCONSISTENT');
  }
  if (signals.authenticatorAttachment === 'cross-platform') reasons.push('ROAMING_AUTHENTICATOR');
  if (signals.authenticatorAttachment === null) reasons.push('AUTHENTICATOR_ATTACHMENT_UNKNOWN');
  return reasons;
}

function countWhole(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** Points the account's history would add to the starting score, before the ceiling. */
export function computeHistoryPoints(history: HumannessSignals['history']): number {
  return (
    countWhole(history.successfulVerifications) * SCORE_POINTS_PER_SUCCESSFUL_VERIFICATION +
    countWhole(countWhole(history.accountAgeDays) / ACCOUNT_AGE_DAYS_PER_SCORE_POINT)
  );
}

export function scoreHumanness(signals: HumannessSignals): HumannessAssessment {
  const livenessReasons = findLivenessReasons(signals);
  const deviceReasons = findDeviceReasons(signals);
  const prior = signals.priorBehavioralFactor;
  // The drag exercise is optional: without a trace there is no behavioural evidence, for or against.
  const challenge =
    signals.trace === null
      ? {
          passed: true,
          // NaN passes `typeof` and would leave NaN in the factors; a non-finite prior is no evidence.
          behavioralFactor:
            typeof prior === 'number' && Number.isFinite(prior)
              ? Math.max(0, Math.min(MAX_SCORE, Math.round(prior)))
              : 50,
          reasons: [],
        }
      : assessChallengeTrace(signals.trace);

  const livenessPassed = !hasFailingReason('liveness', livenessReasons);
  const devicePassed = !hasFailingReason('device', deviceReasons);
  const behavioralPassed = challenge.passed;

  // A passkey created just now proves nothing about who built the account's history (it could be
  // whoever got hold of the enrollment link), so history counts only for a returning passkey.
  const historyPoints = computeHistoryPoints(signals.history);
  const creditedHistoryPoints = signals.returningCredential ? historyPoints : 0;
  const credentialReasons: HumannessReason[] =
    !signals.returningCredential && historyPoints > 0 ? ['NEW_PASSKEY'] : [];

  // The device point is for clean evidence only: platform authenticator, same browser throughout.
  const ceiling = Math.min(
    MAX_SCORE,
    (livenessPassed ? CEILING_POINTS.biometricLiveness : 0) +
      (livenessPassed && signals.faceUniquenessChecked ? CEILING_POINTS.faceUniqueness : 0) +
      (deviceReasons.length === 0 ? CEILING_POINTS.device : 0) +
      (signals.emailVerified ? CEILING_POINTS.email : 0) +
      (signals.phoneVerified ? CEILING_POINTS.phone : 0),
  );

  let score = Math.min(ceiling, STARTING_SCORE + creditedHistoryPoints);
  if (!devicePassed || !behavioralPassed) score = Math.min(score, FAILED_CHECK_SCORE_CAP);
  if (signals.automationObserved) score = Math.min(score, AUTOMATION_SCORE_CAP);
  if (signals.camera.status === 'failed') score = Math.min(score, LIVENESS_FAILED_SCORE_CAP);

  return {
    score: Math.max(0, score),
    ceiling,
    factors: {
      liveness: computeFactorAfterPenalties('liveness', livenessReasons),
      device: computeFactorAfterPenalties('device', deviceReasons),
      behavioral: challenge.behavioralFactor,
      credential: Math.min(
        MAX_SCORE,
        signals.returningCredential
          ? RETURNING_CREDENTIAL_FACTOR + creditedHistoryPoints
          : NEW_CREDENTIAL_FACTOR,
      ),
    },
    checks: {
      liveness: livenessPassed ? 'pass' : 'fail',
      device: devicePassed ? 'pass' : 'fail',
      behavioral: behavioralPassed ? 'pass' : 'fail',
    },
    reasons: sortReasons([...livenessReasons, ...deviceReasons, ...challenge.reasons, ...credentialReasons]),
    livenessPassed,
    modelVersion: HUMANNESS_MODEL_VERSION,
  };
}

/**
 * docs/api.md §9: the score reaches the project's threshold (0–100). The caller also requires the
 * project's assurance level (docs/assurance.md §2); the score alone never decides that.
 */
export function reachesThreshold(assessment: HumannessAssessment, thresholdScore: number): boolean {
  // A threshold outside 0–100 is a configuration bug; failing open or closed silently would hide it.
  if (!Number.isFinite(thresholdScore) || thresholdScore < 0 || thresholdScore > MAX_SCORE) {
    throw new RangeError(`thresholdScore must be between 0 and ${MAX_SCORE}, got ${thresholdScore}`);
  }
  return assessment.score >= thresholdScore;
}

/**
 * high 80–100 (needs a ceiling above passkey + device, e.g. a verified email or phone, and history),
 * medium 50–79 (a verified human at the default threshold), low 25–49 (a failed check), none 0–24
 * (no liveness, automation, or not a score).
 */
export function trustLevelOf(score: number): 'high' | 'medium' | 'low' | 'none' {
  if (!Number.isFinite(score)) return 'none';
  if (score >= HIGH_TRUST_MIN_SCORE) return 'high';
  if (score >= MEDIUM_TRUST_MIN_SCORE) return 'medium';
  if (score >= LOW_TRUST_MIN_SCORE) return 'low';
  return 'none';
}
