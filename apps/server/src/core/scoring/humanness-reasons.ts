// Reason codes are kept with every verification and shown to project owners, so they are public
// vocabulary: add codes freely, never rename or reuse one. docs/scoring.md lists them all.

export type HumannessReason =
  | 'LIVENESS_NOT_ATTEMPTED'
  | 'CAMERA_DECLINED'
  | 'NO_CAMERA'
  | 'CANNOT_MOVE_HEAD'
  | 'LIVENESS_FAILED'
  | 'NO_FACE'
  | 'MULTIPLE_FACES'
  | 'POSE_NOT_FOLLOWED'
  | 'FACE_MISMATCH_ACROSS_FRAMES'
  | 'FRAMES_NOT_FRESH'
  | 'USER_VERIFICATION_MISSING'
  | 'AUTOMATION_DETECTED'
  | 'USER_AGENT_CHANGED'
  | 'CREDENTIAL_FLAGS_INCONSISTENT'
  | 'USER_AGENT_MISSING'
  | 'ROAMING_AUTHENTICATOR'
  | 'AUTHENTICATOR_ATTACHMENT_UNKNOWN'
  | 'CHALLENGE_MISSING'
  | 'MALFORMED_TRACE'
  | 'CHALLENGE_INCOMPLETE'
  | 'TOO_FEW_EVENTS'
  | 'TELEPORTING_POINTER'
  | 'REACTION_TOO_FAST'
  | 'STRAIGHT_LINE_MOVEMENT'
  | 'CONSTANT_VELOCITY'
  | 'EVENLY_SPACED_POINTS'
  | 'UNIFORM_TIMING'
  | 'NEW_PASSKEY';

/**
 * Every reason code, in the order assessments report them: liveness, then device, then the challenge
 * (structural problems before statistical ones), then credential history. A test checks it lists each
 * code of REASON_EFFECTS exactly once.
 */
export const HUMANNESS_REASONS: readonly HumannessReason[] = [
  'LIVENESS_NOT_ATTEMPTED',
  'CAMERA_DECLINED',
  'NO_CAMERA',
  'CANNOT_MOVE_HEAD',
  'LIVENESS_FAILED',
  'NO_FACE',
  'MULTIPLE_FACES',
  'POSE_NOT_FOLLOWED',
  'FACE_MISMATCH_ACROSS_FRAMES',
  'FRAMES_NOT_FRESH',
  'USER_VERIFICATION_MISSING',
  'AUTOMATION_DETECTED',
  'USER_AGENT_CHANGED',
  'CREDENTIAL_FLAGS_INCONSISTENT',
  'USER_AGENT_MISSING',
  'ROAMING_AUTHENTICATOR',
  'AUTHENTICATOR_ATTACHMENT_UNKNOWN',
  'CHALLENGE_MISSING',
  'MALFORMED_TRACE',
  'CHALLENGE_INCOMPLETE',
  'TOO_FEW_EVENTS',
  'TELEPORTING_POINTER',
  'REACTION_TOO_FAST',
  'STRAIGHT_LINE_MOVEMENT',
  'CONSTANT_VELOCITY',
  'EVENLY_SPACED_POINTS',
  'UNIFORM_TIMING',
  'NEW_PASSKEY',
];

export type HumannessFactor = 'liveness' | 'device' | 'behavioral' | 'credential';

export interface ReasonEffect {
  /** The factor the reason belongs to, and whose check it can fail. */
  factor: HumannessFactor;
  /** Points taken off that factor (each factor starts at 100; the sum is clamped at 0). */
  penalty: number;
  /** Whether the reason alone fails the factor's check, which caps the score (see score-humanness.ts). */
  failsCheck: boolean;
}

/**
 * One table for what each reason does, so the factor arithmetic, the checks and docs/scoring.md cannot
 * drift apart (a test compares this table with the document). Penalties say how strongly the signal
 * separates a script from a hand, not how common it is.
 */
export const REASON_EFFECTS: Record<HumannessReason, ReasonEffect> = {
  // Liveness is the camera challenge the server verified on the frames (docs/assurance.md §1). Without
  // it nobody has been shown to be a live person, whatever the reason, so each of these fails the check;
  // the page explains the camera-free path and the project's policy decides whether it is enough.
  LIVENESS_NOT_ATTEMPTED: { factor: 'liveness', penalty: 100, failsCheck: true },
  CAMERA_DECLINED: { factor: 'liveness', penalty: 100, failsCheck: true },
  NO_CAMERA: { factor: 'liveness', penalty: 100, failsCheck: true },
  CANNOT_MOVE_HEAD: { factor: 'liveness', penalty: 100, failsCheck: true },
  LIVENESS_FAILED: { factor: 'liveness', penalty: 100, failsCheck: true },
  NO_FACE: { factor: 'liveness', penalty: 0, failsCheck: true },
  MULTIPLE_FACES: { factor: 'liveness', penalty: 0, failsCheck: true },
  POSE_NOT_FOLLOWED: { factor: 'liveness', penalty: 0, failsCheck: true },
  FACE_MISMATCH_ACROSS_FRAMES: { factor: 'liveness', penalty: 0, failsCheck: true },
  FRAMES_NOT_FRESH: { factor: 'liveness', penalty: 0, failsCheck: true },
  // The passkey's UV flag is the authenticator's own claim: a device signal, never liveness.
  USER_VERIFICATION_MISSING: { factor: 'device', penalty: 50, failsCheck: true },
  AUTOMATION_DETECTED: { factor: 'device', penalty: 100, failsCheck: true },
  // A different browser finishing what another started is how verification relays and farms work.
  USER_AGENT_CHANGED: { factor: 'device', penalty: 50, failsCheck: true },
  // WebAuthn §6.1: the backup state flag may only be set when backup eligibility is; a real
  // authenticator never breaks that, a hand-configured virtual one can.
  CREDENTIAL_FLAGS_INCONSISTENT: { factor: 'device', penalty: 50, failsCheck: true },
  USER_AGENT_MISSING: { factor: 'device', penalty: 20, failsCheck: false },
  // Security keys and other-device passkeys are legitimate, but say nothing about this phone.
  ROAMING_AUTHENTICATOR: { factor: 'device', penalty: 30, failsCheck: false },
  AUTHENTICATOR_ATTACHMENT_UNKNOWN: { factor: 'device', penalty: 20, failsCheck: false },
  // The drag exercise is optional (nobody fails for using assistive technology); only old records carry it.
  CHALLENGE_MISSING: { factor: 'behavioral', penalty: 0, failsCheck: false },
  MALFORMED_TRACE: { factor: 'behavioral', penalty: 100, failsCheck: true },
  CHALLENGE_INCOMPLETE: { factor: 'behavioral', penalty: 60, failsCheck: true },
  TOO_FEW_EVENTS: { factor: 'behavioral', penalty: 60, failsCheck: true },
  TELEPORTING_POINTER: { factor: 'behavioral', penalty: 60, failsCheck: true },
  REACTION_TOO_FAST: { factor: 'behavioral', penalty: 50, failsCheck: true },
  STRAIGHT_LINE_MOVEMENT: { factor: 'behavioral', penalty: 45, failsCheck: true },
  CONSTANT_VELOCITY: { factor: 'behavioral', penalty: 45, failsCheck: true },
  EVENLY_SPACED_POINTS: { factor: 'behavioral', penalty: 45, failsCheck: true },
  // Browsers deliver pointermove once per frame, so a hand's timing is regular too: weak evidence.
  UNIFORM_TIMING: { factor: 'behavioral', penalty: 10, failsCheck: false },
  // No points: its effect is that the account's history does not raise the score (see score-humanness.ts).
  NEW_PASSKEY: { factor: 'credential', penalty: 0, failsCheck: false },
};

/** 100 minus the penalties of the reasons that belong to `factor`, never below 0. */
export function computeFactorAfterPenalties(
  factor: HumannessFactor,
  reasons: Iterable<HumannessReason>,
): number {
  let total = 100;
  for (const reason of new Set(reasons)) {
    const effect = REASON_EFFECTS[reason];
    if (effect.factor === factor) total -= effect.penalty;
  }
  return Math.max(0, total);
}

/** Whether any of `reasons` fails the check of `factor`. */
export function hasFailingReason(factor: HumannessFactor, reasons: Iterable<HumannessReason>): boolean {
  for (const reason of reasons) {
    const effect = REASON_EFFECTS[reason];
    if (effect.factor === factor && effect.failsCheck) return true;
  }
  return false;
}

/** The codes in `found`, each once, in the order of HUMANNESS_REASONS (so equal inputs list equally). */
export function sortReasons(found: Iterable<HumannessReason>): HumannessReason[] {
  const present = new Set(found);
  return HUMANNESS_REASONS.filter((reason) => present.has(reason));
}
