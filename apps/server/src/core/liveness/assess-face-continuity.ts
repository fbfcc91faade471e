// Are all frames of one challenge the same face? Threat: a person does the moves and someone else's
// photo is slipped into the frontal frame, or the frames are stitched from several people. Every
// frame's embedding must be close to the frames' mean, which becomes the face template.
import { averageEmbeddings, cosineSimilarity, FaceTemplateError } from '../uniqueness/face-template.ts';
import type { FaceObservation } from './face-analyzer.ts';

export interface ContinuityAssessment {
  continuous: boolean;
  /** The lowest similarity of a frame to the mean of all frames (cosine, −1…1), rounded to 3 places. */
  minSimilarity: number;
  /** The mean embedding, L2-normalised: the face template. Null when a frame had no usable embedding. */
  template: Float32Array | null;
}

const NOT_CONTINUOUS: ContinuityAssessment = { continuous: false, minSimilarity: 0, template: null };

export function assessFaceContinuity(
  faces: readonly FaceObservation[],
  minSimilarity: number,
): ContinuityAssessment {
  const embeddings = faces.map((face) => face.embedding);
  const present = embeddings.filter((embedding): embedding is Float32Array => embedding !== null);
  if (present.length === 0 || present.length !== embeddings.length) return NOT_CONTINUOUS;
  let template: Float32Array;
  try {
    template = averageEmbeddings(present);
  } catch (error) {
    if (error instanceof FaceTemplateError) return NOT_CONTINUOUS;
    throw error;
  }
  const lowest = Math.min(...present.map((embedding) => cosineSimilarity(embedding, template)));
  return {
    continuous: lowest >= minSimilarity,
    minSimilarity: Math.round(lowest * 1000) / 1000,
    template,
  };
}
