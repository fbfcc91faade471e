import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  computeFactorAfterPenalties,
  HUMANNESS_REASONS,
  hasFailingReason,
  REASON_EFFECTS,
  sortReasons,
} from './humanness-reasons.ts';
import { HUMANNESS_MODEL_VERSION } from './score-humanness.ts';

const SCORING_DOC = readFileSync(new URL('../../../../../docs/scoring.md', import.meta.url), 'utf8');

describe('reason codes', () => {
  it('lists every code with an effect exactly once', () => {
    assert.deepEqual([...HUMANNESS_REASONS].sort(), Object.keys(REASON_EFFECTS).sort());
    assert.equal(new Set(HUMANNESS_REASONS).size, HUMANNESS_REASONS.length);
  });

  it('sorts into the documented order and drops duplicates', () => {
    assert.deepEqual(
      sortReasons(['NEW_PASSKEY', 'UNIFORM_TIMING', 'USER_VERIFICATION_MISSING', 'UNIFORM_TIMING']),
      ['USER_VERIFICATION_MISSING', 'UNIFORM_TIMING', 'NEW_PASSKEY'],
    );
    assert.deepEqual(
      sortReasons(['USER_VERIFICATION_MISSING', 'POSE_NOT_FOLLOWED', 'LIVENESS_FAILED', 'CHALLENGE_MISSING']),
      ['LIVENESS_FAILED', 'POSE_NOT_FOLLOWED', 'USER_VERIFICATION_MISSING', 'CHALLENGE_MISSING'],
      'camera codes first, then device, then behaviour',
    );
    assert.deepEqual(sortReasons([]), []);
  });

  it('subtracts each penalty once from its own factor and never goes below 0', () => {
    assert.equal(computeFactorAfterPenalties('device', []), 100);
    assert.equal(
      computeFactorAfterPenalties('device', ['ROAMING_AUTHENTICATOR', 'ROAMING_AUTHENTICATOR']),
      70,
    );
    assert.equal(computeFactorAfterPenalties('device', ['ROAMING_AUTHENTICATOR', 'UNIFORM_TIMING']), 70);
    assert.equal(computeFactorAfterPenalties('device', ['AUTOMATION_DETECTED', 'USER_AGENT_CHANGED']), 0);
    assert.equal(computeFactorAfterPenalties('liveness', ['LIVENESS_FAILED', 'NO_FACE']), 0);
  });

  it('counts a missing UV flag against the device (penalty 50), never against liveness', () => {
    assert.deepEqual(REASON_EFFECTS.USER_VERIFICATION_MISSING, {
      factor: 'device',
      penalty: 50,
      failsCheck: true,
    });
    assert.equal(computeFactorAfterPenalties('device', ['USER_VERIFICATION_MISSING']), 50);
    assert.equal(computeFactorAfterPenalties('liveness', ['USER_VERIFICATION_MISSING']), 100);
    assert.equal(hasFailingReason('device', ['USER_VERIFICATION_MISSING']), true);
    assert.equal(hasFailingReason('liveness', ['USER_VERIFICATION_MISSING']), false);
  });

  it('fails liveness for every camera code: without a passed camera check nobody is shown to be live', () => {
    const livenessCodes = HUMANNESS_REASONS.filter((reason) => REASON_EFFECTS[reason].factor === 'liveness');
    assert.deepEqual(livenessCodes, [
      'LIVENESS_NOT_ATTEMPTED',
      'CAMERA_DECLINED',
      'NO_CAMERA',
      'CANNOT_MOVE_HEAD',
      'LIVENESS_FAILED',
      'NO_FACE',
      'MULTIPLE_FACES',
      'POSE_NOT_FOLLOWED',
      'FACE_MISMATCH_ACROSS_FRAMES',
      'FRAMES_NOT_FRESH',
    ]);
    for (const reason of livenessCodes) assert.equal(hasFailingReason('liveness', [reason]), true, reason);
  });

  it('keeps CHALLENGE_MISSING for old records only: no penalty, fails nothing', () => {
    assert.equal(computeFactorAfterPenalties('behavioral', ['CHALLENGE_MISSING']), 100);
    assert.equal(hasFailingReason('behavioral', ['CHALLENGE_MISSING']), false);
  });

  it('fails a check only for reasons of that factor marked as failing', () => {
    assert.equal(hasFailingReason('behavioral', ['UNIFORM_TIMING']), false);
    assert.equal(hasFailingReason('behavioral', ['UNIFORM_TIMING', 'CONSTANT_VELOCITY']), true);
    assert.equal(hasFailingReason('device', ['CONSTANT_VELOCITY']), false);
  });
});

describe('docs/scoring.md', () => {
  it('names the current model version', () => {
    assert.ok(SCORING_DOC.includes(`\`${HUMANNESS_MODEL_VERSION}\``), HUMANNESS_MODEL_VERSION);
  });

  it('documents every reason code with the effect the code gives it, in order', () => {
    const rows = [
      ...SCORING_DOC.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\w+)\s*\|\s*(\d+)\s*\|\s*(yes|no)\s*\|/gm),
    ].map((match) => ({
      reason: match[1],
      factor: match[2],
      penalty: Number(match[3]),
      failsCheck: match[4] === 'yes',
    }));
    const expected = HUMANNESS_REASONS.map((reason) => ({ reason, ...REASON_EFFECTS[reason] }));
    assert.deepEqual(rows, expected);
  });
});
