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
import {
  synthesizeHumanTrace,
  synthesizeTrace,
  teleportDrag,
} from '../../../test/support/synthetic-traces.ts';
import type { HumannessReason } from './humanness-reasons.ts';
import {
  type CameraLiveness,
  DEFAULT_HUMAN_THRESHOLD_SCORE,
  HUMANNESS_MODEL_VERSION,
  type HumannessSignals,
  reachesThreshold,
  scoreHumanness,
  trustLevelOf,
} from './score-humanness.ts';

const LONG_HISTORY = { accountAgeDays: 3_000, successfulVerifications: 200 };

/** Each way the camera step can end without a pass, and the codes the assessment must report for it. */
const CAMERA_NOT_PASSED: { camera: CameraLiveness; reasons: HumannessReason[] }[] = [
  { camera: { status: 'not_attempted', reasons: [] }, reasons: ['LIVENESS_NOT_ATTEMPTED'] },
  { camera: { status: 'skipped', reasons: ['CAMERA_DECLINED'] }, reasons: ['CAMERA_DECLINED'] },
  { camera: { status: 'skipped', reasons: ['NO_CAMERA'] }, reasons: ['NO_CAMERA'] },
  { camera: { status: 'skipped', reasons: ['CANNOT_MOVE_HEAD'] }, reasons: ['CANNOT_MOVE_HEAD'] },
  { camera: { status: 'failed', reasons: ['LIVENESS_FAILED'] }, reasons: ['LIVENESS_FAILED'] },
  {
    camera: { status: 'failed', reasons: ['LIVENESS_FAILED', 'POSE_NOT_FOLLOWED'] },
    reasons: ['LIVENESS_FAILED', 'POSE_NOT_FOLLOWED'],
  },
];

describe('scoreHumanness: the clean first-time verification', () => {
  it('starts at 50 under a ceiling of 80 (camera liveness 60 + face uniqueness 10 + device 10) with every check passing', () => {
    assert.deepEqual(scoreHumanness(signalsWith()), {
      score: 50,
      ceiling: 80,
      factors: { liveness: 100, device: 100, behavioral: 100, credential: 50 },
      checks: { liveness: 'pass', device: 'pass', behavioral: 'pass' },
      reasons: [],
      livenessPassed: true,
      modelVersion: HUMANNESS_MODEL_VERSION,
    });
    assert.equal(HUMANNESS_MODEL_VERSION, 'poy-humanness-2');
  });

  it('reaches the default threshold', () => {
    const assessment = scoreHumanness(signalsWith());
    assert.equal(reachesThreshold(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), true);
    assert.equal(trustLevelOf(assessment.score), 'medium');
  });
});

describe('scoreHumanness: camera liveness', () => {
  it('a passed camera check without a uniqueness search earns the liveness 60 but not the uniqueness 10', () => {
    const assessment = scoreHumanness(signalsWith({ faceUniquenessChecked: false }));
    const detail = describeAssessment(assessment);
    assert.equal(assessment.ceiling, 70, detail);
    assert.equal(assessment.score, 50, detail);
    assert.equal(assessment.checks.liveness, 'pass', detail);
    assert.deepEqual(assessment.reasons, [], detail);
  });

  it('a skipped or not attempted camera check fails liveness and loses the 60 and the 10, without capping the score at 0', () => {
    for (const { camera, reasons } of CAMERA_NOT_PASSED.filter((c) => c.camera.status !== 'failed')) {
      const assessment = scoreHumanness(
        signalsWith({ camera, returningCredential: true, history: LONG_HISTORY }),
      );
      const detail = describeAssessment(assessment);
      assert.deepEqual(assessment.reasons, reasons, detail);
      assert.equal(assessment.checks.liveness, 'fail', detail);
      assert.equal(assessment.livenessPassed, false, detail);
      assert.equal(assessment.factors.liveness, 0, detail);
      assert.equal(assessment.checks.device, 'pass', detail);
      assert.equal(assessment.ceiling, 10, `device point only: ${detail}`);
      assert.equal(assessment.score, 10, `the ceiling, not a cap of 0: ${detail}`);
      assert.equal(reachesThreshold(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), false, detail);
      assert.equal(
        reachesThreshold(assessment, 10),
        true,
        `a project may accept the camera-free path: ${detail}`,
      );
      assert.equal(trustLevelOf(assessment.score), 'none');
    }
  });

  it('a skip without a known reason is reported as not attempted', () => {
    for (const reasons of [[], ['SOMETHING_ELSE']]) {
      const assessment = scoreHumanness(signalsWith({ camera: { status: 'skipped', reasons } }));
      assert.deepEqual(assessment.reasons, ['LIVENESS_NOT_ATTEMPTED'], JSON.stringify(reasons));
      assert.equal(assessment.score, 10);
    }
  });

  it('a failed camera check scores 0 whatever the history, email and phone', () => {
    for (const code of [
      'NO_FACE',
      'MULTIPLE_FACES',
      'POSE_NOT_FOLLOWED',
      'FACE_MISMATCH_ACROSS_FRAMES',
      'FRAMES_NOT_FRESH',
    ] satisfies HumannessReason[]) {
      const assessment = scoreHumanness(
        signalsWith({
          camera: { status: 'failed', reasons: ['LIVENESS_FAILED', code] },
          emailVerified: true,
          phoneVerified: true,
          returningCredential: true,
          history: LONG_HISTORY,
        }),
      );
      const detail = describeAssessment(assessment);
      assert.deepEqual(assessment.reasons, ['LIVENESS_FAILED', code], detail);
      assert.equal(assessment.score, 0, detail);
      assert.equal(assessment.ceiling, 30, `device, email and phone only: ${detail}`);
      assert.equal(assessment.checks.liveness, 'fail', detail);
      assert.equal(assessment.livenessPassed, false, detail);
      assert.equal(assessment.factors.liveness, 0, detail);
      assert.equal(reachesThreshold(assessment, 1), false, detail);
      assert.equal(trustLevelOf(assessment.score), 'none');
    }
  });

  it('a failed camera check always reports LIVENESS_FAILED, and drops codes it does not know', () => {
    for (const reasons of [[], ['NO_FACE'], ['SOMETHING_ELSE'], ['LIVENESS_NOT_ATTEMPTED']]) {
      const assessment = scoreHumanness(signalsWith({ camera: { status: 'failed', reasons } }));
      const expected: HumannessReason[] = reasons.includes('NO_FACE')
        ? ['LIVENESS_FAILED', 'NO_FACE']
        : ['LIVENESS_FAILED'];
      assert.deepEqual(assessment.reasons, expected, JSON.stringify(reasons));
      assert.equal(assessment.score, 0);
    }
  });

  it('face uniqueness adds 10 only on top of a passed camera check', () => {
    const ceilingOf = (camera: CameraLiveness, faceUniquenessChecked: boolean): number =>
      scoreHumanness(signalsWith({ camera, faceUniquenessChecked })).ceiling;
    const passed: CameraLiveness = { status: 'passed', reasons: [] };
    assert.equal(ceilingOf(passed, true) - ceilingOf(passed, false), 10);
    for (const { camera } of CAMERA_NOT_PASSED) {
      assert.equal(ceilingOf(camera, true), ceilingOf(camera, false), JSON.stringify(camera));
      assert.equal(ceilingOf(camera, true), 10, JSON.stringify(camera));
    }
  });
});

describe('scoreHumanness: a passkey alone (no camera)', () => {
  it('scores 10: the clean device point is its whole ceiling', () => {
    const assessment = scoreHumanness(passkeyOnlySignalsWith());
    const detail = describeAssessment(assessment);
    assert.equal(assessment.ceiling, 10, detail);
    assert.equal(assessment.score, 10, detail);
    assert.deepEqual(assessment.checks, { liveness: 'fail', device: 'pass', behavioral: 'pass' }, detail);
  });

  it('stays below the default threshold whatever the history, email and phone', () => {
    for (const returningCredential of [false, true]) {
      for (const history of [
        { accountAgeDays: 0, successfulVerifications: 0 },
        { accountAgeDays: 365, successfulVerifications: 30 },
        { accountAgeDays: 36_500, successfulVerifications: 10_000 },
      ]) {
        for (const { camera } of CAMERA_NOT_PASSED.filter((c) => c.camera.status !== 'failed')) {
          const assessment = scoreHumanness(
            passkeyOnlySignalsWith({
              camera,
              emailVerified: true,
              phoneVerified: true,
              returningCredential,
              history,
            }),
          );
          const detail = describeAssessment(assessment);
          assert.ok(assessment.score < DEFAULT_HUMAN_THRESHOLD_SCORE, detail);
          assert.equal(assessment.ceiling, 30, detail);
          assert.equal(reachesThreshold(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), false, detail);
        }
      }
    }
  });
});

describe('scoreHumanness: device', () => {
  it('a passkey without user verification fails the device check (not liveness) and caps the score at 40', () => {
    const assessment = scoreHumanness(
      signalsWith({
        userVerified: false,
        emailVerified: true,
        returningCredential: true,
        history: { accountAgeDays: 900, successfulVerifications: 40 },
      }),
    );
    const detail = describeAssessment(assessment);
    assert.deepEqual(assessment.reasons, ['USER_VERIFICATION_MISSING'], detail);
    assert.equal(assessment.checks.device, 'fail', detail);
    assert.equal(assessment.factors.device, 50, detail);
    assert.equal(assessment.checks.liveness, 'pass', detail);
    assert.equal(assessment.livenessPassed, true, detail);
    assert.equal(assessment.factors.liveness, 100, detail);
    assert.equal(
      assessment.ceiling,
      80,
      `liveness 60 + uniqueness 10 + email 10, no device point: ${detail}`,
    );
    assert.equal(assessment.score, 40, detail);
    assert.equal(reachesThreshold(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), false);
    assert.equal(trustLevelOf(assessment.score), 'low');
  });

  it('the UV flag is never liveness: with or without it, a passkey alone fails the liveness check', () => {
    const withUv = scoreHumanness(passkeyOnlySignalsWith({ userVerified: true }));
    const withoutUv = scoreHumanness(passkeyOnlySignalsWith({ userVerified: false }));
    assert.equal(withUv.checks.liveness, 'fail');
    assert.equal(withoutUv.checks.liveness, 'fail');
    assert.deepEqual(withoutUv.reasons, ['LIVENESS_NOT_ATTEMPTED', 'USER_VERIFICATION_MISSING']);
    assert.equal(withoutUv.ceiling, 0, describeAssessment(withoutUv));
    assert.equal(withoutUv.score, 0, describeAssessment(withoutUv));
  });

  it('automation the server observed fails the device check and caps the score at 20, history or not', () => {
    for (const history of [{ accountAgeDays: 0, successfulVerifications: 0 }, LONG_HISTORY]) {
      const assessment = scoreHumanness(
        signalsWith({
          automationObserved: true,
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
      assert.equal(assessment.ceiling, 90, `no device point: ${detail}`);
      assert.deepEqual(assessment.reasons, ['AUTOMATION_DETECTED'], detail);
      assert.equal(reachesThreshold(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), false);
      assert.equal(trustLevelOf(assessment.score), 'none');
    }
  });

  it('a user agent that changes between the steps fails the device check and caps the score at 40', () => {
    const assessment = scoreHumanness(
      signalsWith({ userAgentAtFinish: IPHONE_SAFARI.replace('17_5', '17_4'), returningCredential: true }),
    );
    const detail = describeAssessment(assessment);
    assert.equal(assessment.score, 40, detail);
    assert.equal(assessment.ceiling, 70, detail);
    assert.equal(assessment.checks.device, 'fail', detail);
    assert.equal(assessment.factors.device, 50, detail);
    assert.deepEqual(assessment.reasons, ['USER_AGENT_CHANGED'], detail);
    assert.equal(reachesThreshold(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), false);
    assert.equal(reachesThreshold(assessment, 40), true, 'a project may choose a lower threshold');
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
      assert.equal(assessment.ceiling, 70, `unverified consistency earns no device point: ${detail}`);
      assert.equal(assessment.score, 50, detail);
    }
  });

  it('a roaming authenticator passes but earns no device point', () => {
    const assessment = scoreHumanness(signalsWith({ authenticatorAttachment: 'cross-platform' }));
    const detail = describeAssessment(assessment);
    assert.deepEqual(assessment.reasons, ['ROAMING_AUTHENTICATOR'], detail);
    assert.equal(assessment.checks.device, 'pass', detail);
    assert.equal(assessment.factors.device, 70, detail);
    assert.equal(assessment.ceiling, 70, detail);
    assert.equal(assessment.score, 50, detail);
  });

  it('an unreported attachment passes but earns no device point', () => {
    const assessment = scoreHumanness(signalsWith({ authenticatorAttachment: null }));
    assert.deepEqual(assessment.reasons, ['AUTHENTICATOR_ATTACHMENT_UNKNOWN']);
    assert.equal(assessment.factors.device, 80);
    assert.equal(assessment.ceiling, 70);
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
      assert.equal(assessment.ceiling, 80);
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
  it('no trace is no behavioural evidence: the check passes with factor 50 and no reason', () => {
    const assessment = scoreHumanness(signalsWith({ trace: null }));
    const detail = describeAssessment(assessment);
    assert.deepEqual(assessment.reasons, [], detail);
    assert.equal(assessment.checks.behavioral, 'pass', detail);
    assert.equal(assessment.factors.behavioral, 50, detail);
    assert.equal(assessment.score, 50, detail);
    assert.equal(assessment.ceiling, 80, detail);
    assert.equal(reachesThreshold(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), true);
  });

  it('an incomplete challenge fails the behavioural check', () => {
    const oneRound = { ...HUMAN_TRACE, rounds: HUMAN_TRACE.rounds.slice(0, 1) };
    const assessment = scoreHumanness(signalsWith({ trace: oneRound }));
    assert.deepEqual(assessment.reasons, ['CHALLENGE_INCOMPLETE']);
    assert.equal(assessment.checks.behavioral, 'fail');
    assert.equal(assessment.score, 40);
  });

  it('a scripted trace that is given fails the behavioural check, and history cannot buy it back', () => {
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
      assert.equal(assessment.ceiling, 100, detail);
      assert.ok(assessment.reasons.length > 0, detail);
      assert.equal(reachesThreshold(assessment, DEFAULT_HUMAN_THRESHOLD_SCORE), false);
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
