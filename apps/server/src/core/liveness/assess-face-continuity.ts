// Are all frames of one challenge the same face? Threat: a person does the moves and someone else's
// photo is slipped into the frontal frame (the one the template is made of), or the frames are stitched
// from several people. Every frame's embedding must be close to the frames' mean.
import type { FaceObservation } from './face-analyzer.ts';

export interface ContinuityAssessment {
  continuous: boolean;
  /** The lowest similarity of a frame to the mean of all frames (cosine, −1…1), rounded to 3 places. */
  minSimilarity: number;
  /** The mean embedding, L2-normalised: the face template. Null when a frame had no embedding. */
  template: Float32Array | null;
}

function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return vector.map((value) => value * scale);
}

export function dotProduct(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += (a[index] ?? 0) * (b[index] ?? 0);
  return sum;
}

/** The normalised mean of unit vectors of one length; null when there are none or lengths differ. */
export function averageEmbeddings(embeddings: readonly Float32Array[]): Float32Array | null {
  const [first] = embeddings;
  if (!first || embeddings.some((embedding) => embedding.length !== first.length)) return null;
  const sum = new Float32Array(first.length);
  for (const embedding of embeddings) {
    for (let index = 0; index < sum.length; index++) sum[index] = (sum[index] ?? 0) + (embedding[index] ?? 0);
  }
  return normalize(sum);
}

export function assessFaceContinuity(
  faces: readonly FaceObservation[],
  minSimilarity: number,
): ContinuityAssessment {
  const embeddings = faces.map((face) => face.embedding);
  const present = embeddings.filter((embedding): embedding is Float32Array => embedding !== null);
  const template = present.length === embeddings.length ? averageEmbeddings(present) : null;
  if (!template) return { continuous: false, minSimilarity: 0, template: null };
  const lowest = Math.min(...present.map((embedding) => dotProduct(embedding, template)));
  return {
    continuous: lowest >= minSimilarity,
    minSimilarity: Math.round(lowest * 1000) / 1000,
    template,
  };
}
