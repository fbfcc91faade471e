// Statistics of one "drag the dot into the ring" round. They only measure; the thresholds that turn
// them into reason codes live in assess-challenge-trace.ts, so the two can be tuned and tested apart.
// Pure arithmetic over the samples the page recorded: same round in, same numbers out.

export interface PointerSample {
  /** Milliseconds since the challenge was shown (the page's event.timeStamp minus its shown time). */
  tMs: number;
  /** CSS pixels, viewport coordinates. */
  x: number;
  y: number;
  kind: 'down' | 'move' | 'up';
  pointerType: 'mouse' | 'touch' | 'pen';
}

export interface ChallengeRound {
  /** Centre and radius of the ring, CSS pixels. */
  target: { x: number; y: number; radius: number };
  /** Centre of the dot when the round was shown, CSS pixels. */
  start: { x: number; y: number };
  samples: PointerSample[];
}

export interface ChallengeTrace {
  viewport: { width: number; height: number };
  rounds: ChallengeRound[];
}

export interface MovementFeatures {
  /** False when a number is not finite, the ring has no size or time runs backwards; nothing else is measured then. */
  wellFormed: boolean;
  /** A pointerdown followed later by a pointerup. The features describe the last such drag of the round. */
  hasDrag: boolean;
  /** The dot, carried at the offset where it was grabbed, was released inside the ring. */
  endedInTarget: boolean;
  /** pointermove samples between that pointerdown and pointerup. */
  moveCount: number;
  /** From the round being shown to movement onset (the pointer first MOVE_ONSET_DISTANCE_PX from the press). */
  reactionTimeMs: number | null;
  /** pointerdown to pointerup. */
  dragDurationMs: number | null;
  /** Straight-line distance from the press to the release. */
  distancePx: number;
  /** Sum of the steps between consecutive samples, press to release. */
  pathLengthPx: number;
  /** Largest perpendicular distance of any sample from the press→release line. */
  maxLateralDeviationPx: number;
  /** maxLateralDeviationPx / distancePx; 0 when the pointer did not travel. */
  lateralDeviationRatio: number;
  /** Coefficient of variation of the moving steps' lengths: ~0 for evenly spaced points. */
  stepLengthCv: number | null;
  /** Coefficient of variation of the moving steps' speeds: ~0 for constant velocity, ~0.6 for a bell profile. */
  speedCv: number | null;
  /** Coefficient of variation of the gaps between consecutive pointermove samples. */
  intervalCv: number | null;
  /** Fastest step of at least JUMP_MIN_DISTANCE_PX, in px/ms; null when no step is that long. */
  fastestJumpPxPerMs: number | null;
  /** Longest single step as a fraction of distancePx; null when the pointer did not travel. */
  largestStepFraction: number | null;
  /** How far the pointer went past the release point along the drag direction. Reported, not scored. */
  overshootPx: number;
}

/** Moving less than this from the press is treated as the finger settling, not the drag starting. */
export const MOVE_ONSET_DISTANCE_PX = 3;
/** Steps shorter than this are the pointer standing still (e.g. pointerup where the last move was). */
export const STILL_STEP_MAX_PX = 0.05;
/** Steps at least this long are candidate jumps; shorter ones are too small to time meaningfully. */
export const JUMP_MIN_DISTANCE_PX = 10;
/**
 * Pages may round timestamps to whole milliseconds, so two samples can share one; dividing by at least
 * this keeps speeds finite while still making a same-millisecond jump look impossibly fast.
 */
export const MIN_STEP_INTERVAL_MS = 1;
/** A CV needs a few values before it means anything. */
const MIN_VALUES_FOR_CV = 3;

interface Point {
  tMs: number;
  x: number;
  y: number;
}

interface Step {
  lengthPx: number;
  intervalMs: number;
}

function distanceBetween(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Population standard deviation over mean; null when there are too few values or the mean is 0. */
export function coefficientOfVariation(values: readonly number[]): number | null {
  if (values.length < MIN_VALUES_FOR_CV) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  if (mean <= 0) return null;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

function isRoundWellFormed(round: ChallengeRound): boolean {
  const numbers = [round.target.x, round.target.y, round.target.radius, round.start.x, round.start.y];
  if (!numbers.every(Number.isFinite) || round.target.radius <= 0) return false;
  let previousMs = Number.NEGATIVE_INFINITY;
  for (const sample of round.samples) {
    if (!Number.isFinite(sample.tMs) || !Number.isFinite(sample.x) || !Number.isFinite(sample.y))
      return false;
    if (sample.tMs < previousMs) return false;
    previousMs = sample.tMs;
  }
  return true;
}

/**
 * The final drag: the last pointerup and the last pointerdown before it. Mouse hover moves before the
 * press and earlier abandoned attempts are not part of the answer, so they are left out.
 */
function selectFinalDrag(samples: readonly PointerSample[]): PointerSample[] | null {
  const upIndex = samples.findLastIndex((sample) => sample.kind === 'up');
  if (upIndex < 0) return null;
  const downIndex = samples.slice(0, upIndex).findLastIndex((sample) => sample.kind === 'down');
  if (downIndex < 0) return null;
  return samples.slice(downIndex, upIndex + 1);
}

function emptyFeatures(wellFormed: boolean): MovementFeatures {
  return {
    wellFormed,
    hasDrag: false,
    endedInTarget: false,
    moveCount: 0,
    reactionTimeMs: null,
    dragDurationMs: null,
    distancePx: 0,
    pathLengthPx: 0,
    maxLateralDeviationPx: 0,
    lateralDeviationRatio: 0,
    stepLengthCv: null,
    speedCv: null,
    intervalCv: null,
    fastestJumpPxPerMs: null,
    largestStepFraction: null,
    overshootPx: 0,
  };
}

/**
 * Measures one round. `roundShownAtMs` is when this round's dot appeared on the samples' clock; the
 * page times each round from when it is shown, so the assessment passes 0.
 */
export function extractMovementFeatures(round: ChallengeRound, roundShownAtMs = 0): MovementFeatures {
  if (!isRoundWellFormed(round)) return emptyFeatures(false);
  const drag = selectFinalDrag(round.samples);
  const press = drag?.[0];
  const release = drag?.at(-1);
  if (drag === null || press === undefined || release === undefined) return emptyFeatures(true);

  const points: Point[] = drag.map(({ tMs, x, y }) => ({ tMs, x, y }));
  const steps: Step[] = [];
  for (let index = 1; index < points.length; index += 1) {
    const previous = points[index - 1];
    const current = points[index];
    if (previous === undefined || current === undefined) continue;
    steps.push({ lengthPx: distanceBetween(previous, current), intervalMs: current.tMs - previous.tMs });
  }

  const distancePx = distanceBetween(press, release);
  const pathLengthPx = steps.reduce((sum, step) => sum + step.lengthPx, 0);

  // Perpendicular distance to the press→release line, and progress along it for the overshoot.
  const directionX = distancePx > 0 ? (release.x - press.x) / distancePx : 0;
  const directionY = distancePx > 0 ? (release.y - press.y) / distancePx : 0;
  let maxLateralDeviationPx = 0;
  let furthestAlongPx = 0;
  for (const point of points) {
    const offsetX = point.x - press.x;
    const offsetY = point.y - press.y;
    const alongPx = offsetX * directionX + offsetY * directionY;
    const lateralPx = distancePx > 0 ? Math.abs(offsetX * directionY - offsetY * directionX) : 0;
    maxLateralDeviationPx = Math.max(maxLateralDeviationPx, lateralPx);
    furthestAlongPx = Math.max(furthestAlongPx, alongPx);
  }

  const movingSteps = steps.filter((step) => step.lengthPx >= STILL_STEP_MAX_PX);
  const speedsPxPerMs = movingSteps.map(
    (step) => step.lengthPx / Math.max(step.intervalMs, MIN_STEP_INTERVAL_MS),
  );
  const jumpSpeedsPxPerMs = steps
    .filter((step) => step.lengthPx >= JUMP_MIN_DISTANCE_PX)
    .map((step) => step.lengthPx / Math.max(step.intervalMs, MIN_STEP_INTERVAL_MS));

  // Only move→move gaps: the press→first-move gap holds the reaction and move→release the dwell.
  const moveTimesMs = drag.filter((sample) => sample.kind === 'move').map((sample) => sample.tMs);
  const moveIntervalsMs = moveTimesMs.slice(1).map((tMs, index) => tMs - (moveTimesMs[index] ?? tMs));

  const onset = drag.find(
    (sample) => sample.kind !== 'down' && distanceBetween(sample, press) >= MOVE_ONSET_DISTANCE_PX,
  );

  // The dot follows the pointer at the offset where it was grabbed, so that offset moves the release too.
  const dotReleasedAt = { x: release.x + round.start.x - press.x, y: release.y + round.start.y - press.y };

  return {
    wellFormed: true,
    hasDrag: true,
    endedInTarget: distanceBetween(dotReleasedAt, round.target) <= round.target.radius,
    moveCount: moveTimesMs.length,
    reactionTimeMs: onset === undefined ? null : onset.tMs - roundShownAtMs,
    dragDurationMs: release.tMs - press.tMs,
    distancePx,
    pathLengthPx,
    maxLateralDeviationPx,
    lateralDeviationRatio: distancePx > 0 ? maxLateralDeviationPx / distancePx : 0,
    stepLengthCv: coefficientOfVariation(movingSteps.map((step) => step.lengthPx)),
    speedCv: coefficientOfVariation(speedsPxPerMs),
    intervalCv: coefficientOfVariation(moveIntervalsMs),
    fastestJumpPxPerMs: jumpSpeedsPxPerMs.length > 0 ? Math.max(...jumpSpeedsPxPerMs) : null,
    largestStepFraction:
      distancePx > 0 ? Math.max(0, ...steps.map((step) => step.lengthPx)) / distancePx : null,
    overshootPx: Math.max(0, furthestAlongPx - distancePx),
  };
}
