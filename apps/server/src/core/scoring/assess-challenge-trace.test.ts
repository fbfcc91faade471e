import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  constantSpeedCurvedDrag,
  evenlySpacedCurvedDrag,
  humanDrag,
  linearStepsDrag,
  type RoundSynthesizer,
  sparseDrag,
  synthesizeHumanTrace,
  synthesizeTrace,
  teleportDrag,
} from '../../../test/support/synthetic-traces.ts';
import { assessChallengeTrace } from './assess-challenge-trace.ts';
import type { HumannessReason } from './humanness-reasons.ts';
import type { ChallengeTrace, PointerSample } from './movement-features.ts';

const SEEDS = Array.from({ length: 40 }, (_, index) => index + 1);

function threeRounds(synthesize: RoundSynthesizer): RoundSynthesizer[] {
  return [synthesize, synthesize, synthesize];
}

function assertFailsWith(trace: ChallengeTrace, expected: HumannessReason[], label: string): void {
  const assessment = assessChallengeTrace(trace);
  const detail = `${label}: ${JSON.stringify({ reasons: assessment.reasons, factor: assessment.behavioralFactor })}`;
  assert.deepEqual(assessment.reasons, expected, detail);
  assert.equal(assessment.passed, false, detail);
  assert.ok(assessment.behavioralFactor < 60, detail);
}

describe('assessChallengeTrace: a hand', () => {
  it('passes with no reasons and a full factor, across many seeds', () => {
    for (const seed of SEEDS) {
      const assessment = assessChallengeTrace(synthesizeHumanTrace(seed));
      assert.deepEqual(assessment.reasons, [], `seed ${seed}: ${JSON.stringify(assessment.rounds)}`);
      assert.equal(assessment.passed, true);
      assert.equal(assessment.behavioralFactor, 100);
      assert.equal(assessment.rounds.length, 3);
    }
  });

  it('passes with two rounds, the minimum', () => {
    const assessment = assessChallengeTrace(synthesizeTrace(3, [humanDrag(), humanDrag()]));
    assert.equal(assessment.passed, true, JSON.stringify(assessment.reasons));
  });

  it('passes with a mouse, hover moves included', () => {
    const trace = synthesizeHumanTrace(5, { pointerType: 'mouse' });
    for (const round of trace.rounds) {
      const press = round.samples[0];
      assert.ok(press !== undefined);
      const hover: PointerSample[] = [40, 30, 20, 10].map((beforeMs, index) => ({
        ...press,
        tMs: press.tMs - beforeMs,
        x: press.x - 40 + 10 * index,
        kind: 'move',
      }));
      round.samples.unshift(...hover);
    }
    const assessment = assessChallengeTrace(trace);
    assert.equal(assessment.passed, true, JSON.stringify(assessment.reasons));
  });

  it('tolerates one unusually straight round out of three (shape reasons need most rounds)', () => {
    const straight = humanDrag({ bulgeFraction: 0, positionJitterPx: 0.3 });
    const oneStraight = assessChallengeTrace(synthesizeTrace(8, [straight, humanDrag(), humanDrag()]));
    assert.deepEqual(oneStraight.reasons, []);
    const twoStraight = assessChallengeTrace(synthesizeTrace(8, [straight, straight, humanDrag()]));
    assert.deepEqual(twoStraight.reasons, ['STRAIGHT_LINE_MOVEMENT']);
  });
});

describe('assessChallengeTrace: scripted input', () => {
  it('flags Playwright-style linear steps as straight, constant-velocity, evenly spaced and uniformly timed', () => {
    for (const roundToPixel of [false, true]) {
      assertFailsWith(
        synthesizeTrace(11, threeRounds(linearStepsDrag({ roundToPixel }))),
        ['STRAIGHT_LINE_MOVEMENT', 'CONSTANT_VELOCITY', 'EVENLY_SPACED_POINTS', 'UNIFORM_TIMING'],
        `roundToPixel ${roundToPixel}`,
      );
    }
  });

  it('flags a jump straight onto the ring', () => {
    assertFailsWith(
      synthesizeTrace(12, threeRounds(teleportDrag())),
      ['TOO_FEW_EVENTS', 'TELEPORTING_POINTER'],
      'teleport',
    );
  });

  it('flags a human-looking drag that jumps to the answer part-way, even in one round', () => {
    const jumping = humanDrag({ jumpAtFraction: 0.4 });
    assertFailsWith(
      synthesizeTrace(13, threeRounds(jumping)),
      ['TELEPORTING_POINTER'],
      'jump in every round',
    );
    assertFailsWith(
      synthesizeTrace(13, [humanDrag(), jumping, humanDrag()]),
      ['TELEPORTING_POINTER'],
      'jump once',
    );
  });

  it('flags a jump by its length alone, even at a plausible speed', () => {
    const slowJump = humanDrag({ jumpAtFraction: 0.4, jumpIntervalMs: 120 });
    const assessment = assessChallengeTrace(synthesizeTrace(13, [humanDrag(), slowJump, humanDrag()]));
    const jumped = assessment.rounds[1];
    assert.ok(jumped !== undefined && (jumped.fastestJumpPxPerMs ?? 0) < 10, JSON.stringify(jumped));
    assert.deepEqual(assessment.reasons, ['TELEPORTING_POINTER']);
  });

  it('flags steps too fast for a finger by their speed alone (mouse.move with steps and no waits)', () => {
    const assessment = assessChallengeTrace(
      synthesizeTrace(31, threeRounds(linearStepsDrag({ steps: 10, intervalMs: 1 }))),
    );
    for (const round of assessment.rounds)
      assert.ok((round.largestStepFraction ?? 1) < 0.6, JSON.stringify(round));
    assert.ok(assessment.reasons.includes('TELEPORTING_POINTER'), JSON.stringify(assessment.reasons));
    assert.equal(assessment.passed, false);
  });

  it('flags movement that starts without a reaction delay', () => {
    for (const seed of SEEDS.slice(0, 10)) {
      assertFailsWith(
        synthesizeTrace(seed, threeRounds(humanDrag({ reactionMs: 0 }))),
        ['REACTION_TOO_FAST'],
        `${seed}`,
      );
    }
    assertFailsWith(
      synthesizeTrace(14, threeRounds(linearStepsDrag({ reactionMs: 0 }))),
      [
        'REACTION_TOO_FAST',
        'STRAIGHT_LINE_MOVEMENT',
        'CONSTANT_VELOCITY',
        'EVENLY_SPACED_POINTS',
        'UNIFORM_TIMING',
      ],
      'zero-reaction script',
    );
  });

  it('times every round from when it was shown, so an instant reaction in a later round is caught', () => {
    const rounds = [
      linearStepsDrag({ reactionMs: 400 }),
      linearStepsDrag({ reactionMs: 0 }),
      linearStepsDrag({ reactionMs: 0 }),
    ];
    const hurried = assessChallengeTrace(synthesizeTrace(15, rounds));
    assert.ok(hurried.reasons.includes('REACTION_TOO_FAST'), JSON.stringify(hurried.reasons));
    assert.ok((hurried.rounds[1]?.reactionTimeMs ?? Number.POSITIVE_INFINITY) < 120);
    assert.ok((hurried.rounds[0]?.reactionTimeMs ?? 0) >= 400);
  });

  it('flags a straight path alone', () => {
    const straight = humanDrag({ bulgeFraction: 0, positionJitterPx: 0.3 });
    assertFailsWith(synthesizeTrace(16, threeRounds(straight)), ['STRAIGHT_LINE_MOVEMENT'], 'straight');
  });

  it('flags constant velocity alone (curved path, irregular gaps, unchanging speed)', () => {
    assertFailsWith(
      synthesizeTrace(17, threeRounds(constantSpeedCurvedDrag())),
      ['CONSTANT_VELOCITY'],
      'constant',
    );
  });

  it('flags evenly spaced points alone (curved path, bell-shaped timing)', () => {
    assertFailsWith(
      synthesizeTrace(18, threeRounds(evenlySpacedCurvedDrag())),
      ['EVENLY_SPACED_POINTS'],
      'even',
    );
  });

  it('flags too few events', () => {
    assertFailsWith(synthesizeTrace(19, threeRounds(sparseDrag(2))), ['TOO_FEW_EVENTS'], 'sparse');
  });

  it('weighs uniform timing lightly: a reason and a small penalty, but the check still passes', () => {
    const assessment = assessChallengeTrace(synthesizeHumanTrace(20, { timingJitterMs: 0 }));
    assert.deepEqual(assessment.reasons, ['UNIFORM_TIMING']);
    assert.equal(assessment.passed, true);
    assert.equal(assessment.behavioralFactor, 90);
  });
});

describe('assessChallengeTrace: missing, incomplete and malformed challenges', () => {
  it('reports a missing challenge as CHALLENGE_MISSING, which no longer fails (the exercise is optional)', () => {
    const assessment = assessChallengeTrace(null);
    assert.deepEqual(assessment.reasons, ['CHALLENGE_MISSING']);
    assert.equal(assessment.passed, true);
    assert.equal(assessment.behavioralFactor, 100);
  });

  it('fails too few rounds', () => {
    assertFailsWith(synthesizeTrace(21, [humanDrag()]), ['CHALLENGE_INCOMPLETE'], 'one round');
    assertFailsWith(synthesizeTrace(21, []), ['CHALLENGE_INCOMPLETE'], 'no rounds');
  });

  it('fails a round released outside the ring', () => {
    const missed = humanDrag({ landingOffset: { x: 60, y: 0 } });
    assertFailsWith(
      synthesizeTrace(22, [humanDrag(), missed, humanDrag()]),
      ['CHALLENGE_INCOMPLETE'],
      'missed',
    );
  });

  it('fails a round that was never released', () => {
    const trace = synthesizeHumanTrace(23);
    const last = trace.rounds[2];
    assert.ok(last !== undefined);
    last.samples = last.samples.filter((sample) => sample.kind !== 'up');
    assertFailsWith(trace, ['CHALLENGE_INCOMPLETE'], 'no release');
  });

  it('fails malformed traces: non-finite numbers, a bad viewport, time running backwards across rounds', () => {
    const notFinite = synthesizeHumanTrace(24);
    const sample = notFinite.rounds[1]?.samples[3];
    assert.ok(sample !== undefined);
    sample.y = Number.POSITIVE_INFINITY;
    assertFailsWith(notFinite, ['MALFORMED_TRACE'], 'infinity');

    assertFailsWith(
      { ...synthesizeHumanTrace(24), viewport: { width: 0, height: 844 } },
      ['MALFORMED_TRACE'],
      'viewport',
    );
  });

  it('is deterministic', () => {
    const trace = synthesizeHumanTrace(25);
    assert.deepEqual(assessChallengeTrace(trace), assessChallengeTrace(structuredClone(trace)));
  });
});
