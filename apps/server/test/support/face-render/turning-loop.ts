// Test material only: the head movements of the turning-face video, as a timed plan.
import type { HeadPoseDeg } from './head-rotation.ts';

export type TurnMove = 'centre' | 'left' | 'right' | 'up' | 'down';

export interface TurnSegment {
  move: TurnMove;
  /** When the pose is held, seconds from the start of the loop. */
  holdStartS: number;
  holdEndS: number;
  pose: HeadPoseDeg;
}

const FRONTAL_HOLD_S = 1.5;
const MOVE_S = 0.5;
const TURN_HOLD_S = 1.2;
const CENTRE_HOLD_S = 0.4;

/** The loop: frontal, then left, right, up and down, each held and followed by a return to centre. */
export function planTurningLoop(
  turnYawDeg: number,
  tiltPitchDeg: number,
): { segments: TurnSegment[]; loopS: number } {
  const segments: TurnSegment[] = [
    { move: 'centre', holdStartS: 0, holdEndS: FRONTAL_HOLD_S, pose: { yawDeg: 0, pitchDeg: 0 } },
  ];
  const moves: [TurnMove, HeadPoseDeg][] = [
    ['left', { yawDeg: turnYawDeg, pitchDeg: 0 }],
    ['right', { yawDeg: -turnYawDeg, pitchDeg: 0 }],
    ['up', { yawDeg: 0, pitchDeg: tiltPitchDeg }],
    ['down', { yawDeg: 0, pitchDeg: -tiltPitchDeg }],
  ];
  let t = FRONTAL_HOLD_S;
  for (const [move, pose] of moves) {
    segments.push({ move, holdStartS: t + MOVE_S, holdEndS: t + MOVE_S + TURN_HOLD_S, pose });
    t += 2 * MOVE_S + TURN_HOLD_S;
    segments.push({
      move: 'centre',
      holdStartS: t,
      holdEndS: t + CENTRE_HOLD_S,
      pose: { yawDeg: 0, pitchDeg: 0 },
    });
    t += CENTRE_HOLD_S;
  }
  return { segments, loopS: t };
}

/** The pose at time t: held poses as planned, smooth (cosine) moves between consecutive holds. */
export function poseAt(segments: readonly TurnSegment[], timeS: number): HeadPoseDeg {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (!segment) break;
    if (timeS < segment.holdStartS) {
      const previous = segments[i - 1] ?? segment;
      const progress = (timeS - previous.holdEndS) / Math.max(1e-6, segment.holdStartS - previous.holdEndS);
      const eased = (1 - Math.cos(Math.PI * Math.min(1, Math.max(0, progress)))) / 2;
      return {
        yawDeg: previous.pose.yawDeg + (segment.pose.yawDeg - previous.pose.yawDeg) * eased,
        pitchDeg: previous.pose.pitchDeg + (segment.pose.pitchDeg - previous.pose.pitchDeg) * eased,
      };
    }
    if (timeS <= segment.holdEndS) return segment.pose;
  }
  return segments[segments.length - 1]?.pose ?? { yawDeg: 0, pitchDeg: 0 };
}
