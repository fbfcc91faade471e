// Test material only: one Human instance per test process (loading the models takes about a second),
// and detection on in-memory RGB images.
import * as tf from '@tensorflow/tfjs-core';
import type { FaceResult, Human } from '@vladmandic/human';
import { loadHumanRuntime } from '../../../src/face/human-runtime.ts';
import type { RgbImage } from './rgb-image.ts';

let sharedHuman: Promise<Human> | undefined;

export function getSharedHuman(): Promise<Human> {
  sharedHuman ??= loadHumanRuntime();
  return sharedHuman;
}

export async function detectFacesRgb(human: Human, image: RgbImage): Promise<FaceResult[]> {
  const pixels = new Float32Array(image.data.length);
  for (let i = 0; i < image.data.length; i++) pixels[i] = image.data[i] ?? 0;
  const input = tf.tensor4d(pixels, [1, image.heightPx, image.widthPx, 3]);
  try {
    const result = await human.detect(input);
    return result.face;
  } finally {
    input.dispose();
  }
}

export function radiansToDegrees(radians: number): number {
  return (radians * 180) / Math.PI;
}

/** Human's head angles in degrees, exactly as Human reports them (its own sign convention). */
export function readHumanAnglesDeg(face: FaceResult): { yawDeg: number; pitchDeg: number; rollDeg: number } {
  const angle = face.rotation?.angle ?? { yaw: 0, pitch: 0, roll: 0 };
  return {
    yawDeg: radiansToDegrees(angle.yaw),
    pitchDeg: radiansToDegrees(angle.pitch),
    rollDeg: radiansToDegrees(angle.roll),
  };
}

/** Cosine similarity after L2-normalising both vectors. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
