import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import { creationOptionsSchema, requestOptionsSchema } from '../../src/http/schemas/webauthn-json.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import { runCommonAuthTests } from './common-auth.ts';
import {
  AUTH_OPTIONS,
  AUTHENTICATE,
  assertWithPasskey,
  createDeveloperTestApp,
  expectBody,
  expectError,
  ORIGIN,
  poyPost,
  REGISTER,
  REGISTER_VERIFY,
  registerPasskey,
  SESSIONS_VERIFY,
  signIn,
  signInAnswer,
  signInBody,
} from './developer-api-helpers.ts';

describe('passkeys: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createDeveloperTestApp();
  });
  after(async () => {
    await harness.close();
  });

  for (const [url, payload] of [
    [REGISTER, { userId: 'auth-probe', displayName: 'Probe' }],
    [REGISTER_VERIFY, { userId: 'auth-probe', credential: {} }],
    [AUTH_OPTIONS, {}],
    // A failed sign-in is itself a 401, so the probe sends a body that fails validation (400) instead.
    [AUTHENTICATE, {}],
  ] as const) {
    runCommonAuthTests({ method: 'POST', url, payload, surface: 'poy' }, () => harness);
  }

  it("another project cannot sign in with a project's passkey (not even knowing the credential id)", async () => {
    const owner = await createTestTenant(harness);
    const other = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const credentialId = await registerPasskey(harness, owner.liveKey, authenticator, 'usr_victim');
    // The other project asks for options (its own challenge) and the owner's authenticator answers.
    const assertion = await assertWithPasskey(harness, other.liveKey, authenticator, {
      settings: { credentialId },
    });
    const message = expectError(
      await poyPost(harness, other.liveKey, AUTHENTICATE, signInBody(assertion)),
      401,
      'unauthorized',
    );
    assert.match(message, /no passkey with this credentialId/);
    // Its options for the same userId find nothing either.
    expectError(
      await poyPost(harness, other.liveKey, AUTH_OPTIONS, { userId: 'usr_victim' }),
      404,
      'not_found',
    );
    // And the owner still signs in fine (the failed attempt did not consume anything of theirs).
    await signIn(harness, owner.liveKey, authenticator, { userId: 'usr_victim' });
  });

  it("a challenge issued to one project is refused by another, even with that project's own passkey", async () => {
    const first = await createTestTenant(harness);
    const second = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, second.liveKey, authenticator, 'usr_2');
    // Options from the FIRST project; the assertion is presented to the SECOND.
    const assertion = await assertWithPasskey(harness, first.liveKey, authenticator);
    const message = expectError(
      await poyPost(harness, second.liveKey, AUTHENTICATE, signInBody(assertion)),
      401,
      'unauthorized',
    );
    assert.match(message, /challenge/);
  });

  it('live and test are separate worlds: a test passkey cannot sign in with a live key', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const credentialId = await registerPasskey(harness, tenant.testKey, authenticator, 'usr_mode');
    expectError(
      await poyPost(harness, tenant.liveKey, AUTH_OPTIONS, { userId: 'usr_mode' }),
      404,
      'not_found',
    );
    const assertion = await assertWithPasskey(harness, tenant.liveKey, authenticator, {
      settings: { credentialId },
    });
    expectError(
      await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(assertion)),
      401,
      'unauthorized',
    );
    // A test-mode challenge presented with the live key is refused too.
    const testAssertion = await assertWithPasskey(harness, tenant.testKey, authenticator, {
      userId: 'usr_mode',
    });
    expectError(
      await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(testAssertion)),
      401,
      'unauthorized',
    );
    // A registration challenge issued under the test key cannot be completed under the live key.
    const options = expectBody(
      await poyPost(harness, tenant.testKey, REGISTER, { userId: 'usr_mode', displayName: 'M' }),
      200,
      creationOptionsSchema,
    );
    const credential = new SoftAuthenticator().createRegistrationResponse(options, { origin: ORIGIN });
    expectError(
      await poyPost(harness, tenant.liveKey, REGISTER_VERIFY, { userId: 'usr_mode', credential }),
      400,
      'invalid_request',
    );
  });

  it('a session token of one project (or mode) is not valid for another', async () => {
    const owner = await createTestTenant(harness);
    const other = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, owner.testKey, authenticator, 'usr_s');
    const { sessionToken } = await signIn(harness, owner.testKey, authenticator, { userId: 'usr_s' });
    const invalid = z.object({ valid: z.literal(false), reason: z.string() }).strict();
    for (const key of [other.testKey, other.liveKey, owner.liveKey]) {
      const answer = expectBody(await poyPost(harness, key, SESSIONS_VERIFY, { sessionToken }), 200, invalid);
      assert.equal(answer.reason, 'wrong_audience');
    }
  });

  it('a replayed assertion is refused (single-use challenge)', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_replay');
    const assertion = await assertWithPasskey(harness, tenant.liveKey, authenticator, {
      userId: 'usr_replay',
    });
    expectBody(
      await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(assertion)),
      200,
      signInAnswer,
    );
    const message = expectError(
      await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(assertion)),
      401,
      'unauthorized',
    );
    assert.match(message, /already used/);
  });

  it('concurrent submissions of one assertion: exactly one session', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_race');
    const assertion = await assertWithPasskey(harness, tenant.liveKey, authenticator, { userId: 'usr_race' });
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(assertion))),
    );
    assert.deepEqual(
      replies.map((reply) => reply.statusCode).sort(),
      [200, 401, 401, 401, 401, 401, 401, 401],
      replies.map((reply) => reply.body).join('\n'),
    );
  });

  it('a replayed registration is refused', async () => {
    const tenant = await createTestTenant(harness);
    const options = expectBody(
      await poyPost(harness, tenant.liveKey, REGISTER, { userId: 'usr_r', displayName: 'R' }),
      200,
      creationOptionsSchema,
    );
    const credential = new SoftAuthenticator().createRegistrationResponse(options, { origin: ORIGIN });
    expectBody(
      await poyPost(harness, tenant.liveKey, REGISTER_VERIFY, { userId: 'usr_r', credential }),
      200,
      z.object({ verified: z.literal(true) }),
    );
    expectError(
      await poyPost(harness, tenant.liveKey, REGISTER_VERIFY, { userId: 'usr_r', credential }),
      400,
      'invalid_request',
    );
    assert.equal(
      (await harness.store.listOutboxEvents({ projectId: tenant.project.id })).length,
      1,
      'one passkey.registered event',
    );
  });

  it('a registration challenge issued for one user cannot register a passkey for another', async () => {
    const tenant = await createTestTenant(harness);
    const options = expectBody(
      await poyPost(harness, tenant.liveKey, REGISTER, { userId: 'usr_alice', displayName: 'Alice' }),
      200,
      creationOptionsSchema,
    );
    const credential = new SoftAuthenticator().createRegistrationResponse(options, { origin: ORIGIN });
    const message = expectError(
      await poyPost(harness, tenant.liveKey, REGISTER_VERIFY, { userId: 'usr_mallory', credential }),
      400,
      'invalid_request',
    );
    assert.match(message, /another user/);
    assert.deepEqual(
      await harness.store.listUserPasskeys({
        projectId: tenant.project.id,
        mode: 'live',
        userId: 'usr_mallory',
      }),
      [],
    );
  });

  it('user verification is required, at registration and at sign-in', async () => {
    const tenant = await createTestTenant(harness);
    const options = expectBody(
      await poyPost(harness, tenant.liveKey, REGISTER, { userId: 'usr_uv', displayName: 'UV' }),
      200,
      creationOptionsSchema,
    );
    const noUv = new SoftAuthenticator().createRegistrationResponse(options, {
      origin: ORIGIN,
      userVerified: false,
    });
    expectError(
      await poyPost(harness, tenant.liveKey, REGISTER_VERIFY, { userId: 'usr_uv', credential: noUv }),
      400,
      'invalid_request',
    );

    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_uv');
    const assertion = await assertWithPasskey(harness, tenant.liveKey, authenticator, {
      userId: 'usr_uv',
      settings: { userVerified: false },
    });
    const message = expectError(
      await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(assertion)),
      401,
      'unauthorized',
    );
    assert.match(message, /user verification/);
  });

  it('a signature counter that does not increase (a cloned authenticator) is refused', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const credentialId = await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_clone');
    await signIn(harness, tenant.liveKey, authenticator, { userId: 'usr_clone' });
    await signIn(harness, tenant.liveKey, authenticator, { userId: 'usr_clone' });
    const stalled = await assertWithPasskey(harness, tenant.liveKey, authenticator, {
      userId: 'usr_clone',
      settings: { signCountOverride: 2 },
    });
    const message = expectError(
      await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(stalled)),
      401,
      'unauthorized',
    );
    assert.match(message, /counter/);
    assert.equal((await harness.store.findUserPasskey(tenant.project.id, credentialId))?.signCount, 2);
  });

  it('an assertion made on another origin (a phishing page) is refused', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_phish');
    const options = expectBody(
      await poyPost(harness, tenant.liveKey, AUTH_OPTIONS, { userId: 'usr_phish' }),
      200,
      requestOptionsSchema,
    );
    // The RP id stays "localhost" (the authenticator's credential matches), the page origin differs.
    const assertion = authenticator.createAuthenticationResponse(options, {
      origin: 'http://localhost:9999',
    });
    expectError(
      await poyPost(harness, tenant.liveKey, AUTHENTICATE, {
        credentialId: assertion.id,
        authenticatorData: assertion.response.authenticatorData,
        clientDataJSON: assertion.response.clientDataJSON,
        signature: assertion.response.signature,
      }),
      401,
      'unauthorized',
    );
    // A registration from another origin is refused too.
    const creation = expectBody(
      await poyPost(harness, tenant.liveKey, REGISTER, { userId: 'usr_phish', displayName: 'P' }),
      200,
      creationOptionsSchema,
    );
    const credential = new SoftAuthenticator().createRegistrationResponse(creation, {
      origin: 'https://evil.example',
    });
    expectError(
      await poyPost(harness, tenant.liveKey, REGISTER_VERIFY, { userId: 'usr_phish', credential }),
      400,
      'invalid_request',
    );
  });

  it("the options' user decides who may answer: another user's passkey is refused", async () => {
    const tenant = await createTestTenant(harness);
    const alice = new SoftAuthenticator();
    const bob = new SoftAuthenticator();
    await registerPasskey(harness, tenant.liveKey, alice, 'usr_alice');
    const bobCredential = await registerPasskey(harness, tenant.liveKey, bob, 'usr_bob');
    const options = expectBody(
      await poyPost(harness, tenant.liveKey, AUTH_OPTIONS, { userId: 'usr_alice' }),
      200,
      requestOptionsSchema,
    );
    // Bob's authenticator answers Alice's options (as a script could make it do).
    const assertion = bob.createAuthenticationResponse(
      { ...options, allowCredentials: [{ id: bobCredential }] },
      { origin: ORIGIN },
    );
    const message = expectError(
      await poyPost(harness, tenant.liveKey, AUTHENTICATE, {
        credentialId: assertion.id,
        authenticatorData: assertion.response.authenticatorData,
        clientDataJSON: assertion.response.clientDataJSON,
        signature: assertion.response.signature,
        userHandle: assertion.response.userHandle,
      }),
      401,
      'unauthorized',
    );
    assert.match(message, /does not belong to the user/);
  });

  it("user handles: another user's is refused; a discoverable sign-in must carry one", async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_handle');
    const foreignHandle = isoBase64URL.fromBuffer(new Uint8Array(32).fill(7));
    const wrong = await assertWithPasskey(harness, tenant.liveKey, authenticator, {
      userId: 'usr_handle',
      settings: { userHandleOverride: foreignHandle },
    });
    expectError(await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(wrong)), 401, 'unauthorized');

    const missing = await assertWithPasskey(harness, tenant.liveKey, authenticator, {
      settings: { userHandleOverride: null },
    });
    const message = expectError(
      await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(missing)),
      401,
      'unauthorized',
    );
    assert.match(message, /userHandle/);
    // With the user named in the options, a missing handle is fine (WebAuthn §7.2 step 6).
    const named = await assertWithPasskey(harness, tenant.liveKey, authenticator, {
      userId: 'usr_handle',
      settings: { userHandleOverride: null },
    });
    expectBody(await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(named)), 200, signInAnswer);
  });

  it('a tampered signature or authenticator data is refused', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_tamper');
    for (const field of ['signature', 'authenticatorData'] as const) {
      const assertion = await assertWithPasskey(harness, tenant.liveKey, authenticator, {
        userId: 'usr_tamper',
      });
      const body = signInBody(assertion);
      const bytes = isoBase64URL.toBuffer(body[field] ?? '');
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
      body[field] = isoBase64URL.fromBuffer(bytes);
      expectError(await poyPost(harness, tenant.liveKey, AUTHENTICATE, body), 401, 'unauthorized');
    }
  });

  it('an expired challenge is refused', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_late');
    const assertion = await assertWithPasskey(harness, tenant.liveKey, authenticator, { userId: 'usr_late' });
    harness.clock.advanceBy(5 * 60_000 + 1);
    expectError(
      await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(assertion)),
      401,
      'unauthorized',
    );
  });
});
