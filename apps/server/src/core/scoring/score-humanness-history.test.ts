import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeAssessment,
  HUMAN_TRACE,
  IPHONE_SAFARI,
  passkeyOnlySignalsWith,
  SCRIPTED_TRACE,
  signalsWith,
} from '../../../test/support/humanness-signals.ts';
import { HUMANNESS_REASONS } from './humanness-reasons.ts';
import {
  type CameraLiveness,
  DEFAULT_HUMAN_THRESHOLD_SCORE,
  type HumannessSignals,
  reachesThreshold,
  scoreHumanness,
  trustLevelOf,
} from './score-humanness.ts';

describe('scoreHumanness: ceiling and history', () => {
  it('a verified email and phone each raise the ceiling by 10, not the score', () => {
    assert.equal(scoreHumanness(signalsWith({ emailVerified: true })).ceiling, 90);
    assert.equal(scoreHumanness(signalsWith({ phoneVerified: true })).ceiling, 90);
    const both = scoreHumanness(signalsWith({ emailVerified: true, phoneVerified: true }));
    assert.equal(both.ceiling, 100);
    assert.equal(both.score, 50);
    const passkeyOnly = scoreHumanness(passkeyOnlySignalsWith({ emailVerified: true, phoneVerified: true }));
    assert.equal(passkeyOnly.ceiling, 30, 'device 10 + email 10 + phone 10 without the camera');
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
      [false, false, 80],
      [true, false, 90],
      [true, true, 100],
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
    const history = { accountAgeDays: 365, successfulVerifications: 30 };
    const assessment = scoreHumanness(
      signalsWith({ emailVerified: true, phoneVerified: true, returningCredential: true, history }),
    );
    assert.equal(assessment.score, 92, '50 + 30 successes + 12 periods of 30 days');
    assert.equal(assessment.ceiling, 100);
    assert.equal(assessment.factors.credential, 100);
    assert.equal(trustLevelOf(assessment.score), 'high');
    const cameraOnly = scoreHumanness(signalsWith({ returningCredential: true, history }));
    assert.equal(cameraOnly.score, 80, 'camera + uniqueness + device: a ceiling of 80');
    assert.equal(trustLevelOf(cameraOnly.score), 'high');
  });

  it('a passkey created in this verification does not inherit the account history', () => {
    const history = { accountAgeDays: 400, successfulVerifications: 12 };
    const newPasskey = scoreHumanness(signalsWith({ returningCredential: false, history }));
    assert.equal(newPasskey.score, 50);
    assert.deepEqual(newPasskey.reasons, ['NEW_PASSKEY']);
    assert.equal(newPasskey.factors.credential, 50);
    const returning = scoreHumanness(signalsWith({ returningCredential: true, history }));
    assert.equal(returning.score, 75);
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
        camera: { status: 'skipped', reasons: ['CAMERA_DECLINED'] },
        userVerified: false,
        automationObserved: true,
        userAgentAtFinish: 'HeadlessChrome/126',
        authenticatorAttachment: 'cross-platform',
        trace: SCRIPTED_TRACE,
        history: { accountAgeDays: 60, successfulVerifications: 0 },
      }),
    );
    assert.deepEqual(assessment.reasons, [
      'CAMERA_DECLINED',
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

  it('holds its invariants across every combination of the boolean signals and camera outcomes', () => {
    const traces = [HUMAN_TRACE, SCRIPTED_TRACE, null];
    const attachments: HumannessSignals['authenticatorAttachment'][] = ['platform', 'cross-platform', null];
    const cameras: CameraLiveness[] = [
      { status: 'passed', reasons: [] },
      { status: 'failed', reasons: ['LIVENESS_FAILED', 'FRAMES_NOT_FRESH'] },
      { status: 'skipped', reasons: ['NO_CAMERA'] },
      { status: 'not_attempted', reasons: [] },
    ];
    let combinations = 0;
    for (let bits = 0; bits < 1 << 8; bits += 1) {
      const flag = (bit: number): boolean => (bits & (1 << bit)) !== 0;
      for (const trace of traces) {
        for (const authenticatorAttachment of attachments) {
          for (const camera of cameras) {
            const assessment = scoreHumanness(
              signalsWith({
                camera,
                userVerified: flag(0),
                automationObserved: flag(1),
                userAgentAtFinish: flag(2) ? 'Other/1.0' : IPHONE_SAFARI,
                credentialBackedUp: flag(3),
                emailVerified: flag(4),
                phoneVerified: flag(5),
                returningCredential: flag(6),
                faceUniquenessChecked: flag(7),
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
            if (reachesThreshold(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE)) assert.ok(allPass, detail);
            if (!allPass) assert.ok(assessment.reasons.length > 0, `a failed check has a reason: ${detail}`);
            if (assessment.score < 50 || assessment.ceiling < 70)
              assert.ok(assessment.reasons.length > 0, detail);
            // Only the camera decides liveness; nothing else reaches the default threshold without it.
            assert.equal(assessment.livenessPassed, camera.status === 'passed', detail);
            assert.equal(assessment.checks.liveness === 'pass', camera.status === 'passed', detail);
            if (camera.status !== 'passed') {
              assert.ok(assessment.ceiling <= 30, detail);
              assert.ok(assessment.score < DEFAULT_HUMAN_THRESHOLD_SCORE, detail);
            }
            if (camera.status === 'failed') assert.equal(assessment.score, 0, detail);
            combinations += 1;
          }
        }
      }
    }
    assert.equal(combinations, 256 * 9 * 4);
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

describe('reachesThreshold', () => {
  const passing = scoreHumanness(signalsWith());

  it('requires the score to reach the threshold', () => {
    assert.equal(passing.score, 50);
    assert.equal(reachesThreshold(passing, 50), true);
    assert.equal(reachesThreshold(passing, 49), true);
    assert.equal(reachesThreshold(passing, 51), false);
    assert.equal(reachesThreshold(passing, 0), true);
    assert.equal(reachesThreshold(passing, 100), false);
  });

  it('compares the score only: liveness and the assurance level are the caller’s to require', () => {
    assert.equal(reachesThreshold({ ...passing, livenessPassed: false }, 50), true);
    assert.equal(reachesThreshold({ ...passing, score: 49, livenessPassed: true }, 50), false);
  });

  it('rejects a threshold outside 0–100', () => {
    for (const threshold of [-1, 101, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => reachesThreshold(passing, threshold), RangeError, `${threshold}`);
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
});

describe('scoreHumanness: a verified human joining a new scope (no trace)', () => {
  const base: HumannessSignals = {
    camera: { status: 'passed', reasons: [] },
    faceUniquenessChecked: true,
    userVerified: true,
    authenticatorAttachment: 'platform',
    credentialBackedUp: false,
    credentialDeviceType: 'singleDevice',
    returningCredential: true,
    userAgentAtStart: 'ua',
    userAgentAtFinish: 'ua',
    automationObserved: false,
    trace: null,
    emailVerified: false,
    phoneVerified: false,
    history: { accountAgeDays: 0, successfulVerifications: 3 },
  };

  it('uses their earlier behavioural factor when there is one, and 50 (no evidence) when there is none', () => {
    const waived = scoreHumanness({ ...base, priorBehavioralFactor: 92 });
    assert.equal(waived.checks.behavioral, 'pass');
    assert.equal(waived.factors.behavioral, 92);
    assert.equal(waived.score, 53);
    for (const priorBehavioralFactor of [undefined, null]) {
      const missing = scoreHumanness({ ...base, priorBehavioralFactor });
      assert.equal(missing.checks.behavioral, 'pass', describeAssessment(missing));
      assert.equal(missing.factors.behavioral, 50, describeAssessment(missing));
      assert.deepEqual(missing.reasons, [], 'no trace is not a reason');
      assert.equal(missing.score, 53);
    }
  });

  it('rounds and clamps the earlier factor to 0–100, and treats a non-number as none', () => {
    const factorFor = (priorBehavioralFactor: number): number =>
      scoreHumanness({ ...base, priorBehavioralFactor }).factors.behavioral;
    assert.equal(factorFor(92.6), 93);
    assert.equal(factorFor(150), 100);
    assert.equal(factorFor(-5), 0);
    assert.equal(factorFor(Number.NaN), 50);
    assert.equal(factorFor(Number.POSITIVE_INFINITY), 50);
  });

  it('ignores the earlier factor when a trace is given', () => {
    const withTrace = scoreHumanness({ ...base, trace: SCRIPTED_TRACE, priorBehavioralFactor: 100 });
    assert.equal(withTrace.checks.behavioral, 'fail');
    assert.ok(withTrace.factors.behavioral < 100);
    assert.equal(withTrace.score, 40);
  });

  it('without user verification fails the device check, not liveness', () => {
    const noUv = scoreHumanness({ ...base, priorBehavioralFactor: 92, userVerified: false });
    assert.equal(noUv.livenessPassed, true);
    assert.equal(noUv.checks.device, 'fail');
    assert.deepEqual(noUv.reasons, ['USER_VERIFICATION_MISSING']);
    assert.equal(noUv.score, 40);
  });

  it('a passkey alone stays below the threshold however much history it has', () => {
    const passkeyOnly = scoreHumanness({
      ...base,
      camera: { status: 'not_attempted', reasons: [] },
      priorBehavioralFactor: 100,
      history: { accountAgeDays: 3_650, successfulVerifications: 500 },
    });
    assert.equal(passkeyOnly.score, 10, describeAssessment(passkeyOnly));
    assert.equal(reachesThreshold(passkeyOnly, DEFAULT_HUMAN_THRESHOLD_SCORE), false);
  });
});
