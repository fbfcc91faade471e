// The renderer's pose signs are the ones core/liveness states (person's own frame of reference); if
// they flipped, every calibration number reported from the renders would flip with them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHeadRotation } from './head-rotation.ts';

const NOSE: [number, number, number] = [0, 0, -1];
const CROWN: [number, number, number] = [0, -1, 0];

describe('createHeadRotation', () => {
  it('turning to the person’s own left carries the nose to the right of the image', () => {
    const [x] = createHeadRotation({ yawDeg: 20, pitchDeg: 0 })(NOSE);
    assert.ok(x > 0.3);
  });

  it('looking up lifts the nose (towards -y, image rows grow downwards)', () => {
    const [, y] = createHeadRotation({ yawDeg: 0, pitchDeg: 20 })(NOSE);
    assert.ok(y < -0.3);
  });

  it('tilting to the person’s own left shoulder carries the crown to the right of the image', () => {
    const [x] = createHeadRotation({ yawDeg: 0, pitchDeg: 0, rollDeg: 20 })(CROWN);
    assert.ok(x > 0.3);
  });

  it('the inverse undoes a combined pose', () => {
    const pose = { yawDeg: 27, pitchDeg: -14, rollDeg: 9 };
    const point: [number, number, number] = [0.3, -0.7, 0.2];
    const back = createHeadRotation(pose, { inverse: true })(createHeadRotation(pose)(point));
    for (const [i, value] of back.entries()) assert.ok(Math.abs(value - (point[i] ?? 0)) < 1e-9);
  });
});
