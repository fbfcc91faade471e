// What a script without a browser can do against the live default policy (docs/liveness.md §4), driven
// over plain HTTP with a software authenticator: no frames at all, or frames of a still photo moved
// about, never verify; and one person with many passkeys stays one human.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FrameLabel } from '../../src/core/liveness/liveness-moves.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { CAMERA_PEOPLE, renderFlatPhotoJpegs } from '../support/camera-person.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  createFlowTestApp,
  createPasskeyResponse,
  expectPoyError,
  getStatus,
  holdPhone,
  PERSON_MS_PER_MOVE,
  parseLivenessAnswer,
  parseOutcome,
  parsePasskeyStep,
  postFlow,
  registerAndRunFlow,
  registerUser,
  requestLivenessChallenge,
  startFlow,
  submitCompletion,
  submitLivenessFrames,
  submitRegistration,
} from './flow-driver.ts';

describe('camera step: what a script cannot do', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function passkeyStep(apiKey: string, referenceUserId: string) {
    const user = await registerUser(harness, apiKey, { reference_user_id: referenceUserId });
    await startFlow(harness, user.code);
    const step = parsePasskeyStep(
      await submitRegistration(
        harness,
        user.code,
        await createPasskeyResponse(harness, user.code, new SoftAuthenticator()),
      ),
    );
    assert.equal(step.next, 'liveness');
    return { user, step };
  }

  it('a passkey with no frames cannot complete, and skipping the camera ends below the live policy', async () => {
    const tenant = await createTestTenant(harness);
    const { user, step } = await passkeyStep(tenant.liveKey, 'no-frames');
    const early = await submitCompletion(harness, user.code, { flowToken: step.flowToken });
    expectPoyError(early, 409, 'conflict', 'complete before the camera step');

    const skipped = await postFlow(harness, user.code, 'liveness/skip', {
      flowToken: step.flowToken,
      reason: 'no_camera',
    });
    assert.equal(skipped.statusCode, 200, skipped.body);
    assert.match(skipped.body, /"policyMet":false/);
    const outcome = parseOutcome(await submitCompletion(harness, user.code, { flowToken: step.flowToken }));
    assert.equal(outcome.status, 'UNFULFILLABLE', JSON.stringify(outcome));
    assert.equal(outcome.assuranceLevel, 'passkey');
    for (const reason of ['NO_CAMERA', 'ASSURANCE_BELOW_POLICY']) {
      assert.ok(outcome.reasons.includes(reason), `${reason}: ${JSON.stringify(outcome)}`);
    }
    const status = await getStatus(harness, tenant.liveKey, 'no-frames');
    assert.equal(status.verification_status, 'UNFULFILLABLE');
    assert.equal(status.assurance_level, 'passkey');
  });

  it('frames of a still photo, panned and tilted, fail every attempt with POSE_NOT_FOLLOWED and never verify', async () => {
    const tenant = await createTestTenant(harness);
    const { user, step } = await passkeyStep(tenant.liveKey, 'photo');
    const photo = CAMERA_PEOPLE[0];
    assert.ok(photo);
    let attemptsLeft = Number.POSITIVE_INFINITY;
    let attempts = 0;
    while (attemptsLeft > 0) {
      const challenge = await requestLivenessChallenge(harness, user.code, step.flowToken);
      const labels: FrameLabel[] = ['center', ...challenge.moves];
      const sheets = renderFlatPhotoJpegs(photo, labels.length, attempts + 1);
      harness.clock.advanceBy(PERSON_MS_PER_MOVE * challenge.moves.length);
      const answer = parseLivenessAnswer(
        await submitLivenessFrames(harness, user.code, {
          flowToken: step.flowToken,
          challengeId: challenge.challengeId,
          frames: labels.map((move, index) => ({ move, jpeg: sheets[index] ?? new Uint8Array() })),
        }),
      );
      assert.equal(answer.passed, false, JSON.stringify(answer));
      assert.ok(answer.reasons.includes('POSE_NOT_FOLLOWED'), JSON.stringify(answer));
      attempts += 1;
      attemptsLeft = answer.attemptsLeft;
    }
    assert.equal(attempts, 5);
    const outcome = parseOutcome(await submitCompletion(harness, user.code, { flowToken: step.flowToken }));
    assert.equal(outcome.status, 'UNFULFILLABLE', JSON.stringify(outcome));
    assert.ok(outcome.reasons.includes('LIVENESS_FAILED'), JSON.stringify(outcome));
    assert.notEqual(outcome.assuranceLevel, 'unique');
  });

  it('one face behind five new passkeys is one human: the first verifies, the others are DUPLICATE_HUMAN', async () => {
    const tenant = await createTestTenant(harness);
    const person = CAMERA_PEOPLE[1];
    assert.ok(person);
    const outcomes: string[] = [];
    const phones: SoftAuthenticator[] = [];
    const poyIds: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const phone = holdPhone(new SoftAuthenticator(), person);
      phones.push(phone);
      const run = await registerAndRunFlow(
        harness,
        tenant.liveKey,
        { reference_user_id: `alias-${index}` },
        phone,
      );
      outcomes.push(parseOutcome(run.reply).status);
      poyIds.push(run.passkey.poyId);
    }
    assert.deepEqual(outcomes, [
      'VERIFIED',
      'UNFULFILLABLE',
      'UNFULFILLABLE',
      'UNFULFILLABLE',
      'UNFULFILLABLE',
    ]);
    for (let index = 1; index < 5; index += 1) {
      const status = await getStatus(harness, tenant.liveKey, `alias-${index}`);
      assert.equal(status.unfulfillable_reason, 'DUPLICATE_HUMAN', JSON.stringify(status));
    }
    // The fifth passkey now belongs to the first human: signing in with it is recognised as them, and
    // a new region is joined without another camera check.
    const fifth = phones[4];
    assert.ok(fifth);
    const returning = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'alias-abroad', uniqueness_region_id: 'eu' },
      fifth,
      { as: 'returning' },
    );
    assert.equal(returning.passkey.poyId, poyIds[0], "the moved passkey signs in as the face's human");
    assert.equal(returning.passkey.next, 'complete');
    assert.equal(parseOutcome(returning.reply).status, 'VERIFIED', returning.reply.body);
  });
});
