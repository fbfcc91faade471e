// Turns one of Human's face results into core's FaceObservation: box as fractions, pose in degrees in
// the person's own frame of reference (core/liveness/face-analyzer.ts), embedding L2-normalised.
import type { FaceResult } from '@vladmandic/human';
import type { FaceObservation } from '../core/liveness/face-analyzer.ts';

/**
 * Human reports the mesh's Euler angles in radians, with yaw and pitch the opposite way round to ours
 * (docs/face-matching.md, "Head pose"): its yaw is > 0 when the nose points to the LEFT of the
 * unmirrored image (a profile photo and its mirror image, create-face-analyzer.test.ts), and, from the
 * same depth axis, its pitch is > 0 when the chin comes towards the camera's far side (looking down).
 * Its roll is already ours: > 0 when the top of the head leans to the image's right, the person's own
 * left shoulder (an in-plane rotation of a frontal photo, create-face-analyzer.test.ts).
 */
const HUMAN_YAW_SIGN = -1;
const HUMAN_PITCH_SIGN = -1;
const HUMAN_ROLL_SIGN = 1;

const DEGREES_PER_RADIAN = 180 / Math.PI;

function clampFraction(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** The descriptor scaled to length 1 (cosine similarity is then a dot product); null if absent or zero. */
export function normaliseEmbedding(descriptor: readonly number[] | undefined): Float32Array | null {
  if (!descriptor || descriptor.length === 0) return null;
  let sumOfSquares = 0;
  for (const value of descriptor) sumOfSquares += value * value;
  const norm = Math.sqrt(sumOfSquares);
  if (!Number.isFinite(norm) || norm === 0) return null;
  const embedding = new Float32Array(descriptor.length);
  for (let index = 0; index < descriptor.length; index++) embedding[index] = (descriptor[index] ?? 0) / norm;
  return embedding;
}

export function toFaceObservation(face: FaceResult): FaceObservation {
  const [x, y, width, height] = face.boxRaw;
  const angle = face.rotation?.angle ?? { yaw: 0, pitch: 0, roll: 0 };
  const left = clampFraction(x);
  const top = clampFraction(y);
  return {
    box: {
      x: left,
      y: top,
      width: clampFraction(x + width) - left,
      height: clampFraction(y + height) - top,
    },
    detectionScore: face.boxScore,
    yawDeg: HUMAN_YAW_SIGN * angle.yaw * DEGREES_PER_RADIAN,
    pitchDeg: HUMAN_PITCH_SIGN * angle.pitch * DEGREES_PER_RADIAN,
    rollDeg: HUMAN_ROLL_SIGN * angle.roll * DEGREES_PER_RADIAN,
    embedding: normaliseEmbedding(face.embedding),
  };
}
