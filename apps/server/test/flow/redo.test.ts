// Redoing a step on the same device is never a 500 (docs/flow-api.md, "Repeating a step"): a person
// whose first attempt failed half-way (the passkey prompt dismissed, or the answer to a successful
// register lost) asks again, and either the step starts over cleanly with the flow's identity, or a
// finished flow answers a clear 409.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '../../src/core/token-digest.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  buildTrace,
  createAssertionResponse,
  createFlowTestApp,
  createPasskeyResponse,
  expectPoyError,
  fetchCreationOptions,
  framesFor,
  getStatus,
  newDevice,
  PERSON_MS_PER_MOVE,
  parseLivenessAnswer,
  parseOutcome,
  parsePasskeyStep,
  personOf,
  postFlow,
  registerAndRunFlow,
  registerUser,
  requestChallenge,
  requestLivenessChallenge,
  runCameraStep,
  startFlow,
  submitAuthentication,
  submitCompletion,
  submitLivenessFrames,
  submitRegistration,
  switchDevice,
} from './flow-driver.ts';

describe('hosted flow: repeating a step on the same device', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('registration redone after a lost answer reuses the identity and the flow still verifies', async () => {
    switchDevice(harness, newDevice());
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'lost-answer' });
    const person = new SoftAuthenticator();
    await startFlow(harness, user.code);
    const first = parsePasskeyStep(
      await submitRegistration(harness, user.code, await createPasskeyResponse(harness, user.code, person)),
    );
    // The answer never reached the phone: it asks again, on the same device.
    const options = await fetchCreationOptions(harness, user.code);
    const session = await harness.store.findSessionByInviteHash(hashToken(user.code));
    assert.equal(
      Buffer.from(options.user.id, 'base64url').toString('utf8'),
      session?.humanId,
      'the options are for the identity the first registration made',
    );
    const redo = await submitRegistration(
      harness,
      user.code,
      await person.createRegistrationResponse(options, { origin: 'http://localhost:8080' }),
    );
    const second = parsePasskeyStep(redo);
    assert.equal(second.poyId, first.poyId, 'the same PoY identity, not a second one');
    assert.notEqual(second.flowToken, first.flowToken);
    assert.equal(
      (await harness.store.findSessionByInviteHash(hashToken(user.code)))?.humanId,
      session?.humanId,
    );

    // The first flow token no longer works; the second finishes the flow.
    for (const path of ['liveness/challenge', 'challenge']) {
      const stale = await postFlow(harness, user.code, path, { flowToken: first.flowToken });
      expectPoyError(stale, 403, 'forbidden', `stale flow token: ${path}`);
    }
    assert.equal(second.next, 'liveness');
    const camera = await runCameraStep(harness, user.code, second.flowToken, personOf(person));
    assert.equal(camera.answer.passed, true, JSON.stringify(camera.answer));
    const challenge = await requestChallenge(harness, user.code, second.flowToken);
    const outcome = parseOutcome(
      await submitCompletion(harness, user.code, {
        flowToken: second.flowToken,
        challengeId: challenge.challengeId,
        trace: buildTrace(challenge.rounds),
      }),
    );
    assert.equal(outcome.status, 'VERIFIED', JSON.stringify(outcome));
    assert.equal((await getStatus(harness, tenant.liveKey, 'lost-answer')).verification_status, 'VERIFIED');
  });

  it('registration options asked twice (the prompt dismissed) and the second answered: one identity', async () => {
    switchDevice(harness, newDevice());
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'dismissed' });
    await startFlow(harness, user.code);
    await fetchCreationOptions(harness, user.code);
    const step = parsePasskeyStep(
      await submitRegistration(
        harness,
        user.code,
        await createPasskeyResponse(harness, user.code, new SoftAuthenticator()),
      ),
    );
    assert.equal(step.next, 'liveness');
  });

  it('sign-in redone after a lost answer works again with the same passkey', async () => {
    switchDevice(harness, newDevice());
    const tenant = await createTestTenant(harness);
    const person = new SoftAuthenticator();
    await registerAndRunFlow(harness, tenant.liveKey, { reference_user_id: 'returning-1' }, person);
    switchDevice(harness, newDevice());
    const user = await registerUser(harness, tenant.liveKey, {
      reference_user_id: 'returning-2',
      uniqueness_region_id: 'elsewhere',
    });
    await startFlow(harness, user.code);
    const first = parsePasskeyStep(
      await submitAuthentication(
        harness,
        user.code,
        await createAssertionResponse(harness, user.code, person),
      ),
    );
    const second = parsePasskeyStep(
      await submitAuthentication(
        harness,
        user.code,
        await createAssertionResponse(harness, user.code, person),
      ),
    );
    assert.equal(second.poyId, first.poyId);
    assert.equal(second.next, 'complete');
    const outcome = parseOutcome(
      await submitCompletion(harness, user.code, {
        flowToken: second.flowToken,
        challengeId: null,
        trace: null,
      }),
    );
    assert.equal(outcome.status, 'VERIFIED', JSON.stringify(outcome));
  });

  it('the camera challenge asked twice: the earlier, unused one can still be answered', async () => {
    switchDevice(harness, newDevice());
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'two-challenges' });
    const authenticator = new SoftAuthenticator();
    await startFlow(harness, user.code);
    const step = parsePasskeyStep(
      await submitRegistration(
        harness,
        user.code,
        await createPasskeyResponse(harness, user.code, authenticator),
      ),
    );
    const first = await requestLivenessChallenge(harness, user.code, step.flowToken);
    await requestLivenessChallenge(harness, user.code, step.flowToken);
    const frames = await framesFor(personOf(authenticator), first);
    harness.clock.advanceBy(PERSON_MS_PER_MOVE * first.moves.length);
    const answer = parseLivenessAnswer(
      await submitLivenessFrames(harness, user.code, {
        flowToken: step.flowToken,
        challengeId: first.challengeId,
        frames,
      }),
    );
    assert.equal(answer.passed, true, JSON.stringify(answer));
    const outcome = parseOutcome(await submitCompletion(harness, user.code, { flowToken: step.flowToken }));
    assert.equal(outcome.status, 'VERIFIED', JSON.stringify(outcome));
  });

  it('the optional drag asked twice: either one answers', async () => {
    switchDevice(harness, newDevice());
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'two-drags' });
    const authenticator = new SoftAuthenticator();
    await startFlow(harness, user.code);
    const step = parsePasskeyStep(
      await submitRegistration(
        harness,
        user.code,
        await createPasskeyResponse(harness, user.code, authenticator),
      ),
    );
    const camera = await runCameraStep(harness, user.code, step.flowToken, personOf(authenticator));
    assert.equal(camera.answer.passed, true, JSON.stringify(camera.answer));
    const first = await requestChallenge(harness, user.code, step.flowToken);
    await requestChallenge(harness, user.code, step.flowToken);
    const outcome = parseOutcome(
      await submitCompletion(harness, user.code, {
        flowToken: step.flowToken,
        challengeId: first.challengeId,
        trace: buildTrace(first.rounds),
      }),
    );
    assert.equal(outcome.status, 'VERIFIED', JSON.stringify(outcome));
  });

  it('complete, sandbox and every other step after the end: 409 conflict, never a 500', async () => {
    switchDevice(harness, newDevice());
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.testKey,
      { reference_user_id: 'finished' },
      new SoftAuthenticator(),
    );
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED');
    const { code } = run.user;
    const again = await submitCompletion(harness, code, {
      flowToken: run.passkey.flowToken,
      challengeId: null,
      trace: null,
    });
    assert.match(expectPoyError(again, 409, 'conflict', 'complete again'), /already been used/);
    for (const [step, payload] of [
      ['start', { userAgent: 'x', webdriver: false }],
      ['passkey/registration-options', {}],
      ['passkey/authentication-options', {}],
      ['challenge', { flowToken: run.passkey.flowToken }],
      ['liveness/challenge', { flowToken: run.passkey.flowToken }],
      ['liveness/skip', { flowToken: run.passkey.flowToken, reason: 'declined' }],
      ['sandbox', { outcome: 'failed' }],
    ] as const) {
      expectPoyError(await postFlow(harness, code, step, payload), 409, 'conflict', step);
    }
  });
});
