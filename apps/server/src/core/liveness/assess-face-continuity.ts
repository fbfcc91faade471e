// Are all frames of one challenge the same face, and which embedding becomes the template? Threat: a
// person does the moves and someone else's photo is slipped into the frontal frame, or the frames are
// stitched from several people. Every turned frame must resemble the frontal one.
//
// The template is the frontal frame's embedding alone: a turned face carries less of what tells people
// apart, and averaging turned frames in made two different rendered people measure closer (up to 0.67
// against 0.57 frontal to frontal, docs/face-matching.md), which would push strangers into review.
import { cosineSimilarity } from '../uniqueness/face-template.ts';
import type { FaceObservation } from './face-analyzer.ts';

export interface ContinuityAssessment {
  continuous: boolean;
  /** The lowest similarity of a turned frame to the frontal frame (cosine, −1…1), rounded to 3 places. */
  minSimilarity: number;
  /** The frontal frame's embedding (unit length): the face template. Null when a frame had none. */
  template: Float32Array | null;
}

const NOT_CONTINUOUS: ContinuityAssessment = { continuous: false, minSimilarity: 0, template: null };

/** `faces[0]` is the frontal frame's face; the rest are the turned frames' faces. */
export function assessFaceContinuity(
  faces: readonly FaceObservation[],
  minSimilarity: number,
): ContinuityAssessment {
  const [frontal, ...turned] = faces.map((face) => face.embedding);
  if (!frontal || turned.length === 0) return NOT_CONTINUOUS;
  const similarities: number[] = [];
  for (const embedding of turned) {
    if (!embedding || embedding.length !== frontal.length) return NOT_CONTINUOUS;
    similarities.push(cosineSimilarity(embedding, frontal));
  }
  const lowest = Math.min(...similarities);
  return {
    continuous: lowest >= minSimilarity,
    minSimilarity: Math.round(lowest * 1000) / 1000,
    template: frontal,
  };
}
