// Did the frames follow the issued moves? Pure: the analysed frames in, reason codes out. Threats and
// answers (docs/liveness.md):
// - A photo or a screen held up to the camera: it can be moved and tilted but its face cannot turn, so
//   the measured yaw/pitch never reach the thresholds of liveness-moves.ts.
// - A pre-recorded video: the moves and their order are random per challenge.
// - Frames from several people, or a face swapped mid-way: see assess-face-continuity.ts.
import type { FaceObservation, FrameAnalysis } from './face-analyzer.ts';
import {
  type FrameLabel,
  type LivenessMove,
  MAX_FRONTAL_ANGLE_DEG,
  MIN_NOD_PITCH_DEG,
  MIN_TURN_YAW_DEG,
} from './liveness-moves.ts';

export type PoseReason = 'NO_FACE' | 'MULTIPLE_FACES' | 'POSE_NOT_FOLLOWED';

export interface LabelledFrame {
  label: FrameLabel;
  analysis: FrameAnalysis;
}

export interface PoseAssessment {
  passed: boolean;
  reasons: PoseReason[];
  /** The one face of each frame, in order, when every frame had exactly one. */
  faces: FaceObservation[];
  /** How far each issued move went from the frontal frame, in degrees along its own axis (rounded). */
  reachedDeg: number[];
}

/** Degrees along the move's own axis, positive in the move's direction, relative to the frontal pose. */
export function measureMoveDeg(move: LivenessMove, frontal: FaceObservation, face: FaceObservation): number {
  switch (move) {
    case 'left':
      return face.yawDeg - frontal.yawDeg;
    case 'right':
      return frontal.yawDeg - face.yawDeg;
    case 'up':
      return face.pitchDeg - frontal.pitchDeg;
    case 'down':
      return frontal.pitchDeg - face.pitchDeg;
  }
}

function requiredDeg(move: LivenessMove): number {
  return move === 'left' || move === 'right' ? MIN_TURN_YAW_DEG : MIN_NOD_PITCH_DEG;
}

/**
 * The frames must be: one frontal (`center`) frame, then one per issued move in the issued order, each
 * with exactly one face, each move reaching its threshold in its own direction.
 */
export function assessPoseSequence(
  frames: readonly LabelledFrame[],
  moves: readonly LivenessMove[],
): PoseAssessment {
  const failed = (reasons: PoseReason[]): PoseAssessment => ({
    passed: false,
    reasons,
    faces: [],
    reachedDeg: [],
  });
  const expected: FrameLabel[] = ['center', ...moves];
  if (frames.length !== expected.length || frames.some((frame, index) => frame.label !== expected[index])) {
    return failed(['POSE_NOT_FOLLOWED']);
  }
  const faces: FaceObservation[] = [];
  const reasons = new Set<PoseReason>();
  for (const frame of frames) {
    const found = frame.analysis.ok ? frame.analysis.faces : [];
    const [face] = found;
    if (found.length > 1) reasons.add('MULTIPLE_FACES');
    else if (face === undefined) reasons.add('NO_FACE');
    else faces.push(face);
  }
  if (reasons.size > 0) return failed([...reasons]);
  const [frontal, ...moved] = faces;
  if (!frontal) return failed(['NO_FACE']);
  const isFrontal =
    Math.abs(frontal.yawDeg) <= MAX_FRONTAL_ANGLE_DEG && Math.abs(frontal.pitchDeg) <= MAX_FRONTAL_ANGLE_DEG;
  const reachedDeg = moves.map((move, index) => {
    const face = moved[index];
    return face ? Math.round(measureMoveDeg(move, frontal, face)) : 0;
  });
  const followed = isFrontal && moves.every((move, index) => (reachedDeg[index] ?? 0) >= requiredDeg(move));
  return { passed: followed, reasons: followed ? [] : ['POSE_NOT_FOLLOWED'], faces, reachedDeg };
}
