import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cosineSimilarity } from '../uniqueness/face-template.ts';
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
  it('accepts frames of one face seen at several angles, and returns their normalised mean', () => {
    const faces = [unit([1, 0.1, 0]), unit([0.9, 0.2, 0.1]), unit([0.95, 0, 0.15])].map(faceWith);
    const result = assessFaceContinuity(faces, 0.9);
    assert.equal(result.continuous, true);
    assert.ok(result.template);
    assert.ok(Math.abs(cosineSimilarity(result.template, result.template) - 1) < 1e-6);
  });

  it('refuses a sequence with another face slipped in', () => {
    const faces = [unit([1, 0.1, 0]), unit([0.9, 0.2, 0.1]), unit([0, 1, 0.2])].map(faceWith);
    const result = assessFaceContinuity(faces, 0.9);
    assert.equal(result.continuous, false);
    assert.ok(result.minSimilarity < 0.9);
  });

  it('refuses frames of different embedding lengths, and frames without an embedding', () => {
    assert.equal(
      assessFaceContinuity([faceWith(unit([1, 0])), faceWith(unit([1, 0, 0]))], 0.5).continuous,
      false,
    );
    const result = assessFaceContinuity([faceWith(unit([1, 0])), faceWith(null)], 0.5);
    assert.deepEqual(result, { continuous: false, minSimilarity: 0, template: null });
  });
});
