import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeAssessment,
  HUMAN_TRACE,
  IPHONE_SAFARI,
  SCRIPTED_TRACE,
  signalsWith,
} from '../../../test/support/humanness-signals.ts';
import { HUMANNESS_REASONS } from './humanness-reasons.ts';
import {
  DEFAULT_HUMAN_THRESHOLD_SCORE,
  type HumannessSignals,
  isHuman,
  scoreHumanness,
  trustLevelOf,
} from './score-humanness.ts';

describe('scoreHumanness: ceiling and history', () => {
  it('a verified email and phone each raise the ceiling by 10, not the score', () => {
    assert.equal(scoreHumanness(signalsWith({ emailVerified: true })).ceiling, 80);
    assert.equal(scoreHumanness(signalsWith({ phoneVerified: true })).ceiling, 80);
    const both = scoreHumanness(signalsWith({ emailVerified: true, phoneVerified: true }));
    assert.equal(both.ceiling, 90);
    assert.equal(both.score, 50);
  });

  it('history raises the score by 1 per earlier success and 1 per 30 whole days', () => {
    const scoreFor = (accountAgeDays: number, successfulVerifications: number): number =>
      scoreHumanness(
        signalsWith({ returningCredential: true, history: { accountAgeDays, successfulVerifications } }),
      ).score;
    assert.equal(scoreFor(0, 1), 51);
    assert.equal(scoreFor(0, 10), 60);
    assert.equal(scoreFor(29.9, 0), 50);
    assert.equal(scoreFor(30, 0), 51);
    assert.equal(scoreFor(59, 0), 51);
    assert.equal(scoreFor(60, 0), 52);
    assert.equal(scoreFor(95, 10), 63);
  });

  it('history rises toward the ceiling and never above it', () => {
    for (const [emailVerified, phoneVerified, ceiling] of [
      [false, false, 70],
      [true, false, 80],
      [true, true, 90],
    ] satisfies [boolean, boolean, number][]) {
      let previous = 0;
      for (let successes = 0; successes <= 60; successes += 1) {
        const assessment = scoreHumanness(
          signalsWith({
            emailVerified,
            phoneVerified,
            returningCredential: true,
            history: { accountAgeDays: 0, successfulVerifications: successes },
          }),
        );
        assert.equal(assessment.ceiling, ceiling);
        assert.equal(assessment.score, Math.min(ceiling, 50 + successes), describeAssessment(assessment));
        assert.ok(assessment.score >= previous, 'never decreases with more history');
        previous = assessment.score;
      }
      assert.equal(previous, ceiling, 'reaches the ceiling');
    }
  });

  it('a long history under a full ceiling reaches high trust', () => {
    const assessment = scoreHumanness(
      signalsWith({
        emailVerified: true,
        phoneVerified: true,
        returningCredential: true,
        history: { accountAgeDays: 365, successfulVerifications: 30 },
      }),
    );
    assert.equal(assessment.score, 90);
    assert.equal(assessment.factors.credential, 100);
    assert.equal(trustLevelOf(assessment.score), 'high');
  });

  it('a passkey created in this verification does not inherit the account history', () => {
    const history = { accountAgeDays: 400, successfulVerifications: 12 };
    const newPasskey = scoreHumanness(signalsWith({ returningCredential: false, history }));
    assert.equal(newPasskey.score, 50);
    assert.deepEqual(newPasskey.reasons, ['NEW_PASSKEY']);
    assert.equal(newPasskey.factors.credential, 50);
    const returning = scoreHumanness(signalsWith({ returningCredential: true, history }));
    assert.equal(returning.score, 70);
    assert.deepEqual(returning.reasons, []);
    assert.equal(returning.factors.credential, 95);
  });

  it('a returning passkey with no history yet is scored like a new enrollee', () => {
    const assessment = scoreHumanness(signalsWith({ returningCredential: true }));
    assert.equal(assessment.score, 50);
    assert.equal(assessment.factors.credential, 70);
    assert.deepEqual(assessment.reasons, []);
  });

  it('treats negative or non-finite history as none', () => {
    for (const history of [
      { accountAgeDays: -90, successfulVerifications: -3 },
      { accountAgeDays: Number.NaN, successfulVerifications: Number.POSITIVE_INFINITY },
    ]) {
      const assessment = scoreHumanness(signalsWith({ returningCredential: true, history }));
      assert.equal(assessment.score, 50, describeAssessment(assessment));
      assert.equal(assessment.factors.credential, 70);
    }
  });
});

describe('scoreHumanness: reasons and invariants', () => {
  it('lists every reason once, in the documented order', () => {
    const assessment = scoreHumanness(
      signalsWith({
        userVerified: false,
        webdriver: true,
        userAgentAtFinish: 'HeadlessChrome/126',
        authenticatorAttachment: 'cross-platform',
        trace: SCRIPTED_TRACE,
        history: { accountAgeDays: 60, successfulVerifications: 0 },
      }),
    );
    assert.deepEqual(assessment.reasons, [
      'USER_VERIFICATION_MISSING',
      'AUTOMATION_DETECTED',
      'USER_AGENT_CHANGED',
      'ROAMING_AUTHENTICATOR',
      'STRAIGHT_LINE_MOVEMENT',
      'CONSTANT_VELOCITY',
      'EVENLY_SPACED_POINTS',
      'UNIFORM_TIMING',
      'NEW_PASSKEY',
    ]);
    assert.equal(assessment.score, 0);
  });

  it('holds its invariants across every combination of the boolean signals', () => {
    const traces = [HUMAN_TRACE, SCRIPTED_TRACE, null];
    const attachments: HumannessSignals['authenticatorAttachment'][] = ['platform', 'cross-platform', null];
    let combinations = 0;
    for (let bits = 0; bits < 1 << 7; bits += 1) {
      const flag = (bit: number): boolean => (bits & (1 << bit)) !== 0;
      for (const trace of traces) {
        for (const authenticatorAttachment of attachments) {
          const assessment = scoreHumanness(
            signalsWith({
              userVerified: flag(0),
              webdriver: flag(1),
              userAgentAtFinish: flag(2) ? 'Other/1.0' : IPHONE_SAFARI,
              credentialBackedUp: flag(3),
              emailVerified: flag(4),
              phoneVerified: flag(5),
              returningCredential: flag(6),
              authenticatorAttachment,
              trace,
              history: { accountAgeDays: 100, successfulVerifications: 7 },
            }),
          );
          const detail = describeAssessment(assessment);
          const numbers = [assessment.score, assessment.ceiling, ...Object.values(assessment.factors)];
          for (const value of numbers)
            assert.ok(Number.isInteger(value) && value >= 0 && value <= 100, detail);
          assert.ok(assessment.score <= assessment.ceiling, detail);
          assert.deepEqual(
            assessment.reasons,
            HUMANNESS_REASONS.filter((reason) => assessment.reasons.includes(reason)),
            `sorted and unique: ${detail}`,
          );
          const allPass = Object.values(assessment.checks).every((check) => check === 'pass');
          if (isHuman(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE)) assert.ok(allPass, detail);
          if (!allPass) assert.ok(assessment.reasons.length > 0, `a failed check has a reason: ${detail}`);
          if (assessment.score < 50 || assessment.ceiling < 70)
            assert.ok(assessment.reasons.length > 0, detail);
          combinations += 1;
        }
      }
    }
    assert.equal(combinations, 128 * 9);
  });

  it('is deterministic and does not modify its input', () => {
    const signals = signalsWith({
      returningCredential: true,
      history: { accountAgeDays: 45, successfulVerifications: 3 },
    });
    const copy = structuredClone(signals);
    const first = scoreHumanness(signals);
    assert.deepEqual(scoreHumanness(copy), first);
    assert.deepEqual(signals, copy);
  });
});

describe('isHuman', () => {
  const passing = scoreHumanness(signalsWith());

  it('requires the score to reach the threshold', () => {
    assert.equal(passing.score, 50);
    assert.equal(isHuman(passing, 50), true);
    assert.equal(isHuman(passing, 49), true);
    assert.equal(isHuman(passing, 51), false);
    assert.equal(isHuman(passing, 0), true);
    assert.equal(isHuman(passing, 100), false);
  });

  it('requires liveness whatever the score', () => {
    assert.equal(isHuman({ ...passing, livenessPassed: false }, 0), false);
    assert.equal(isHuman({ ...passing, score: 100, livenessPassed: false }, 50), false);
  });

  it('rejects a threshold outside 0–100', () => {
    for (const threshold of [-1, 101, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => isHuman(passing, threshold), RangeError, `${threshold}`);
    }
  });
});

describe('trustLevelOf', () => {
  it('maps the documented bands', () => {
    const expected: [number, ReturnType<typeof trustLevelOf>][] = [
      [100, 'high'],
      [80, 'high'],
      [79, 'medium'],
      [50, 'medium'],
      [49, 'low'],
      [25, 'low'],
      [24, 'none'],
      [0, 'none'],
      [Number.NaN, 'none'],
    ];
    for (const [score, level] of expected) assert.equal(trustLevelOf(score), level, `${score}`);
  });

  it('lets a verified human skip the challenge with their earlier behavioural result, never without one', () => {
    const base = {
      userVerified: true,
      authenticatorAttachment: 'platform' as const,
      credentialBackedUp: false,
      credentialDeviceType: 'singleDevice' as const,
      returningCredential: true,
      userAgentAtStart: 'ua',
      userAgentAtFinish: 'ua',
      webdriver: false,
      trace: null,
      emailVerified: false,
      phoneVerified: false,
      history: { accountAgeDays: 0, successfulVerifications: 3 },
    };
    const waived = scoreHumanness({ ...base, priorBehavioralFactor: 92 });
    assert.equal(waived.checks.behavioral, 'pass');
    assert.equal(waived.factors.behavioral, 92);
    assert.equal(waived.score, 53);
    const missing = scoreHumanness(base);
    assert.equal(missing.checks.behavioral, 'fail');
    assert.ok(missing.reasons.includes('CHALLENGE_MISSING'));
    const noUv = scoreHumanness({ ...base, priorBehavioralFactor: 92, userVerified: false });
    assert.equal(noUv.livenessPassed, false);
    assert.equal(noUv.score, 0);
  });
});
