// The head movements of the camera challenge and what counts as having made one. Angles are relative
// to the person's own frontal frame, so a camera held a little off-axis does not decide the result.
import { randomInt } from 'node:crypto';

export const LIVENESS_MOVES = ['left', 'right', 'up', 'down'] as const;
export type LivenessMove = (typeof LIVENESS_MOVES)[number];
export type FrameLabel = 'center' | LivenessMove;

/**
 * How far a move must go from the frontal frame. A real head turns 30–45° with ease and nods 20°+; a flat
 * photo tilted or panned in front of a camera measured under 3° of yaw (docs/liveness.md), so these
 * leave a wide margin on both sides.
 */
export const MIN_TURN_YAW_DEG = 15;
export const MIN_NOD_PITCH_DEG = 8;
/** The frontal frame must be roughly frontal, or the moves measured from it mean little. */
export const MAX_FRONTAL_ANGLE_DEG = 20;

/** 3 or 4 different moves in a random order: 36 + 24 = 60 sequences, so a recording rarely fits. */
export function drawLivenessMoves(): LivenessMove[] {
  const count = randomInt(3, 5);
  const pool: LivenessMove[] = [...LIVENESS_MOVES];
  const moves: LivenessMove[] = [];
  while (moves.length < count) {
    const [move] = pool.splice(randomInt(0, pool.length), 1);
    if (move) moves.push(move);
  }
  return moves;
}
