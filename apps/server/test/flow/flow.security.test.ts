// The hosted flow under attack (threats listed at the top of core/verification/flow/flow-steps.ts):
// replayed WebAuthn responses and interaction challenges, flow tokens that are wrong or belong to
// another invite, cloned authenticators (a counter that does not move), responses for another origin
// or user, and identities crossing between the sandbox and live mode. Every refusal leaves the user's
// state and the outbox as they were.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  buildTrace,
  createAssertionResponse,
  createFlowTestApp,
  createPasskeyResponse,
  expectPoyError,
  fetchCreationOptions,
  fetchRequestOptions,
  framesFor,
  getStatus,
  listConnectEvents,
  type PasskeyStep,
  PERSON_MS_PER_MOVE,
  PHONE_USER_AGENT,
  parseLivenessAnswer,
  parseOutcome,
  parsePasskeyStep,
  personOf,
  postFlow,
  type Reply,
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
} from './flow-driver.ts';

/** The message of a refused challenge (challenge_invalid), as opposed to trace_mismatch and the rest. */
const CHALLENGE_INVALID = /challenge is missing, already used or expired/;
const PASSKEY_INVALID = /passkey response could not be verified/;

function expectChallengeInvalid(reply: Reply, context: string): void {
  assert.match(expectPoyError(reply, 400, 'invalid_request', context), CHALLENGE_INVALID, reply.body);
}

describe('hosted flow: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function snapshot(apiKey: string, projectId: string, referenceUserId: string) {
    return {
      status: await getStatus(harness, apiKey, referenceUserId),
      events: await listConnectEvents(harness, projectId),
    };
  }

  /** A fresh live user whose flow has passed the passkey and camera steps (at the optional drag). */
  async function userAtChallenge(
    tenantKey: string,
    reference: string,
    authenticator = new SoftAuthenticator(),
  ) {
    const user = await registerUser(harness, tenantKey, { reference_user_id: reference });
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
    return { user, step, authenticator };
  }

  /** A person verified once in `tenantKey`'s project, to come back with the same passkey. */
  async function verifiedPerson(tenantKey: string, reference: string): Promise<SoftAuthenticator> {
    const person = new SoftAuthenticator();
    const run = await registerAndRunFlow(harness, tenantKey, { reference_user_id: reference }, person);
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);
    return person;
  }

  it('a replayed registration response is refused (challenge_invalid) and changes nothing', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'replay-reg' });
    await startFlow(harness, user.code);
    const authenticator = new SoftAuthenticator();
    const response = await createPasskeyResponse(harness, user.code, authenticator);
    const first = parsePasskeyStep(await submitRegistration(harness, user.code, response));
    const before = await snapshot(tenant.liveKey, tenant.project.id, 'replay-reg');

    expectChallengeInvalid(await submitRegistration(harness, user.code, response), 'same invite');
    // Nor does it open another invite.
    const other = await registerUser(harness, tenant.liveKey, { reference_user_id: 'replay-reg-2' });
    await startFlow(harness, other.code);
    expectChallengeInvalid(await submitRegistration(harness, other.code, response), 'other invite');

    assert.deepEqual(await snapshot(tenant.liveKey, tenant.project.id, 'replay-reg'), before);
    // The first registration's flow token still holds the flow, and it completes normally.
    const camera = await runCameraStep(harness, user.code, first.flowToken, personOf(authenticator));
    assert.equal(camera.answer.passed, true, JSON.stringify(camera.answer));
    const challenge = await requestChallenge(harness, user.code, first.flowToken);
    const done = await submitCompletion(harness, user.code, {
      flowToken: first.flowToken,
      challengeId: challenge.challengeId,
      trace: buildTrace(challenge.rounds),
    });
    assert.equal(parseOutcome(done).status, 'VERIFIED', done.body);
  });

  it('a replayed authentication response is refused (challenge_invalid) and changes nothing', async () => {
    const tenant = await createTestTenant(harness);
    const person = await verifiedPerson(tenant.liveKey, 'home');
    const user = await registerUser(harness, tenant.liveKey, {
      reference_user_id: 'replay-auth',
      uniqueness_region_id: 'r1',
    });
    await startFlow(harness, user.code);
    const response = await createAssertionResponse(harness, user.code, person);
    const first = parsePasskeyStep(await submitAuthentication(harness, user.code, response));
    assert.equal(first.next, 'complete');
    const before = await snapshot(tenant.liveKey, tenant.project.id, 'replay-auth');

    expectChallengeInvalid(await submitAuthentication(harness, user.code, response), 'same invite');
    const other = await registerUser(harness, tenant.liveKey, {
      reference_user_id: 'replay-auth-2',
      uniqueness_region_id: 'r2',
    });
    await startFlow(harness, other.code);
    expectChallengeInvalid(await submitAuthentication(harness, other.code, response), 'other invite');

    assert.deepEqual(await snapshot(tenant.liveKey, tenant.project.id, 'replay-auth'), before);
    const done = await submitCompletion(harness, user.code, {
      flowToken: first.flowToken,
      challengeId: null,
      trace: null,
    });
    assert.equal(parseOutcome(done).status, 'VERIFIED', done.body);
  });

  it('a WebAuthn challenge is bound to its invite and expires', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const a = await registerUser(harness, tenant.liveKey, { reference_user_id: 'bound-a' });
    await startFlow(harness, a.code);
    const b = await registerUser(harness, tenant.liveKey, { reference_user_id: 'bound-b' });
    await startFlow(harness, b.code);
    // Options fetched for invite A, answered on invite B.
    const forA = await createPasskeyResponse(harness, a.code, authenticator);
    expectChallengeInvalid(await submitRegistration(harness, b.code, forA), 'A→B');

    // Answered after the challenge's lifetime (minutes, far less than the invite's).
    const late = await createPasskeyResponse(harness, b.code, authenticator);
    harness.clock.advanceBy(6 * 60_000);
    expectChallengeInvalid(await submitRegistration(harness, b.code, late), 'late');

    assert.equal((await getStatus(harness, tenant.liveKey, 'bound-b')).verification_status, 'PENDING');
    assert.equal((await listConnectEvents(harness, tenant.project.id)).length, 0);
  });

  it('a response made for another origin or RP is refused (passkey_invalid)', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'phished' });
    await startFlow(harness, user.code);
    const authenticator = new SoftAuthenticator();

    const options = await fetchCreationOptions(harness, user.code);
    const phished = authenticator.createRegistrationResponse(options, {
      origin: 'https://poy-login.example',
    });
    assert.match(
      expectPoyError(await submitRegistration(harness, user.code, phished), 400, 'invalid_request'),
      PASSKEY_INVALID,
    );
    const otherRp = await fetchCreationOptions(harness, user.code);
    const wrongRp = authenticator.createRegistrationResponse(
      { ...otherRp, rp: { ...otherRp.rp, id: 'example.com' } },
      { origin: 'http://localhost:8080' },
    );
    assert.match(
      expectPoyError(await submitRegistration(harness, user.code, wrongRp), 400, 'invalid_request'),
      PASSKEY_INVALID,
    );
    assert.equal((await getStatus(harness, tenant.liveKey, 'phished')).verification_status, 'PENDING');
  });

  it('an authentication whose signature counter does not increase is refused (cloned authenticator)', async () => {
    const tenant = await createTestTenant(harness);
    const person = await verifiedPerson(tenant.liveKey, 'original');
    const credentialId = person.credentials[0]?.id ?? '';

    // First use: the counter goes 0 → 1 and is stored.
    const firstUse = await registerUser(harness, tenant.liveKey, {
      reference_user_id: 'use-1',
      uniqueness_region_id: 'one',
    });
    await startFlow(harness, firstUse.code);
    const used = parsePasskeyStep(
      await submitAuthentication(
        harness,
        firstUse.code,
        await createAssertionResponse(harness, firstUse.code, person),
      ),
    );
    assert.equal(used.next, 'complete');
    assert.equal((await harness.store.findHumanPasskey(credentialId))?.signCount, 1);

    // A clone replays the same counter with a fresh, validly signed assertion.
    const clone = await registerUser(harness, tenant.liveKey, {
      reference_user_id: 'use-2',
      uniqueness_region_id: 'two',
    });
    await startFlow(harness, clone.code);
    const cloned = await createAssertionResponse(harness, clone.code, person, { signCountOverride: 1 });
    const before = await snapshot(tenant.liveKey, tenant.project.id, 'use-2');
    const refused = await submitAuthentication(harness, clone.code, cloned);
    assert.match(expectPoyError(refused, 400, 'invalid_request'), PASSKEY_INVALID, refused.body);
    const lower = await createAssertionResponse(harness, clone.code, person, { signCountOverride: 0 });
    expectPoyError(await submitAuthentication(harness, clone.code, lower), 400, 'invalid_request');
    assert.equal((await harness.store.findHumanPasskey(credentialId))?.signCount, 1);
    assert.deepEqual(await snapshot(tenant.liveKey, tenant.project.id, 'use-2'), before);

    // The genuine authenticator, whose counter moved on, still gets in.
    const genuine = parsePasskeyStep(
      await submitAuthentication(
        harness,
        clone.code,
        await createAssertionResponse(harness, clone.code, person),
      ),
    );
    assert.equal(genuine.next, 'complete');
    assert.equal((await harness.store.findHumanPasskey(credentialId))?.signCount, 2);
  });

  it('an assertion whose userHandle is not the credential owner is refused (WebAuthn §7.2 step 6)', async () => {
    const tenant = await createTestTenant(harness);
    const person = await verifiedPerson(tenant.liveKey, 'owner');
    const someoneElse = await verifiedPerson(tenant.liveKey, 'someone-else');
    const otherHandle = someoneElse.credentials[0]?.userHandle ?? '';
    const user = await registerUser(harness, tenant.liveKey, {
      reference_user_id: 'handle',
      uniqueness_region_id: 'h',
    });
    await startFlow(harness, user.code);

    for (const userHandleOverride of [otherHandle, null]) {
      const response = await createAssertionResponse(harness, user.code, person, { userHandleOverride });
      const reply = await submitAuthentication(harness, user.code, response);
      assert.match(
        expectPoyError(reply, 400, 'invalid_request', `userHandle ${String(userHandleOverride)}`),
        PASSKEY_INVALID,
      );
    }
    assert.equal((await getStatus(harness, tenant.liveKey, 'handle')).verification_status, 'PENDING');
  });

  it('passkeys do not cross between the sandbox and live mode, and unknown passkeys are refused (404)', async () => {
    const tenant = await createTestTenant(harness);
    const sandboxPerson = new SoftAuthenticator();
    const sandboxRun = await registerAndRunFlow(
      harness,
      tenant.testKey,
      { reference_user_id: 'tester' },
      sandboxPerson,
    );
    assert.equal(parseOutcome(sandboxRun.reply).status, 'VERIFIED', sandboxRun.reply.body);
    const livePerson = await verifiedPerson(tenant.liveKey, 'live-person');

    const live = await registerUser(harness, tenant.liveKey, { reference_user_id: 'live-invite' });
    await startFlow(harness, live.code);
    const fromSandbox = await submitAuthentication(
      harness,
      live.code,
      await createAssertionResponse(harness, live.code, sandboxPerson),
    );
    assert.match(
      expectPoyError(fromSandbox, 404, 'not_found'),
      /No PoY identity uses this passkey/,
      fromSandbox.body,
    );

    const test = await registerUser(harness, tenant.testKey, { reference_user_id: 'test-invite' });
    await startFlow(harness, test.code);
    const fromLive = await submitAuthentication(
      harness,
      test.code,
      await createAssertionResponse(harness, test.code, livePerson),
    );
    expectPoyError(fromLive, 404, 'not_found');

    // A credential the server never registered (its id and key are unknown).
    const stranger = new SoftAuthenticator();
    stranger.createRegistrationResponse(await fetchCreationOptions(harness, live.code), {
      origin: 'http://localhost:8080',
    });
    const unknown = await submitAuthentication(
      harness,
      live.code,
      await createAssertionResponse(harness, live.code, stranger),
    );
    expectPoyError(unknown, 404, 'not_found');

    assert.equal((await getStatus(harness, tenant.liveKey, 'live-invite')).verification_status, 'PENDING');
    assert.equal((await getStatus(harness, tenant.testKey, 'test-invite')).verification_status, 'PENDING');
  });

  it('a wrong, unissued or other invite flowToken → 403, and nothing changes', async () => {
    const tenant = await createTestTenant(harness);
    const { user, step } = await userAtChallenge(tenant.liveKey, 'mine');
    const other = await userAtChallenge(tenant.liveKey, 'theirs');
    const fresh = await registerUser(harness, tenant.liveKey, { reference_user_id: 'fresh' });
    await startFlow(harness, fresh.code);
    const challenge = await requestChallenge(harness, user.code, step.flowToken);
    const trace = buildTrace(challenge.rounds);
    const before = await snapshot(tenant.liveKey, tenant.project.id, 'mine');

    const attempts: ReadonlyArray<readonly [string, string, string]> = [
      ['wrong token', user.code, `flow_${'Z'.repeat(32)}`],
      ['token of a different invite', user.code, other.step.flowToken],
      ['this invite’s token on another invite', other.user.code, step.flowToken],
      ['a token on an invite that has issued none', fresh.code, step.flowToken],
      ['the token without its prefix', user.code, step.flowToken.replace(/^flow_/, '')],
    ];
    for (const [label, code, flowToken] of attempts) {
      for (const path of ['challenge', 'liveness/challenge']) {
        expectPoyError(
          await postFlow(harness, code, path, { flowToken }),
          403,
          'forbidden',
          `${path}: ${label}`,
        );
      }
      const reply = await submitCompletion(harness, code, {
        flowToken,
        challengeId: challenge.challengeId,
        trace,
      });
      expectPoyError(reply, 403, 'forbidden', `complete: ${label}`);
    }
    // An absent token is a malformed body (docs/api.md §2: missing fields are 400), not a different browser.
    expectPoyError(await postFlow(harness, user.code, 'challenge', {}), 400, 'invalid_request');

    assert.deepEqual(await snapshot(tenant.liveKey, tenant.project.id, 'mine'), before);
    // The refusals did not consume the challenge: the rightful browser completes with it.
    const done = await submitCompletion(harness, user.code, {
      flowToken: step.flowToken,
      challengeId: challenge.challengeId,
      trace,
    });
    assert.equal(parseOutcome(done).status, 'VERIFIED', done.body);
  });

  it('a trace that does not match the issued rounds → 400; the interaction challenge cannot be replayed', async () => {
    const tenant = await createTestTenant(harness);
    const { user, step } = await userAtChallenge(tenant.liveKey, 'tracer');
    const challenge = await requestChallenge(harness, user.code, step.flowToken);
    const before = await snapshot(tenant.liveKey, tenant.project.id, 'tracer');

    // A canned trace for other positions: every round moved by a quarter of the area.
    const shifted = buildTrace(
      challenge.rounds.map((round) => ({
        start: { x: (round.start.x + 0.25) % 1, y: round.start.y },
        target: { ...round.target, x: (round.target.x + 0.25) % 1 },
      })),
    );
    const mismatch = await submitCompletion(harness, user.code, {
      flowToken: step.flowToken,
      challengeId: challenge.challengeId,
      trace: shifted,
    });
    assert.match(
      expectPoyError(mismatch, 400, 'invalid_request'),
      /does not match the challenge/,
      mismatch.body,
    );
    assert.deepEqual(await snapshot(tenant.liveKey, tenant.project.id, 'tracer'), before);

    // Fewer rounds than issued is a mismatch too (on a fresh challenge).
    const second = await requestChallenge(harness, user.code, step.flowToken);
    const truncated = buildTrace(second.rounds.slice(0, 1));
    const short = await submitCompletion(harness, user.code, {
      flowToken: step.flowToken,
      challengeId: second.challengeId,
      trace: truncated,
    });
    assert.match(expectPoyError(short, 400, 'invalid_request'), /does not match the challenge/, short.body);

    // Each challenge was used up by its attempt: answering it again, even correctly, is refused.
    for (const used of [challenge, second]) {
      const replayed = await submitCompletion(harness, user.code, {
        flowToken: step.flowToken,
        challengeId: used.challengeId,
        trace: buildTrace(used.rounds),
      });
      expectChallengeInvalid(replayed, 'replayed challenge');
    }
    // An invented challengeId (leaving the optional drag out altogether is fine: see flow.error).
    expectChallengeInvalid(
      await submitCompletion(harness, user.code, {
        flowToken: step.flowToken,
        challengeId: 'x'.repeat(32),
        trace: shifted,
      }),
      'invented challenge',
    );
    assert.deepEqual(await snapshot(tenant.liveKey, tenant.project.id, 'tracer'), before);

    // A fresh challenge answered properly still verifies.
    const third = await requestChallenge(harness, user.code, step.flowToken);
    const done = await submitCompletion(harness, user.code, {
      flowToken: step.flowToken,
      challengeId: third.challengeId,
      trace: buildTrace(third.rounds),
    });
    assert.equal(parseOutcome(done).status, 'VERIFIED', done.body);

    // A finished invite's challenge cannot be carried to another invite either.
    const { user: next, step: nextStep } = await userAtChallenge(tenant.liveKey, 'tracer-2');
    expectChallengeInvalid(
      await submitCompletion(harness, next.code, {
        flowToken: nextStep.flowToken,
        challengeId: third.challengeId,
        trace: buildTrace(third.rounds),
      }),
      'challenge of another invite',
    );
  });

  it('another invite’s live challenge is refused and cannot be completed with a foreign token', async () => {
    const tenant = await createTestTenant(harness);
    const a = await userAtChallenge(tenant.liveKey, 'a');
    const b = await userAtChallenge(tenant.liveKey, 'b');
    const challengeOfA = await requestChallenge(harness, a.user.code, a.step.flowToken);
    expectChallengeInvalid(
      await submitCompletion(harness, b.user.code, {
        flowToken: b.step.flowToken,
        challengeId: challengeOfA.challengeId,
        trace: buildTrace(challengeOfA.rounds),
      }),
      'A’s challenge on B',
    );
    assert.equal((await getStatus(harness, tenant.liveKey, 'b')).verification_status, 'PENDING');
  });

  it('a person who has not passed the camera step before must take it (next: liveness; complete before it → 409)', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'bot-second' });
    await startFlow(harness, user.code);
    const step: PasskeyStep = parsePasskeyStep(
      await submitRegistration(
        harness,
        user.code,
        await createPasskeyResponse(harness, user.code, new SoftAuthenticator()),
      ),
    );
    assert.equal(step.next, 'liveness', JSON.stringify(step));
    const before = await snapshot(tenant.liveKey, tenant.project.id, 'bot-second');
    expectPoyError(
      await submitCompletion(harness, user.code, { flowToken: step.flowToken }),
      409,
      'conflict',
      'skipping the camera step',
    );
    // Nor does answering the (optional) drag stand in for the camera step.
    const drag = await requestChallenge(harness, user.code, step.flowToken);
    expectPoyError(
      await submitCompletion(harness, user.code, {
        flowToken: step.flowToken,
        challengeId: drag.challengeId,
        trace: buildTrace(drag.rounds),
      }),
      409,
      'conflict',
      'a drag instead of the camera step',
    );
    assert.deepEqual(await snapshot(tenant.liveKey, tenant.project.id, 'bot-second'), before);
    assert.equal(before.status.verification_status, 'PENDING');
  });

  it('camera step: a non-JPEG frame, six frames (400) and a frame over maxFrameBytes (413) change nothing; a used liveness challenge cannot be replayed (400)', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'camera-guard' });
    await startFlow(harness, user.code);
    const step = parsePasskeyStep(
      await submitRegistration(
        harness,
        user.code,
        await createPasskeyResponse(harness, user.code, authenticator),
      ),
    );
    assert.equal(step.next, 'liveness', JSON.stringify(step));
    const challenge = await requestLivenessChallenge(harness, user.code, step.flowToken);
    assert.equal(challenge.maxFrames, 5, JSON.stringify(challenge));
    assert.equal(challenge.maxFrameBytes, 400_000, JSON.stringify(challenge));
    const frames = await framesFor(personOf(authenticator), challenge);
    const before = await snapshot(tenant.liveKey, tenant.project.id, 'camera-guard');
    const answerWith = (uploaded: typeof frames) =>
      submitLivenessFrames(harness, user.code, {
        flowToken: step.flowToken,
        challengeId: challenge.challengeId,
        frames: uploaded,
      });

    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(120).fill(7)]);
    expectPoyError(
      await answerWith(frames.map((frame, index) => (index === 1 ? { ...frame, jpeg: png } : frame))),
      400,
      'invalid_request',
      'a PNG frame',
    );
    expectPoyError(
      await answerWith([...frames, ...frames].slice(0, 6)),
      400,
      'invalid_request',
      'six frames',
    );
    // One byte over, and well over (both still within the body limit of the whole upload).
    for (const frameBytes of [400_001, 450_000]) {
      const oversized = new Uint8Array(frameBytes);
      oversized.set([0xff, 0xd8, 0xff, 0xe0]);
      expectPoyError(
        await answerWith(frames.map((frame, index) => (index === 0 ? { ...frame, jpeg: oversized } : frame))),
        413,
        'payload_too_large',
        `a frame of ${frameBytes} bytes`,
      );
    }
    assert.deepEqual(await snapshot(tenant.liveKey, tenant.project.id, 'camera-guard'), before);

    // The refusals did not use the challenge up: it is answered now, too soon for a person (a failed
    // attempt, the one that uses it), and then cannot be answered again.
    const tooSoon = parseLivenessAnswer(await answerWith(frames));
    assert.equal(tooSoon.passed, false, JSON.stringify(tooSoon));
    assert.ok(tooSoon.reasons.includes('FRAMES_NOT_FRESH'), JSON.stringify(tooSoon));
    assert.equal(tooSoon.attemptsLeft, challenge.attemptsLeft - 1, JSON.stringify(tooSoon));
    harness.clock.advanceBy(PERSON_MS_PER_MOVE * challenge.moves.length);
    expectPoyError(await answerWith(frames), 400, 'invalid_request', 'replayed liveness challenge');

    // A new challenge, answered properly, passes; then there is nothing left to answer.
    const camera = await runCameraStep(harness, user.code, step.flowToken, personOf(authenticator));
    assert.equal(camera.answer.passed, true, JSON.stringify(camera.answer));
    assert.equal(camera.answer.next, 'complete');
    expectPoyError(
      await postFlow(harness, user.code, 'liveness/challenge', { flowToken: step.flowToken }),
      409,
      'conflict',
      'a challenge after a pass',
    );
    const done = await submitCompletion(harness, user.code, { flowToken: step.flowToken });
    assert.equal(parseOutcome(done).status, 'VERIFIED', done.body);
  });

  it('two completions racing on one invite: exactly one wins, exactly one event', async () => {
    const tenant = await createTestTenant(harness);
    const { user, step } = await userAtChallenge(tenant.liveKey, 'racer');
    const challenges = await Promise.all([
      requestChallenge(harness, user.code, step.flowToken),
      requestChallenge(harness, user.code, step.flowToken),
    ]);
    const replies = await Promise.all(
      challenges.map((challenge, index) =>
        submitCompletion(harness, user.code, {
          flowToken: step.flowToken,
          challengeId: challenge.challengeId,
          trace: buildTrace(challenge.rounds, { seed: index + 1 }),
        }),
      ),
    );
    const codes = replies.map((reply) => reply.statusCode).sort();
    assert.deepEqual(codes, [200, 409], replies.map((reply) => reply.body).join('\n'));
    const events = await listConnectEvents(harness, tenant.project.id);
    assert.equal(events.filter((event) => event.user_id === user.userId).length, 1, JSON.stringify(events));
  });

  it('the request options are discoverable (no allowCredentials) and require user verification', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'opts' });
    await startFlow(harness, user.code);
    const request = await fetchRequestOptions(harness, user.code);
    assert.deepEqual(request.allowCredentials ?? [], []);
    assert.equal(request.userVerification, 'required');
    assert.equal(request.rpId, 'localhost');
    const creation = await fetchCreationOptions(harness, user.code);
    assert.equal(creation.rp.id, 'localhost');
    assert.equal(creation.authenticatorSelection?.userVerification, 'required');
    assert.equal(creation.authenticatorSelection?.residentKey, 'required');
    // Each request draws a new challenge.
    assert.notEqual((await fetchCreationOptions(harness, user.code)).challenge, creation.challenge);
    const started = await postFlow(harness, user.code, 'start', {
      userAgent: PHONE_USER_AGENT,
      webdriver: false,
    });
    assert.equal(started.statusCode, 200, started.body);
  });
});
