// A finger dragging the dot, as the scorer (core/scoring/assess-challenge-trace.ts) expects a person
// to: it waits before moving, follows a curved path, speeds up and slows down (minimum-jerk profile),
// trembles a little, overshoots the ring and corrects back into it. The touches go through CDP
// Input.dispatchTouchEvent, so the page receives real touch pointer events (pointerType "touch"), as
// on a phone.
import type { CDPSession } from 'playwright-core';
import type { Random } from './random.ts';
import { sleep } from './timing.ts';

export interface Point {
  x: number;
  y: number;
}

export interface PlannedMove extends Point {
  /** Pause before this move is sent, after the previous event was delivered. */
  delayMs: number;
}

export interface HandDragPlan {
  press: Point;
  /** Time the finger rests on the dot before moving (part of a person's reaction). */
  holdMs: number;
  moves: PlannedMove[];
  /** Time the finger stays still on the final point before lifting. */
  releaseDelayMs: number;
}

/** Position along a reach as a fraction of its duration: the minimum-jerk (bell-shaped speed) profile. */
function minimumJerk(progress: number): number {
  return progress ** 3 * (10 - 15 * progress + 6 * progress ** 2);
}

/** ~60 Hz touch sampling, never perfectly regular. */
function frameIntervalMs(random: Random): number {
  return random.between(13, 20);
}

/**
 * Plans a drag from `press` (on the dot) to `release` (chosen so that the dot lands in the ring). The
 * main reach ends a little past the release point and slightly to one side; a short second reach
 * corrects it, as people do when they aim.
 */
export function planHandDrag(random: Random, press: Point, release: Point): HandDragPlan {
  const dx = release.x - press.x;
  const dy = release.y - press.y;
  const distance = Math.hypot(dx, dy);
  if (distance === 0) throw new Error('A drag needs two different points');
  const along = { x: dx / distance, y: dy / distance };
  const across = { x: -along.y, y: along.x };

  const side = random.next() < 0.5 ? -1 : 1;
  const bulgePx = side * random.between(0.05, 0.12) * distance;
  const overshootPx = Math.max(4, random.between(0.03, 0.07) * distance);
  const sideErrorPx = random.wobble(0.02 * distance);
  const peak = {
    x: release.x + along.x * overshootPx + across.x * sideErrorPx,
    y: release.y + along.y * overshootPx + across.y * sideErrorPx,
  };

  const moves: PlannedMove[] = [];
  const reach = (from: Point, to: Point, durationMs: number, curvePx: number, tremorPx: number): void => {
    let elapsedMs = 0;
    for (;;) {
      const delayMs = frameIntervalMs(random);
      elapsedMs += delayMs;
      if (elapsedMs >= durationMs) {
        moves.push({ x: to.x, y: to.y, delayMs: delayMs - (elapsedMs - durationMs) + 1 });
        return;
      }
      const progress = minimumJerk(elapsedMs / durationMs);
      const bow = curvePx * Math.sin(Math.PI * progress);
      moves.push({
        x: from.x + (to.x - from.x) * progress + across.x * bow + random.wobble(tremorPx),
        y: from.y + (to.y - from.y) * progress + across.y * bow + random.wobble(tremorPx),
        delayMs,
      });
    }
  };
  reach(press, peak, random.between(550, 850), bulgePx, 0.5);
  reach(peak, release, random.between(150, 240), 0, 0.25);

  return { press, holdMs: random.between(70, 140), moves, releaseDelayMs: random.between(50, 110) };
}

/** The contact patch of a fingertip, in CSS px. */
function touchPoint(point: Point) {
  return { x: point.x, y: point.y, radiusX: 9, radiusY: 11, force: 0.6, id: 1 };
}

/** Even when delivery lags, consecutive events stay at least this far apart (no bunched jumps). */
const MIN_EVENT_GAP_MS = 6;

/**
 * Sends the plan as touch events. Each pause is counted from when the previous event was sent, less
 * the time its delivery took; a slow machine stretches the drag rather than bunching events into
 * apparent jumps.
 */
export async function performTouchDrag(cdp: CDPSession, plan: HandDragPlan): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [touchPoint(plan.press)] });
  await sleep(plan.holdMs);
  let sentAtMs = performance.now();
  for (const move of plan.moves) {
    await sleep(Math.max(MIN_EVENT_GAP_MS, move.delayMs - (performance.now() - sentAtMs)));
    sentAtMs = performance.now();
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [touchPoint(move)] });
  }
  await sleep(plan.releaseDelayMs);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}
