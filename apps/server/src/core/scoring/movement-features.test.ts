import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createSeededRandom,
  humanDrag,
  linearStepsDrag,
  type RoundSynthesizer,
} from '../../../test/support/synthetic-traces.ts';
import {
  type ChallengeRound,
  coefficientOfVariation,
  extractMovementFeatures,
  type PointerSample,
} from './movement-features.ts';

const start = { x: 80, y: 700 };
const target = { x: 300, y: 200, radius: 36 };

function roundFrom(synthesize: RoundSynthesizer, seed = 7, shownAtMs = 0): ChallengeRound {
  return synthesize({ start, target, shownAtMs, random: createSeededRandom(seed) });
}

describe('coefficientOfVariation', () => {
  it('is 0 for equal values and grows with spread', () => {
    assert.equal(coefficientOfVariation([5, 5, 5, 5]), 0);
    const narrow = coefficientOfVariation([9, 10, 11]);
    const wide = coefficientOfVariation([1, 10, 19]);
    assert.ok(narrow !== null && wide !== null && wide > narrow, `${narrow} vs ${wide}`);
  });

  it('is null with too few values or a zero mean', () => {
    assert.equal(coefficientOfVariation([1, 2]), null);
    assert.equal(coefficientOfVariation([0, 0, 0]), null);
  });
});

describe('extractMovementFeatures', () => {
  it('measures a hand: curved, bell-shaped speed, uneven spacing, a reaction delay and an overshoot', () => {
    const features = extractMovementFeatures(
      roundFrom(humanDrag({ reactionMs: 450, overshootFraction: 0.05 })),
    );
    assert.equal(features.wellFormed, true);
    assert.equal(features.hasDrag, true);
    assert.equal(features.endedInTarget, true);
    assert.ok(features.moveCount > 20, `moveCount ${features.moveCount}`);
    assert.ok(features.lateralDeviationRatio > 0.04, `deviation ${features.lateralDeviationRatio}`);
    assert.ok((features.speedCv ?? 0) > 0.4, `speedCv ${features.speedCv}`);
    assert.ok((features.stepLengthCv ?? 0) > 0.4, `stepLengthCv ${features.stepLengthCv}`);
    assert.ok((features.intervalCv ?? 0) > 0.02, `intervalCv ${features.intervalCv}`);
    // The minimum-jerk start is slow, so onset (3 px from the press) comes a little after movement starts.
    assert.ok(
      features.reactionTimeMs !== null && features.reactionTimeMs >= 450 && features.reactionTimeMs < 560,
      `reaction ${features.reactionTimeMs}`,
    );
    assert.ok(features.overshootPx > 10, `overshoot ${features.overshootPx}`);
    assert.ok((features.largestStepFraction ?? 1) < 0.15, `largest step ${features.largestStepFraction}`);
    assert.ok(features.pathLengthPx > features.distancePx);
  });

  it('measures a script: straight, constant speed, even spacing, identical gaps', () => {
    const features = extractMovementFeatures(roundFrom(linearStepsDrag({ steps: 25, intervalMs: 16 })));
    assert.equal(features.endedInTarget, true);
    assert.equal(features.moveCount, 25);
    assert.ok(features.maxLateralDeviationPx < 1e-9, `deviation ${features.maxLateralDeviationPx}`);
    assert.ok((features.speedCv ?? 1) < 1e-9, `speedCv ${features.speedCv}`);
    assert.ok((features.stepLengthCv ?? 1) < 1e-9, `stepLengthCv ${features.stepLengthCv}`);
    assert.equal(features.intervalCv, 0);
    assert.equal(features.overshootPx, 0);
    assert.ok(Math.abs(features.distancePx - Math.hypot(220, 500)) < 1e-9);
    assert.ok(Math.abs(features.pathLengthPx - features.distancePx) < 1e-9);
    assert.equal(features.dragDurationMs, 26 * 16);
  });

  it('times the reaction from when the round was shown', () => {
    const round = roundFrom(linearStepsDrag({ reactionMs: 300, intervalMs: 16 }), 7, 1_000);
    assert.equal(extractMovementFeatures(round, 1_000).reactionTimeMs, 316);
    assert.equal(extractMovementFeatures(round).reactionTimeMs, 1_316);
  });

  it('starts the reaction at movement onset, not at the finger settling after the press', () => {
    const settling: ChallengeRound = {
      start,
      target,
      samples: [
        { tMs: 300, x: start.x, y: start.y, kind: 'down', pointerType: 'touch' },
        { tMs: 320, x: start.x + 1, y: start.y, kind: 'move', pointerType: 'touch' },
        { tMs: 340, x: start.x + 1, y: start.y + 2, kind: 'move', pointerType: 'touch' },
        { tMs: 420, x: start.x + 10, y: start.y - 10, kind: 'move', pointerType: 'touch' },
        { tMs: 700, x: target.x, y: target.y, kind: 'up', pointerType: 'touch' },
      ],
    };
    assert.equal(extractMovementFeatures(settling).reactionTimeMs, 420);
  });

  it('carries the grab offset to the release when deciding whether the dot reached the ring', () => {
    // Grabbed 20 px right of centre: the pointer ends 20 px right of the ring, the dot in it.
    const grabbedOffCentre: ChallengeRound = {
      start,
      target,
      samples: [
        { tMs: 400, x: start.x + 20, y: start.y, kind: 'down', pointerType: 'touch' },
        { tMs: 500, x: 200, y: 450, kind: 'move', pointerType: 'touch' },
        { tMs: 600, x: target.x + 20, y: target.y, kind: 'up', pointerType: 'touch' },
      ],
    };
    assert.equal(extractMovementFeatures(grabbedOffCentre).endedInTarget, true);
    const missed = structuredClone(grabbedOffCentre);
    const release = missed.samples[2];
    assert.ok(release !== undefined);
    release.x = target.x + 20 + target.radius + 1;
    assert.equal(extractMovementFeatures(missed).endedInTarget, false);
  });

  it('ignores hover moves before the press and an abandoned earlier attempt', () => {
    const drag = roundFrom(humanDrag({ pointerType: 'mouse' }));
    const alone = extractMovementFeatures(drag);
    const hover: PointerSample[] = [0, 1, 2, 3].map((index) => ({
      tMs: 10 + index,
      x: 10 * index,
      y: 10 * index,
      kind: 'move',
      pointerType: 'mouse',
    }));
    const abandoned: PointerSample[] = [
      { tMs: 20, x: start.x, y: start.y, kind: 'down', pointerType: 'mouse' },
      { tMs: 30, x: start.x + 40, y: start.y, kind: 'move', pointerType: 'mouse' },
      { tMs: 40, x: start.x + 40, y: start.y, kind: 'up', pointerType: 'mouse' },
    ];
    const withExtras = { ...drag, samples: [...hover, ...abandoned, ...drag.samples] };
    assert.deepEqual(extractMovementFeatures(withExtras), alone);
  });

  it('reports a round without a press and release as having no drag', () => {
    const drag = roundFrom(humanDrag());
    const withoutRelease = { ...drag, samples: drag.samples.filter((sample) => sample.kind !== 'up') };
    const features = extractMovementFeatures(withoutRelease);
    assert.equal(features.wellFormed, true);
    assert.equal(features.hasDrag, false);
    assert.equal(features.endedInTarget, false);
    assert.equal(features.reactionTimeMs, null);
  });

  it('marks non-finite numbers, an empty ring and time running backwards as malformed', () => {
    const drag = roundFrom(humanDrag());
    const notANumber = structuredClone(drag);
    const firstMove = notANumber.samples[1];
    assert.ok(firstMove !== undefined);
    firstMove.x = Number.NaN;
    assert.equal(extractMovementFeatures(notANumber).wellFormed, false);

    const backwards = structuredClone(drag);
    const secondMove = backwards.samples[2];
    assert.ok(secondMove !== undefined);
    secondMove.tMs = -1;
    assert.equal(extractMovementFeatures(backwards).wellFormed, false);

    assert.equal(extractMovementFeatures({ ...drag, target: { ...target, radius: 0 } }).wellFormed, false);
    assert.equal(extractMovementFeatures(drag).wellFormed, true);
  });

  it('is deterministic and leaves its input alone', () => {
    const drag = roundFrom(humanDrag());
    const copy = structuredClone(drag);
    assert.deepEqual(extractMovementFeatures(drag), extractMovementFeatures(copy));
    assert.deepEqual(drag, copy);
  });
});
