// Test support: deterministic pointer traces for the scoring tests (and for anyone tuning thresholds).
// A hand is modelled as a minimum-jerk drag (Flash & Hogan 1985) along a gently curved path, with a
// reaction delay, an overshoot and a correction, frame-rate sampling with jitter, and touch noise. Scripts
// are modelled as what automation tools actually emit. All randomness comes from a seeded PRNG, so a
// failing test fails the same way every time.
import type {
  ChallengeRound,
  ChallengeTrace,
  PointerSample,
} from '../../src/core/scoring/movement-features.ts';

export interface Point {
  x: number;
  y: number;
}

export interface Target extends Point {
  radius: number;
}

/** What a round synthesizer is given: where the dot and ring are, when the round appears, a PRNG. */
export interface RoundSetup {
  start: Point;
  target: Target;
  shownAtMs: number;
  random: () => number;
}

export type RoundSynthesizer = (setup: RoundSetup) => ChallengeRound;

export const PHONE_VIEWPORT = { width: 390, height: 844 };
export const RING_RADIUS_PX = 36;
const DISPLAY_FRAME_MS = 1000 / 60;
const EDGE_MARGIN_PX = 48;
const MIN_ROUND_DISTANCE_PX = 160;

/** mulberry32: tiny, fast, and good enough to make jitter look irregular. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function between(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}

/** Minimum-jerk position profile: 0→1 with zero velocity and acceleration at both ends (a bell of speed). */
export function minimumJerkProgress(fraction: number): number {
  const t = Math.min(1, Math.max(0, fraction));
  return t * t * t * (10 - 15 * t + 6 * t * t);
}

/** The time fraction at which the minimum-jerk profile reaches `progress` (bisection; it is monotonic). */
function invertMinimumJerk(progress: number): number {
  let low = 0;
  let high = 1;
  for (let iteration = 0; iteration < 50; iteration += 1) {
    const middle = (low + high) / 2;
    if (minimumJerkProgress(middle) < progress) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** A point `progress` of the way from `from` to `to`, bowed sideways by `bulgeFraction` of the distance at the middle. */
export function pointOnCurve(from: Point, to: Point, bulgeFraction: number, progress: number): Point {
  const distance = Math.hypot(to.x - from.x, to.y - from.y);
  const normalX = distance > 0 ? -(to.y - from.y) / distance : 0;
  const normalY = distance > 0 ? (to.x - from.x) / distance : 0;
  const sidewaysPx = bulgeFraction * distance * 4 * progress * (1 - progress);
  return {
    x: from.x + (to.x - from.x) * progress + normalX * sidewaysPx,
    y: from.y + (to.y - from.y) * progress + normalY * sidewaysPx,
  };
}

function sample(
  kind: PointerSample['kind'],
  tMs: number,
  point: Point,
  pointerType: PointerSample['pointerType'],
) {
  return { tMs, x: point.x, y: point.y, kind, pointerType } satisfies PointerSample;
}

export interface HumanDragOptions {
  /** Round shown → movement starts. Default 380–580 ms. */
  reactionMs?: number;
  /** Sideways bow as a fraction of the distance (sign = side). Default ±0.06–0.12. */
  bulgeFraction?: number;
  /** How far past the ring the hand goes before correcting, as a fraction of the distance. Default 3–6%. */
  overshootFraction?: number;
  /** ± uniform jitter on each frame interval. Default 2.5 ms; 0 gives perfectly regular frames. */
  timingJitterMs?: number;
  /** ± uniform touch noise on each position. Default 0.5 px. */
  positionJitterPx?: number;
  /** Where the dot is released relative to the ring centre. Default: a random point within a third of the radius. */
  landingOffset?: Point;
  /** Move the pointer straight to the release point once this fraction of the drag has elapsed. */
  jumpAtFraction?: number;
  /** How long that jump takes. Default 0.5 ms (the next dispatched event). */
  jumpIntervalMs?: number;
  pointerType?: PointerSample['pointerType'];
}

/** A hand dragging the dot into the ring. */
export function humanDrag(options: HumanDragOptions = {}): RoundSynthesizer {
  return ({ start, target, shownAtMs, random }) => {
    const pointerType = options.pointerType ?? 'touch';
    const reactionMs = options.reactionMs ?? between(random, 380, 580);
    const bulgeFraction = options.bulgeFraction ?? (random() < 0.5 ? -1 : 1) * between(random, 0.06, 0.12);
    const overshootFraction = options.overshootFraction ?? between(random, 0.03, 0.06);
    const timingJitterMs = options.timingJitterMs ?? 2.5;
    const positionJitterPx = options.positionJitterPx ?? 0.5;
    const landingAngle = between(random, 0, 2 * Math.PI);
    const landingRadiusPx = between(random, 0, target.radius / 3);
    const landingOffset = options.landingOffset ?? {
      x: Math.cos(landingAngle) * landingRadiusPx,
      y: Math.sin(landingAngle) * landingRadiusPx,
    };

    // People rarely grab the dot dead centre; the pointer keeps that offset all the way.
    const grab = { x: between(random, -6, 6), y: between(random, -6, 6) };
    const press = { x: start.x + grab.x, y: start.y + grab.y };
    const release = { x: target.x + landingOffset.x + grab.x, y: target.y + landingOffset.y + grab.y };
    const distancePx = Math.hypot(release.x - press.x, release.y - press.y);
    const overshoot = {
      x: release.x + ((release.x - press.x) / distancePx) * overshootFraction * distancePx,
      y: release.y + ((release.y - press.y) / distancePx) * overshootFraction * distancePx,
    };

    const onsetMs = shownAtMs + reactionMs;
    const pressAtMs = Math.max(shownAtMs, onsetMs - between(random, 60, 100));
    const mainDurationMs = 350 + 0.8 * distancePx + between(random, -40, 40);
    const correctionMs = between(random, 120, 180);
    const endMs = onsetMs + mainDurationMs + correctionMs;
    const positionAt = (tMs: number): Point => {
      const mainFraction = (tMs - onsetMs) / mainDurationMs;
      if (mainFraction <= 1)
        return pointOnCurve(press, overshoot, bulgeFraction, minimumJerkProgress(mainFraction));
      return pointOnCurve(
        overshoot,
        release,
        0,
        minimumJerkProgress((tMs - onsetMs - mainDurationMs) / correctionMs),
      );
    };

    const samples: PointerSample[] = [sample('down', pressAtMs, press, pointerType)];
    const jumpAtMs =
      options.jumpAtFraction === undefined ? null : onsetMs + options.jumpAtFraction * mainDurationMs;
    let tMs = onsetMs;
    while (tMs < endMs) {
      // Frames keep their rhythm to the end; the last one simply lands after the hand has stopped.
      tMs += DISPLAY_FRAME_MS + between(random, -timingJitterMs, timingJitterMs);
      if (jumpAtMs !== null && tMs >= jumpAtMs) {
        // What a script does when it stops pretending: the next event lands on the answer.
        const lastMs = samples.at(-1)?.tMs ?? tMs;
        samples.push(sample('move', lastMs + (options.jumpIntervalMs ?? 0.5), release, pointerType));
        break;
      }
      const exact = positionAt(tMs);
      const noisy = {
        x: exact.x + between(random, -positionJitterPx, positionJitterPx),
        y: exact.y + between(random, -positionJitterPx, positionJitterPx),
      };
      samples.push(sample('move', tMs, tMs >= endMs ? release : noisy, pointerType));
    }
    const last = samples.at(-1) ?? samples[0] ?? sample('move', tMs, release, pointerType);
    samples.push(sample('up', last.tMs + between(random, 40, 80), last, pointerType));
    return { start, target, samples };
  };
}

export interface ScriptedDragOptions {
  /** Round shown → pointerdown. Default 400 ms, so only the shape gives the script away. */
  reactionMs?: number;
  steps?: number;
  intervalMs?: number;
  /** Round coordinates to whole CSS pixels, as mouse events from CDP do. */
  roundToPixel?: boolean;
}

/** Playwright's `mouse.down(); mouse.move(x, y, { steps }); mouse.up()` (or a CDP loop with a fixed sleep). */
export function linearStepsDrag(options: ScriptedDragOptions = {}): RoundSynthesizer {
  return ({ start, target, shownAtMs }) => {
    const steps = options.steps ?? 20;
    const intervalMs = options.intervalMs ?? 16;
    const pressAtMs = shownAtMs + (options.reactionMs ?? 400);
    const snap = (value: number): number => (options.roundToPixel === true ? Math.round(value) : value);
    const samples: PointerSample[] = [
      sample('down', pressAtMs, { x: snap(start.x), y: snap(start.y) }, 'mouse'),
    ];
    for (let step = 1; step <= steps; step += 1) {
      const point = pointOnCurve(start, target, 0, step / steps);
      samples.push(
        sample('move', pressAtMs + step * intervalMs, { x: snap(point.x), y: snap(point.y) }, 'mouse'),
      );
    }
    samples.push(
      sample('up', pressAtMs + (steps + 1) * intervalMs, { x: snap(target.x), y: snap(target.y) }, 'mouse'),
    );
    return { start, target, samples };
  };
}

/** Press on the dot, one move onto the ring, release: `mouse.move(target)` without steps. */
export function teleportDrag(options: ScriptedDragOptions = {}): RoundSynthesizer {
  return ({ start, target, shownAtMs }) => {
    const pressAtMs = shownAtMs + (options.reactionMs ?? 400);
    return {
      start,
      target,
      samples: [
        sample('down', pressAtMs, start, 'mouse'),
        sample('move', pressAtMs + 1, target, 'mouse'),
        sample('up', pressAtMs + 2, target, 'mouse'),
      ],
    };
  };
}

/** A few moves only, at a plausible pace: too little to judge. */
export function sparseDrag(moves = 2): RoundSynthesizer {
  return ({ start, target, shownAtMs }) => {
    const pressAtMs = shownAtMs + 400;
    const samples: PointerSample[] = [sample('down', pressAtMs, start, 'touch')];
    for (let move = 1; move <= moves; move += 1) {
      samples.push(
        sample('move', pressAtMs + move * 60, pointOnCurve(start, target, 0.1, move / moves), 'touch'),
      );
    }
    samples.push(sample('up', pressAtMs + (moves + 1) * 60, target, 'touch'));
    return { start, target, samples };
  };
}

/**
 * A curved path at exactly constant speed with irregular event times (a CDP loop with random sleeps):
 * the spacing is uneven because the gaps are, but the velocity never changes.
 */
export function constantSpeedCurvedDrag(speedPxPerMs = 0.8): RoundSynthesizer {
  return ({ start, target, shownAtMs, random }) => {
    const pressAtMs = shownAtMs + 400;
    const samples: PointerSample[] = [sample('down', pressAtMs, start, 'touch')];
    // A gentle bow is nearly as long as its chord, so equal steps of progress are (almost) equal lengths.
    const lengthPx = Math.hypot(target.x - start.x, target.y - start.y);
    let progress = 0;
    let tMs = pressAtMs;
    while (progress < 1) {
      let intervalMs = between(random, 8, 30);
      let nextProgress = progress + (speedPxPerMs * intervalMs) / lengthPx;
      if (nextProgress >= 1) {
        intervalMs = ((1 - progress) * lengthPx) / speedPxPerMs;
        nextProgress = 1;
      }
      tMs += intervalMs;
      progress = nextProgress;
      samples.push(sample('move', tMs, pointOnCurve(start, target, 0.1, progress), 'touch'));
    }
    samples.push(sample('up', tMs + 50, target, 'touch'));
    return { start, target, samples };
  };
}

/**
 * A curved path through evenly spaced points whose timing follows a hand's bell profile: the speed
 * varies like a person's, only the spacing is machine-regular.
 */
export function evenlySpacedCurvedDrag(points = 30, durationMs = 650): RoundSynthesizer {
  return ({ start, target, shownAtMs }) => {
    const pressAtMs = shownAtMs + 400;
    const samples: PointerSample[] = [sample('down', pressAtMs, start, 'touch')];
    for (let index = 1; index <= points; index += 1) {
      const progress = index / points;
      const tMs = pressAtMs + durationMs * invertMinimumJerk(progress);
      samples.push(sample('move', tMs, pointOnCurve(start, target, 0.1, progress), 'touch'));
    }
    samples.push(sample('up', pressAtMs + durationMs + 50, target, 'touch'));
    return { start, target, samples };
  };
}

/** Random dot and ring positions at least MIN_ROUND_DISTANCE_PX apart, inside the viewport. */
function placeRound(random: () => number, viewport: { width: number; height: number }) {
  const pick = (): Point => ({
    x: between(random, EDGE_MARGIN_PX, viewport.width - EDGE_MARGIN_PX),
    y: between(random, EDGE_MARGIN_PX, viewport.height - EDGE_MARGIN_PX),
  });
  let start = pick();
  let target = pick();
  while (Math.hypot(target.x - start.x, target.y - start.y) < MIN_ROUND_DISTANCE_PX) {
    start = pick();
    target = pick();
  }
  return { start, target: { ...target, radius: RING_RADIUS_PX } };
}

/**
 * A challenge with one round per synthesizer. Each round's clock starts when that round is shown, as
 * the page records it (docs/flow-api.md); `gapMs` is kept for callers and has no effect on the trace.
 */
export function synthesizeTrace(
  seed: number,
  synthesizers: readonly RoundSynthesizer[],
  _gapMs = 250,
  viewport = PHONE_VIEWPORT,
): ChallengeTrace {
  const random = createSeededRandom(seed);
  const rounds: ChallengeRound[] = [];
  for (const synthesize of synthesizers) {
    const { start, target } = placeRound(random, viewport);
    rounds.push(synthesize({ start, target, shownAtMs: 0, random }));
  }
  return { viewport, rounds };
}

/** The usual case: three human rounds. */
export function synthesizeHumanTrace(seed: number, options: HumanDragOptions = {}): ChallengeTrace {
  return synthesizeTrace(seed, [humanDrag(options), humanDrag(options), humanDrag(options)]);
}
