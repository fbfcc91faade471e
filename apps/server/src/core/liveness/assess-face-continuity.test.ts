import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessFaceContinuity } from './assess-face-continuity.ts';
import type { FaceObservation } from './face-analyzer.ts';

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return new Float32Array(values.map((value) => value / norm));
}
function faceWith(embedding: Float32Array | null): FaceObservation {
  return {
    yawDeg: 0,
    pitchDeg: 0,
    rollDeg: 0,
    box: { x: 0, y: 0, width: 1, height: 1 },
    detectionScore: 1,
    embedding,
  };
}

describe('assessFaceContinuity', () => {
  it('accepts turned frames of the face in the frontal frame, whose embedding becomes the template', () => {
    const frontal = unit([1, 0.1, 0]);
    const result = assessFaceContinuity(
      [frontal, unit([0.9, 0.3, 0.1]), unit([0.95, 0, 0.25])].map(faceWith),
      0.9,
    );
    assert.equal(result.continuous, true);
    assert.deepEqual(result.template, frontal);
    assert.ok(result.minSimilarity >= 0.9 && result.minSimilarity < 1);
  });

  it('refuses a sequence with another face slipped in, wherever it is', () => {
    const same = unit([1, 0.1, 0]);
    const other = unit([0, 1, 0.2]);
    for (const faces of [
      [same, same, other],
      [other, same, same],
    ]) {
      const result = assessFaceContinuity(faces.map(faceWith), 0.5);
      assert.equal(result.continuous, false);
      assert.ok(result.minSimilarity < 0.5);
    }
  });

  it('refuses frames without an embedding, of another length, or a frontal frame alone', () => {
    assert.equal(assessFaceContinuity([faceWith(unit([1, 0])), faceWith(null)], 0.5).continuous, false);
    assert.equal(
      assessFaceContinuity([faceWith(unit([1, 0])), faceWith(unit([1, 0, 0]))], 0.5).continuous,
      false,
    );
    assert.deepEqual(assessFaceContinuity([faceWith(unit([1, 0]))], 0.5), {
      continuous: false,
      minSimilarity: 0,
      template: null,
    });
  });
});
