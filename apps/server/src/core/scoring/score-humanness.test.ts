import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeAssessment,
  HUMAN_TRACE,
  IPHONE_SAFARI,
  SCRIPTED_TRACE,
  signalsWith,
} from '../../../test/support/humanness-signals.ts';
import {
  synthesizeHumanTrace,
  synthesizeTrace,
  teleportDrag,
} from '../../../test/support/synthetic-traces.ts';
import {
  DEFAULT_HUMAN_THRESHOLD_SCORE,
  HUMANNESS_MODEL_VERSION,
  type HumannessSignals,
  isHuman,
  scoreHumanness,
  trustLevelOf,
} from './score-humanness.ts';

describe('scoreHumanness: the clean first-time verification', () => {
  it('starts at 50 under a ceiling of 70 (liveness 60 + device 10) with every check passing', () => {
    assert.deepEqual(scoreHumanness(signalsWith()), {
      score: 50,
      ceiling: 70,
      factors: { liveness: 100, device: 100, behavioral: 100, credential: 50 },
      checks: { liveness: 'pass', device: 'pass', behavioral: 'pass' },
      reasons: [],
      livenessPassed: true,
      modelVersion: HUMANNESS_MODEL_VERSION,
    });
    assert.equal(HUMANNESS_MODEL_VERSION, 'poy-humanness-1');
  });

  it('counts as human at the default threshold', () => {
    const assessment = scoreHumanness(signalsWith());
    assert.equal(isHuman(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), true);
    assert.equal(trustLevelOf(assessment.score), 'medium');
  });
});

describe('scoreHumanness: liveness', () => {
  it('without user verification scores 0, fails liveness and loses the liveness ceiling', () => {
    const assessment = scoreHumanness(
      signalsWith({
        userVerified: false,
        emailVerified: true,
        returningCredential: true,
        history: { accountAgeDays: 900, successfulVerifications: 40 },
      }),
    );
    const detail = describeAssessment(assessment);
    assert.equal(assessment.score, 0, detail);
    assert.equal(assessment.ceiling, 20, detail);
    assert.equal(assessment.checks.liveness, 'fail', detail);
    assert.equal(assessment.livenessPassed, false, detail);
    assert.equal(assessment.factors.liveness, 0, detail);
    assert.deepEqual(assessment.reasons, ['USER_VERIFICATION_MISSING'], detail);
    assert.equal(isHuman(assessment, 0), false, 'liveness is required whatever the threshold');
    assert.equal(trustLevelOf(assessment.score), 'none');
  });
});

describe('scoreHumanness: device', () => {
  it('automation (navigator.webdriver) fails the device check and caps the score at 20, history or not', () => {
    for (const history of [
      { accountAgeDays: 0, successfulVerifications: 0 },
      { accountAgeDays: 3_000, successfulVerifications: 200 },
    ]) {
      const assessment = scoreHumanness(
        signalsWith({
          webdriver: true,
          returningCredential: true,
          emailVerified: true,
          phoneVerified: true,
          history,
        }),
      );
      const detail = describeAssessment(assessment);
      assert.equal(assessment.score, 20, detail);
      assert.equal(assessment.checks.device, 'fail', detail);
      assert.equal(assessment.factors.device, 0, detail);
      assert.equal(assessment.ceiling, 80, `no device point: ${detail}`);
      assert.deepEqual(assessment.reasons, ['AUTOMATION_DETECTED'], detail);
      assert.equal(isHuman(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), false);
      assert.equal(trustLevelOf(assessment.score), 'none');
    }
  });

  it('a user agent that changes between the steps fails the device check and caps the score at 40', () => {
    const assessment = scoreHumanness(
      signalsWith({ userAgentAtFinish: IPHONE_SAFARI.replace('17_5', '17_4'), returningCredential: true }),
    );
    const detail = describeAssessment(assessment);
    assert.equal(assessment.score, 40, detail);
    assert.equal(assessment.ceiling, 60, detail);
    assert.equal(assessment.checks.device, 'fail', detail);
    assert.equal(assessment.factors.device, 50, detail);
    assert.deepEqual(assessment.reasons, ['USER_AGENT_CHANGED'], detail);
    assert.equal(isHuman(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), false);
    assert.equal(isHuman(assessment, 40), true, 'a project may choose a lower threshold');
  });

  it('compares user agents after trimming, and treats a missing one as a soft signal', () => {
    assert.deepEqual(scoreHumanness(signalsWith({ userAgentAtFinish: ` ${IPHONE_SAFARI}\n` })).reasons, []);
    for (const [atStart, atFinish] of [
      [null, IPHONE_SAFARI],
      [IPHONE_SAFARI, null],
      ['  ', IPHONE_SAFARI],
      [null, null],
    ]) {
      const assessment = scoreHumanness(
        signalsWith({ userAgentAtStart: atStart ?? null, userAgentAtFinish: atFinish ?? null }),
      );
      const detail = describeAssessment(assessment);
      assert.deepEqual(assessment.reasons, ['USER_AGENT_MISSING'], detail);
      assert.equal(assessment.checks.device, 'pass', detail);
      assert.equal(assessment.factors.device, 80, detail);
      assert.equal(assessment.ceiling, 60, `unverified consistency earns no device point: ${detail}`);
      assert.equal(assessment.score, 50, detail);
    }
  });

  it('a roaming authenticator passes but earns no device point', () => {
    const assessment = scoreHumanness(signalsWith({ authenticatorAttachment: 'cross-platform' }));
    const detail = describeAssessment(assessment);
    assert.deepEqual(assessment.reasons, ['ROAMING_AUTHENTICATOR'], detail);
    assert.equal(assessment.checks.device, 'pass', detail);
    assert.equal(assessment.factors.device, 70, detail);
    assert.equal(assessment.ceiling, 60, detail);
    assert.equal(assessment.score, 50, detail);
  });

  it('an unreported attachment passes but earns no device point', () => {
    const assessment = scoreHumanness(signalsWith({ authenticatorAttachment: null }));
    assert.deepEqual(assessment.reasons, ['AUTHENTICATOR_ATTACHMENT_UNKNOWN']);
    assert.equal(assessment.factors.device, 80);
    assert.equal(assessment.ceiling, 60);
    assert.equal(assessment.checks.device, 'pass');
  });

  it('accepts both synced and device-bound passkeys, but not a backed-up single-device one', () => {
    for (const [credentialDeviceType, credentialBackedUp] of [
      ['multiDevice', true],
      ['multiDevice', false],
      ['singleDevice', false],
    ] satisfies [HumannessSignals['credentialDeviceType'], boolean][]) {
      const assessment = scoreHumanness(signalsWith({ credentialDeviceType, credentialBackedUp }));
      assert.deepEqual(assessment.reasons, [], `${credentialDeviceType} ${credentialBackedUp}`);
      assert.equal(assessment.ceiling, 70);
    }
    const inconsistent = scoreHumanness(
      signalsWith({ credentialDeviceType: 'singleDevice', credentialBackedUp: true }),
    );
    assert.deepEqual(inconsistent.reasons, ['CREDENTIAL_FLAGS_INCONSISTENT']);
    assert.equal(inconsistent.checks.device, 'fail');
    assert.equal(inconsistent.score, 40);
  });
});

describe('scoreHumanness: behaviour', () => {
  it('a missing challenge fails the behavioural check and caps the score at 40', () => {
    const assessment = scoreHumanness(signalsWith({ trace: null }));
    assert.deepEqual(assessment.reasons, ['CHALLENGE_MISSING']);
    assert.equal(assessment.checks.behavioral, 'fail');
    assert.equal(assessment.factors.behavioral, 0);
    assert.equal(assessment.score, 40);
    assert.equal(assessment.ceiling, 70, 'behaviour caps the score, not the ceiling');
    assert.equal(isHuman(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), false);
  });

  it('an incomplete challenge fails the behavioural check', () => {
    const oneRound = { ...HUMAN_TRACE, rounds: HUMAN_TRACE.rounds.slice(0, 1) };
    const assessment = scoreHumanness(signalsWith({ trace: oneRound }));
    assert.deepEqual(assessment.reasons, ['CHALLENGE_INCOMPLETE']);
    assert.equal(assessment.checks.behavioral, 'fail');
    assert.equal(assessment.score, 40);
  });

  it('scripted movement fails the behavioural check, and history cannot buy it back', () => {
    for (const trace of [SCRIPTED_TRACE, synthesizeTrace(103, [teleportDrag(), teleportDrag()])]) {
      const assessment = scoreHumanness(
        signalsWith({
          trace,
          returningCredential: true,
          emailVerified: true,
          phoneVerified: true,
          history: { accountAgeDays: 2_000, successfulVerifications: 100 },
        }),
      );
      const detail = describeAssessment(assessment);
      assert.equal(assessment.checks.behavioral, 'fail', detail);
      assert.equal(assessment.score, 40, detail);
      assert.equal(assessment.ceiling, 90, detail);
      assert.ok(assessment.reasons.length > 0, detail);
      assert.equal(isHuman(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), false);
    }
  });

  it('uniform timing alone lowers the behavioural factor but not the score', () => {
    const assessment = scoreHumanness(
      signalsWith({ trace: synthesizeHumanTrace(104, { timingJitterMs: 0 }) }),
    );
    assert.deepEqual(assessment.reasons, ['UNIFORM_TIMING']);
    assert.equal(assessment.factors.behavioral, 90);
    assert.equal(assessment.checks.behavioral, 'pass');
    assert.equal(assessment.score, 50);
  });
});
