import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planTurningLoop, poseAt } from './turning-loop.ts';

describe('planTurningLoop', () => {
  it('holds centre, left, right, up and down within one loop of 10–12 s', () => {
    const { segments, loopS } = planTurningLoop(30, 20);
    assert.ok(loopS >= 10 && loopS <= 12, `loop of ${loopS} s`);
    assert.deepEqual(
      segments.map((s) => s.move).filter((m) => m !== 'centre'),
      ['left', 'right', 'up', 'down'],
    );
    for (const segment of segments) {
      assert.deepEqual(poseAt(segments, (segment.holdStartS + segment.holdEndS) / 2), segment.pose);
    }
    assert.ok(segments.every((s) => s.holdEndS - s.holdStartS >= 0.4));
  });
});
