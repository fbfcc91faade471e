// The hosted flow when things go wrong: live-mode attempts that fail the checks end with reason codes
// (never a bare error), expired and finished invites are refused with 409, malformed requests with 400
// in the POY error format, unknown invites with 404, and none of the refused requests changes state or
// writes an event.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestTenant, type TestApp } from '../harness.ts';
import { readFinalRedirect } from '../support/redirect-results.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import { linearStepsDrag, teleportDrag } from '../support/synthetic-traces.ts';
import {
  buildTrace,
  createFlowTestApp,
  createPasskeyResponse,
  expectPoyError,
  getStatus,
  HEADLESS_CHROME_USER_AGENT,
  listConnectEvents,
  onlyEvent,
  PHONE_USER_AGENT,
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
  submitCompletion,
  submitRegistration,
} from './flow-driver.ts';

const ANDROID_USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

/** Status and events of a user, to show that a refused request changed nothing. */
async function snapshot(harness: TestApp, apiKey: string, projectId: string, referenceUserId: string) {
  return {
    status: await getStatus(harness, apiKey, referenceUserId),
    events: await listConnectEvents(harness, projectId),
  };
}

describe('hosted flow: live-mode failures end with reason codes', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('a passkey without user verification fails with USER_VERIFICATION_MISSING (FAILED_CHECKS)', async () => {
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'no-uv', redirect_url: 'https://shop.example/back' },
      new SoftAuthenticator(),
      { registration: { userVerified: false } },
    );
    const outcome = parseOutcome(run.reply);
    assert.equal(outcome.status, 'UNFULFILLABLE', run.reply.body);
    assert.ok(outcome.reasons.includes('USER_VERIFICATION_MISSING'), run.reply.body);
    const result = await readFinalRedirect(harness, outcome.redirectUrl, {
      base: 'https://shop.example/back',
      projectId: tenant.project.id,
    });
    assert.equal(result.status, 'UNFULFILLABLE', run.reply.body);
    assert.equal(result.userId, run.user.userId);

    const status = await getStatus(harness, tenant.liveKey, 'no-uv');
    assert.equal(status.verification_status, 'UNFULFILLABLE', JSON.stringify(status));
    assert.equal(status.unfulfillable_reason, 'FAILED_CHECKS', JSON.stringify(status));
    assert.equal(status.connection_verified, false);
    assert.equal(status.simple_data_request_response, null);
    const events = await listConnectEvents(harness, tenant.project.id);
    assert.equal(events.length, 1, JSON.stringify(events));
    const event = onlyEvent(events, run.user.userId, 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE');
    assert.deepEqual(event.payload, { reason: 'FAILED_CHECKS' });
  });

  it('a verified person signing in without user verification is not waved through', async () => {
    const tenant = await createTestTenant(harness);
    const person = new SoftAuthenticator();
    const first = await registerAndRunFlow(harness, tenant.liveKey, { reference_user_id: 'home' }, person);
    assert.equal(parseOutcome(first.reply).status, 'VERIFIED', first.reply.body);
    const run = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'away', uniqueness_region_id: 'elsewhere' },
      person,
      { as: 'returning', authentication: { userVerified: false } },
    );
    const outcome = parseOutcome(run.reply);
    assert.equal(outcome.status, 'UNFULFILLABLE', run.reply.body);
    assert.ok(outcome.reasons.includes('USER_VERIFICATION_MISSING'), run.reply.body);
    assert.equal((await getStatus(harness, tenant.liveKey, 'away')).unfulfillable_reason, 'FAILED_CHECKS');
  });

  it('a scripted, straight constant-velocity trace fails with behavioural reason codes', async () => {
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'bot' },
      new SoftAuthenticator(),
      { drag: { synthesizer: linearStepsDrag() } },
    );
    const outcome = parseOutcome(run.reply);
    assert.equal(outcome.status, 'UNFULFILLABLE', run.reply.body);
    for (const reason of ['STRAIGHT_LINE_MOVEMENT', 'CONSTANT_VELOCITY']) {
      assert.ok(outcome.reasons.includes(reason), `${reason} missing: ${run.reply.body}`);
    }
    assert.ok(!outcome.reasons.includes('USER_VERIFICATION_MISSING'), run.reply.body);
    const status = await getStatus(harness, tenant.liveKey, 'bot');
    assert.equal(status.unfulfillable_reason, 'FAILED_CHECKS', JSON.stringify(status));
    onlyEvent(
      await listConnectEvents(harness, tenant.project.id),
      run.user.userId,
      'USER_VERIFICATION_DETERMINED_UNFULFILLABLE',
    );
  });

  it('a teleporting pointer fails with TELEPORTING_POINTER', async () => {
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'jumper' },
      new SoftAuthenticator(),
      { drag: { synthesizer: teleportDrag() } },
    );
    const outcome = parseOutcome(run.reply);
    assert.equal(outcome.status, 'UNFULFILLABLE', run.reply.body);
    assert.ok(outcome.reasons.includes('TELEPORTING_POINTER'), run.reply.body);
  });

  it('a HeadlessChrome User-Agent header (observed by the server) fails with AUTOMATION_DETECTED', async () => {
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'headless' },
      new SoftAuthenticator(),
      { userAgent: HEADLESS_CHROME_USER_AGENT },
    );
    const outcome = parseOutcome(run.reply);
    assert.equal(outcome.status, 'UNFULFILLABLE', run.reply.body);
    assert.ok(outcome.reasons.includes('AUTOMATION_DETECTED'), run.reply.body);
    assert.equal(
      (await getStatus(harness, tenant.liveKey, 'headless')).unfulfillable_reason,
      'FAILED_CHECKS',
    );
  });

  it('the drag is optional now: a drag requested but left unanswered is not held against anyone (VERIFIED, no CHALLENGE_MISSING)', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'no-trace' });
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
    const challenge = await requestChallenge(harness, user.code, step.flowToken);
    const reply = await submitCompletion(harness, user.code, {
      flowToken: step.flowToken,
      challengeId: challenge.challengeId,
      trace: null,
    });
    const outcome = parseOutcome(reply);
    assert.equal(outcome.status, 'VERIFIED', reply.body);
    assert.ok(!outcome.reasons.includes('CHALLENGE_MISSING'), reply.body);
  });

  it('a camera-free path (declined) scores the passkey level and fails the default policy: CAMERA_DECLINED and ASSURANCE_BELOW_POLICY', async () => {
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'no-camera' },
      new SoftAuthenticator(),
      { camera: 'declined' },
    );
    assert.equal(run.passkey.next, 'liveness');
    assert.equal(run.camera, null);
    const outcome = parseOutcome(run.reply);
    assert.equal(outcome.status, 'UNFULFILLABLE', run.reply.body);
    assert.equal(outcome.assuranceLevel, 'passkey', run.reply.body);
    for (const reason of ['CAMERA_DECLINED', 'ASSURANCE_BELOW_POLICY']) {
      assert.ok(outcome.reasons.includes(reason), `${reason} missing: ${run.reply.body}`);
    }
    const status = await getStatus(harness, tenant.liveKey, 'no-camera');
    assert.equal(status.unfulfillable_reason, 'FAILED_CHECKS', JSON.stringify(status));
    assert.equal(status.assurance_level, 'passkey', JSON.stringify(status));
    assert.ok(status.reasons.includes('CAMERA_DECLINED'), JSON.stringify(status));
  });

  for (const [mode, reason] of [
    ['no_camera', 'NO_CAMERA'],
    ['cannot_move', 'CANNOT_MOVE_HEAD'],
  ] as const) {
    it(`the camera-free path for ${mode} fails the default policy with ${reason} and ASSURANCE_BELOW_POLICY`, async () => {
      const tenant = await createTestTenant(harness);
      const run = await registerAndRunFlow(
        harness,
        tenant.liveKey,
        { reference_user_id: `skip-${mode}` },
        new SoftAuthenticator(),
        { camera: mode },
      );
      const outcome = parseOutcome(run.reply);
      assert.equal(outcome.status, 'UNFULFILLABLE', run.reply.body);
      assert.ok(outcome.reasons.includes(reason), run.reply.body);
      assert.ok(outcome.reasons.includes('ASSURANCE_BELOW_POLICY'), run.reply.body);
    });
  }

  it('a changed user agent is a reason code (USER_AGENT_CHANGED)', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'relay' });
    await startFlow(harness, user.code, { userAgent: PHONE_USER_AGENT });
    const step = parsePasskeyStep(
      await submitRegistration(
        harness,
        user.code,
        await createPasskeyResponse(harness, user.code, authenticator),
      ),
    );
    const camera = await runCameraStep(harness, user.code, step.flowToken, personOf(authenticator));
    assert.equal(camera.answer.passed, true, JSON.stringify(camera.answer));
    const reply = await submitCompletion(harness, user.code, {
      flowToken: step.flowToken,
      userAgent: ANDROID_USER_AGENT,
    });
    const outcome = parseOutcome(reply);
    assert.ok(outcome.reasons.includes('USER_AGENT_CHANGED'), reply.body);
    assert.equal(outcome.status, 'UNFULFILLABLE', reply.body);
  });
});

describe('hosted flow: expired invites', () => {
  let harness: TestApp;
  const inviteTtlSeconds = 60;
  before(async () => {
    harness = await createFlowTestApp({ inviteTtlSeconds });
  });
  after(async () => {
    await harness.close();
  });

  async function expectExpiredOnce(tenantKey: string, projectId: string, reference: string, userId: string) {
    const status = await getStatus(harness, tenantKey, reference);
    assert.equal(status.verification_status, 'EXPIRED', JSON.stringify(status));
    assert.equal(status.unfulfillable_reason, 'EXPIRED', JSON.stringify(status));
    assert.equal(status.connection_verified, false);
    assert.equal(status.expires_at, null, JSON.stringify(status));
    const events = await listConnectEvents(harness, projectId);
    assert.equal(events.length, 1, JSON.stringify(events));
    const event = onlyEvent(events, userId, 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE');
    assert.deepEqual(event.payload, { reason: 'EXPIRED' });
    assert.equal(event.reference_user_id, reference);
  }

  it('start, register and complete are refused with 409 once the invite has expired; one EXPIRED event', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'late' });
    await startFlow(harness, user.code);
    // Everything prepared in time; only the posting happens too late.
    const registration = await createPasskeyResponse(harness, user.code, new SoftAuthenticator());
    harness.clock.advanceBy((inviteTtlSeconds + 1) * 1000);

    const refusedRegister = await submitRegistration(harness, user.code, registration);
    assert.match(expectPoyError(refusedRegister, 409, 'conflict'), /expired/i, refusedRegister.body);
    const refusedStart = await postFlow(harness, user.code, 'start', {
      userAgent: PHONE_USER_AGENT,
      webdriver: false,
    });
    assert.match(expectPoyError(refusedStart, 409, 'conflict'), /expired/i, refusedStart.body);
    const refusedComplete = await submitCompletion(harness, user.code, {
      flowToken: `flow_${'x'.repeat(32)}`,
      challengeId: null,
      trace: null,
    });
    assert.match(expectPoyError(refusedComplete, 409, 'conflict'), /expired/i, refusedComplete.body);

    await expectExpiredOnce(tenant.liveKey, tenant.project.id, 'late', user.userId);
  });

  it('a person who was issued the camera challenge in time but completes too late is refused; one EXPIRED event', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'slow' });
    await startFlow(harness, user.code);
    const step = parsePasskeyStep(
      await submitRegistration(
        harness,
        user.code,
        await createPasskeyResponse(harness, user.code, new SoftAuthenticator()),
      ),
    );
    assert.equal(step.next, 'liveness');
    await requestLivenessChallenge(harness, user.code, step.flowToken);
    harness.clock.advanceBy((inviteTtlSeconds + 1) * 1000);

    for (let attempt = 0; attempt < 2; attempt++) {
      const reply = await submitCompletion(harness, user.code, { flowToken: step.flowToken });
      assert.match(expectPoyError(reply, 409, 'conflict'), /expired/i, reply.body);
    }
    await expectExpiredOnce(tenant.liveKey, tenant.project.id, 'slow', user.userId);
  });

  it('options, drag and camera requests on an expired invite are refused with 409 too', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'idle' });
    await startFlow(harness, user.code);
    const step = parsePasskeyStep(
      await submitRegistration(
        harness,
        user.code,
        await createPasskeyResponse(harness, user.code, new SoftAuthenticator()),
      ),
    );
    harness.clock.advanceBy((inviteTtlSeconds + 1) * 1000);

    // The first of these to see the invite expires it; the rest find it expired.
    for (const [path, payload] of [
      ['passkey/registration-options', {}],
      ['passkey/authentication-options', {}],
      ['challenge', { flowToken: step.flowToken }],
      ['liveness/challenge', { flowToken: step.flowToken }],
      ['liveness/skip', { flowToken: step.flowToken, reason: 'declined' }],
    ] as const) {
      const reply = await postFlow(harness, user.code, path, payload);
      assert.match(expectPoyError(reply, 409, 'conflict'), /expired/i, `${path}: ${reply.body}`);
    }
    await expectExpiredOnce(tenant.liveKey, tenant.project.id, 'idle', user.userId);
  });

  it('get_status expires the invite first; the flow then finds it expired, still one event', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'polled' });
    harness.clock.advanceBy((inviteTtlSeconds + 1) * 1000);
    assert.equal((await getStatus(harness, tenant.liveKey, 'polled')).verification_status, 'EXPIRED');
    const reply = await postFlow(harness, user.code, 'start', {
      userAgent: PHONE_USER_AGENT,
      webdriver: false,
    });
    assert.match(expectPoyError(reply, 409, 'conflict'), /expired/i, reply.body);
    await expectExpiredOnce(tenant.liveKey, tenant.project.id, 'polled', user.userId);
  });
});

describe('hosted flow: finished invites and refused requests change nothing', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('a second completion of one invite is refused with 409 and changes nothing', async () => {
    const tenant = await createTestTenant(harness);
    const person = new SoftAuthenticator();
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'once' });
    await startFlow(harness, user.code);
    const step = parsePasskeyStep(
      await submitRegistration(harness, user.code, await createPasskeyResponse(harness, user.code, person)),
    );
    const camera = await runCameraStep(harness, user.code, step.flowToken, personOf(person));
    assert.equal(camera.answer.passed, true, JSON.stringify(camera.answer));
    // Two challenges for one flow token: completing with the second after the first must still fail.
    const first = await requestChallenge(harness, user.code, step.flowToken);
    const second = await requestChallenge(harness, user.code, step.flowToken);
    const done = await submitCompletion(harness, user.code, {
      flowToken: step.flowToken,
      challengeId: first.challengeId,
      trace: buildTrace(first.rounds),
    });
    assert.equal(parseOutcome(done).status, 'VERIFIED', done.body);
    const before = await snapshot(harness, tenant.liveKey, tenant.project.id, 'once');

    const again = await submitCompletion(harness, user.code, {
      flowToken: step.flowToken,
      challengeId: second.challengeId,
      trace: buildTrace(second.rounds, { seed: 2 }),
      userAgent: HEADLESS_CHROME_USER_AGENT,
    });
    assert.match(expectPoyError(again, 409, 'conflict'), /already been used/, again.body);
    const sameAgain = await submitCompletion(harness, user.code, {
      flowToken: step.flowToken,
      challengeId: first.challengeId,
      trace: buildTrace(first.rounds),
    });
    expectPoyError(sameAgain, 409, 'conflict');
    // The other steps of a finished invite are refused as well.
    for (const path of ['passkey/registration-options', 'passkey/authentication-options']) {
      expectPoyError(await postFlow(harness, user.code, path), 409, 'conflict');
    }
    for (const path of ['challenge', 'liveness/challenge']) {
      expectPoyError(
        await postFlow(harness, user.code, path, { flowToken: step.flowToken }),
        409,
        'conflict',
      );
    }
    assert.deepEqual(await snapshot(harness, tenant.liveKey, tenant.project.id, 'once'), before);
  });

  it('the sandbox outcome simulator is refused on a live invite (403) and changes nothing', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'live-only' });
    await startFlow(harness, user.code);
    const before = await snapshot(harness, tenant.liveKey, tenant.project.id, 'live-only');
    for (const outcome of ['verified', 'failed', 'duplicate', 'expired']) {
      const reply = await postFlow(harness, user.code, 'sandbox', { outcome });
      expectPoyError(reply, 403, 'forbidden');
    }
    assert.deepEqual(await snapshot(harness, tenant.liveKey, tenant.project.id, 'live-only'), before);
    assert.equal(before.status.verification_status, 'PENDING');
  });
});

describe('hosted flow: bad input', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  const validTrace = {
    viewport: { width: 360, height: 360 },
    rounds: [
      {
        start: { x: 10, y: 10 },
        target: { x: 200, y: 200, radius: 30 },
        samples: [{ tMs: 0, x: 10, y: 10, kind: 'down', pointerType: 'touch' }],
      },
    ],
  };
  const completeBody = {
    flowToken: `flow_${'a'.repeat(32)}`,
    challengeId: 'c'.repeat(32),
    userAgent: PHONE_USER_AGENT,
    webdriver: false,
    trace: validTrace,
  };
  const livenessBody = {
    flowToken: completeBody.flowToken,
    challengeId: 'l'.repeat(32),
    consent: true,
    frames: [
      { move: 'center', image: '/9j/4AAQ' },
      { move: 'left', image: '/9j/4AAQ' },
    ],
  };
  const registrationBody = {
    response: {
      id: 'AAAAAAAAAAAAAAAAAAAAAA',
      rawId: 'AAAAAAAAAAAAAAAAAAAAAA',
      response: { clientDataJSON: 'e30', attestationObject: 'oA' },
      clientExtensionResults: {},
      type: 'public-key',
    },
  };
  const authenticationBody = {
    response: {
      id: 'AAAAAAAAAAAAAAAAAAAAAA',
      rawId: 'AAAAAAAAAAAAAAAAAAAAAA',
      response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
      clientExtensionResults: {},
      type: 'public-key',
    },
  };

  /** Well-formed bodies per step: these reach the invite lookup, so an unknown code gives 404. */
  const validBodies: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    ['start', {}],
    ['passkey/registration-options', {}],
    ['passkey/register', registrationBody],
    ['passkey/authentication-options', {}],
    ['passkey/authenticate', authenticationBody],
    ['challenge', { flowToken: completeBody.flowToken }],
    ['complete', completeBody],
    ['liveness/challenge', { flowToken: completeBody.flowToken }],
    ['liveness', livenessBody],
    ['liveness/skip', { flowToken: completeBody.flowToken, reason: 'declined' }],
    ['sandbox', { outcome: 'verified' }],
  ];

  const malformedBodies: ReadonlyArray<readonly [string, string, unknown]> = [
    ['start', 'userAgent not a string', { userAgent: 42, webdriver: false }],
    ['start', 'userAgent too long', { userAgent: 'x'.repeat(1025), webdriver: false }],
    ['start', 'webdriver not a boolean', { userAgent: 'ua', webdriver: 'yes' }],
    ['passkey/register', 'response missing', {}],
    [
      'passkey/register',
      'response not base64url',
      { response: { ...registrationBody.response, id: 'not base64!' } },
    ],
    [
      'passkey/register',
      'wrong credential type',
      { response: { ...registrationBody.response, type: 'password' } },
    ],
    ['passkey/authenticate', 'response missing', {}],
    [
      'passkey/authenticate',
      'signature missing',
      {
        response: {
          ...authenticationBody.response,
          response: { clientDataJSON: 'e30', authenticatorData: 'AA' },
        },
      },
    ],
    ['challenge', 'flowToken missing', {}],
    ['challenge', 'flowToken empty', { flowToken: '' }],
    ['challenge', 'flowToken too long', { flowToken: 'f'.repeat(129) }],
    ['complete', 'flowToken missing', { ...completeBody, flowToken: undefined }],
    ['complete', 'challengeId empty', { ...completeBody, challengeId: '' }],
    ['complete', 'webdriver not a boolean', { ...completeBody, webdriver: 'no' }],
    [
      'complete',
      'viewport width 0',
      { ...completeBody, trace: { ...validTrace, viewport: { width: 0, height: 360 } } },
    ],
    [
      'complete',
      'unknown sample kind',
      {
        ...completeBody,
        trace: {
          ...validTrace,
          rounds: [
            {
              ...validTrace.rounds[0],
              samples: [{ tMs: 0, x: 1, y: 1, kind: 'hover', pointerType: 'touch' }],
            },
          ],
        },
      },
    ],
    [
      'complete',
      'negative time',
      {
        ...completeBody,
        trace: {
          ...validTrace,
          rounds: [
            {
              ...validTrace.rounds[0],
              samples: [{ tMs: -1, x: 1, y: 1, kind: 'down', pointerType: 'touch' }],
            },
          ],
        },
      },
    ],
    [
      'complete',
      'too many rounds',
      { ...completeBody, trace: { ...validTrace, rounds: Array(11).fill(validTrace.rounds[0]) } },
    ],
    ['liveness/challenge', 'flowToken missing', {}],
    ['liveness', 'consent missing', { ...livenessBody, consent: undefined }],
    ['liveness', 'consent false', { ...livenessBody, consent: false }],
    ['liveness', 'one frame only', { ...livenessBody, frames: livenessBody.frames.slice(0, 1) }],
    ['liveness', 'six frames', { ...livenessBody, frames: Array(6).fill(livenessBody.frames[0]) }],
    [
      'liveness',
      'a data: URL instead of base64',
      {
        ...livenessBody,
        frames: [livenessBody.frames[0], { move: 'left', image: 'data:image/jpeg;base64,/9j/4AAQ' }],
      },
    ],
    [
      'liveness',
      'unknown move',
      { ...livenessBody, frames: [livenessBody.frames[0], { move: 'spin', image: '/9j/4AAQ' }] },
    ],
    ['liveness/skip', 'unknown reason', { flowToken: completeBody.flowToken, reason: 'shy' }],
    ['sandbox', 'unknown outcome', { outcome: 'maybe' }],
    ['sandbox', 'outcome missing', {}],
  ];

  it('malformed bodies on every step → 400 invalid_request in the POY format, and nothing changes', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.testKey, { reference_user_id: 'careful' });
    const before = await snapshot(harness, tenant.testKey, tenant.project.id, 'careful');
    for (const [path, label, payload] of malformedBodies) {
      const reply = await harness.app.inject({
        method: 'POST',
        url: `/flow/${user.code}/${path}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      expectPoyError(reply, 400, 'invalid_request', `${path} (${label})`);
    }
    // Broken JSON (400) and a non-JSON content type (415) on every step, bodyless steps included.
    for (const [path] of validBodies) {
      const notJson = await harness.app.inject({
        method: 'POST',
        url: `/flow/${user.code}/${path}`,
        headers: { 'content-type': 'application/json' },
        payload: '{"userAgent":',
      });
      expectPoyError(notJson, 400, 'invalid_request', `${path} (not JSON)`);
      const text = await harness.app.inject({
        method: 'POST',
        url: `/flow/${user.code}/${path}`,
        headers: { 'content-type': 'text/plain' },
        payload: 'hello',
      });
      expectPoyError(text, 415, 'unsupported_media_type', `${path} (text/plain)`);
    }
    const after = await snapshot(harness, tenant.testKey, tenant.project.id, 'careful');
    assert.deepEqual(after, before);
    assert.equal(after.status.verification_status, 'PENDING');
    assert.equal(after.events.length, 0);
    // The invite still works after all that.
    const started = await startFlow(harness, user.code);
    assert.equal(started.status, 'PENDING');
  });

  it('an unknown or malformed invite code → 404 not_found on every step', async () => {
    const unknownCodes = ['A'.repeat(22), 'abc', 'A'.repeat(23), 'zzzzzzzzzzzzzzzzzzzzz-'];
    for (const code of unknownCodes) {
      for (const [path, payload] of validBodies) {
        const reply = await postFlow(harness, code, path, payload);
        expectPoyError(reply, 404, 'not_found', `${code}/${path}`);
      }
    }
  });

  it('an over-long invite code → 400', async () => {
    const reply = await postFlow(harness, 'A'.repeat(65), 'start', { userAgent: 'ua', webdriver: false });
    expectPoyError(reply, 400, 'invalid_request');
  });
});
