// Turns the drag challenge's pointer trace into behavioural reason codes. The threat is scripted input
// (Playwright's mouse.move with steps, CDP Input.dispatchMouseEvent in a loop, a replayed or forged
// trace posted straight to the API): it moves in perfectly straight lines at constant speed through
// evenly spaced points, reacts in zero time, or jumps. A hand reacts after a delay, curves, speeds up and
// slows down. These checks stop naive scripts only; a bot that models a hand needs other factors too,
// which is why behaviour is one factor of several and never raises the score on its own.
//
// The page's duties (docs/flow-api.md): record pointerdown/pointermove/pointerup of each round with
// times measured from when that round was shown, and preferably record getCoalescedEvents() so a busy
// main thread does not merge samples into apparent jumps.
import {
  computeFactorAfterPenalties,
  type HumannessReason,
  hasFailingReason,
  sortReasons,
} from './humanness-reasons.ts';
import { type ChallengeTrace, extractMovementFeatures, type MovementFeatures } from './movement-features.ts';

/** The page asks for 2 or 3 rounds; one round is too little evidence either way. */
export const MIN_CHALLENGE_ROUNDS = 2;
/** A hand's drag of a few hundred ms at frame rate gives 10+ moves; fewer leaves nothing to measure. */
export const MIN_MOVE_EVENTS_PER_ROUND = 5;
/** Shape statistics on a drag shorter than this are noise, so such a round is only checked for jumps and reaction. */
export const MIN_ASSESSABLE_DISTANCE_PX = 60;
/**
 * Seeing the dot, reaching it and starting to drag takes a person a few hundred ms; visual reaction
 * alone is ~150 ms at best. Below this the input did not wait to see anything.
 */
export const MIN_REACTION_TIME_MS = 120;
/** A finger dragging on glass peaks around 1–4 px/ms; 10 px/ms (10,000 px/s) is a jump, not a drag. */
export const TELEPORT_MIN_SPEED_PX_PER_MS = 10;
/** At frame rate a hand's largest step is ~10–30% of the drag; one step covering 60% is a jump. */
export const TELEPORT_MIN_STEP_FRACTION = 0.6;
/**
 * A path whose every sample lies within this fraction of the drag distance (or STRAIGHT_LINE_MIN_DEVIATION_PX,
 * whichever is larger) of the straight line is ruler-straight; hands deviate by several percent.
 */
export const STRAIGHT_LINE_MAX_DEVIATION_RATIO = 0.015;
/** Integer rounding of a scripted line alone gives up to ~0.7 px, so short drags need a floor in px. */
export const STRAIGHT_LINE_MIN_DEVIATION_PX = 1.5;
/** Speed CV of a minimum-jerk (bell-shaped) drag is ~0.65; constant-speed steps give ~0. */
export const CONSTANT_VELOCITY_MAX_SPEED_CV = 0.2;
/** At a steady frame rate a bell-shaped drag gives short, long, then short steps (CV ~0.6); steps give ~0. */
export const EVENLY_SPACED_MAX_STEP_CV = 0.1;
/** Frame-rate delivery makes a hand's intervals regular too (CV a few %); only near-identical gaps count. */
export const UNIFORM_TIMING_MAX_INTERVAL_CV = 0.01;

export interface ChallengeAssessment {
  /** 0–100: 100 minus the penalties of the behavioural reasons. */
  behavioralFactor: number;
  passed: boolean;
  reasons: HumannessReason[];
  /** Per-round statistics, for the verification record and for tuning. */
  rounds: MovementFeatures[];
}

function isViewportWellFormed(trace: ChallengeTrace): boolean {
  const { width, height } = trace.viewport;
  return Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0;
}

function isStraight(features: MovementFeatures): boolean {
  const allowedDeviationPx = Math.max(
    STRAIGHT_LINE_MIN_DEVIATION_PX,
    STRAIGHT_LINE_MAX_DEVIATION_RATIO * features.distancePx,
  );
  return features.maxLateralDeviationPx < allowedDeviationPx;
}

function isBelow(value: number | null, limit: number): boolean {
  return value !== null && value < limit;
}

function isTeleporting(features: MovementFeatures): boolean {
  const tooFast =
    features.fastestJumpPxPerMs !== null && features.fastestJumpPxPerMs >= TELEPORT_MIN_SPEED_PX_PER_MS;
  const tooLong =
    features.largestStepFraction !== null && features.largestStepFraction >= TELEPORT_MIN_STEP_FRACTION;
  return tooFast || tooLong;
}

function concludeAssessment(
  reasons: Iterable<HumannessReason>,
  rounds: MovementFeatures[],
): ChallengeAssessment {
  const sorted = sortReasons(reasons);
  return {
    behavioralFactor: computeFactorAfterPenalties('behavioral', sorted),
    passed: !hasFailingReason('behavioral', sorted),
    reasons: sorted,
    rounds,
  };
}

/**
 * Behavioural reasons for a challenge trace. Jumps, instant reactions and missing events are physically
 * out of reach for a hand, so one round shows them; a hand can draw one unusually clean drag, so the
 * shape reasons need more than half of the assessable rounds.
 */
export function assessChallengeTrace(trace: ChallengeTrace | null): ChallengeAssessment {
  if (trace === null) return concludeAssessment(['CHALLENGE_MISSING'], []);

  const rounds: MovementFeatures[] = [];
  const malformed = !isViewportWellFormed(trace);
  // Each round's clock starts when that round is shown (docs/flow-api.md), so reaction time is the
  // first movement's own timestamp.
  for (const round of trace.rounds) rounds.push(extractMovementFeatures(round, 0));
  if (malformed || rounds.some((features) => !features.wellFormed)) {
    return concludeAssessment(['MALFORMED_TRACE'], rounds);
  }

  const reasons = new Set<HumannessReason>();
  if (rounds.length < MIN_CHALLENGE_ROUNDS) reasons.add('CHALLENGE_INCOMPLETE');
  for (const features of rounds) {
    if (!features.hasDrag || !features.endedInTarget) reasons.add('CHALLENGE_INCOMPLETE');
    if (!features.hasDrag) continue;
    if (features.moveCount < MIN_MOVE_EVENTS_PER_ROUND) reasons.add('TOO_FEW_EVENTS');
    if (isTeleporting(features)) reasons.add('TELEPORTING_POINTER');
    if (isBelow(features.reactionTimeMs, MIN_REACTION_TIME_MS)) reasons.add('REACTION_TOO_FAST');
  }

  const assessable = rounds.filter(
    (features) =>
      features.hasDrag &&
      features.endedInTarget &&
      features.moveCount >= MIN_MOVE_EVENTS_PER_ROUND &&
      features.distancePx >= MIN_ASSESSABLE_DISTANCE_PX,
  );
  const addIfMostRounds = (reason: HumannessReason, test: (features: MovementFeatures) => boolean): void => {
    if (assessable.filter(test).length * 2 > assessable.length) reasons.add(reason);
  };
  addIfMostRounds('STRAIGHT_LINE_MOVEMENT', isStraight);
  addIfMostRounds('CONSTANT_VELOCITY', (features) =>
    isBelow(features.speedCv, CONSTANT_VELOCITY_MAX_SPEED_CV),
  );
  addIfMostRounds('EVENLY_SPACED_POINTS', (features) =>
    isBelow(features.stepLengthCv, EVENLY_SPACED_MAX_STEP_CV),
  );
  addIfMostRounds('UNIFORM_TIMING', (features) =>
    isBelow(features.intervalCv, UNIFORM_TIMING_MAX_INTERVAL_CV),
  );

  return concludeAssessment(reasons, rounds);
}
