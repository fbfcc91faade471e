import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import { createId } from '../../src/core/ids.ts';
import { createApiKey } from '../../src/core/keys/create-api-key.ts';
import { createAccount } from '../../src/core/tenancy/create-account.ts';
import { creationOptionsSchema, requestOptionsSchema } from '../../src/http/schemas/webauthn-json.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  AUTH_OPTIONS,
  AUTHENTICATE,
  assertWithPasskey,
  createDeveloperTestApp,
  expectBody,
  poyPost,
  REGISTER,
  REGISTER_VERIFY,
  registerPasskey,
  SESSIONS_VERIFY,
  signIn,
  signInAnswer,
  signInBody,
} from './developer-api-helpers.ts';

describe('passkeys: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createDeveloperTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('register answers creation options in the contract shape, under the project as RP', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await poyPost(harness, tenant.liveKey, REGISTER, {
      userId: 'usr_abc123',
      displayName: 'Jane Doe',
    });
    const options = expectBody(reply, 200, creationOptionsSchema);
    assert.deepEqual(options.rp, { name: tenant.project.name, id: 'localhost' });
    assert.equal(options.user.name, 'Jane Doe');
    assert.equal(options.user.displayName, 'Jane Doe');
    assert.deepEqual(options.pubKeyCredParams, [
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -257 },
    ]);
    assert.equal(options.timeout, 60000);
    assert.match(options.challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(options.excludeCredentials, []);
    assert.equal(options.authenticatorSelection?.userVerification, 'required');
    assert.equal(options.authenticatorSelection?.residentKey, 'preferred');
    assert.equal(options.attestation, 'none');

    // The user handle is an opaque 32-byte HMAC: stable for the user, never the userId itself.
    const handle = isoBase64URL.toBuffer(options.user.id);
    assert.equal(handle.length, 32);
    assert.ok(!Buffer.from(handle).toString('utf8').includes('usr_abc123'));
    const again = expectBody(
      await poyPost(harness, tenant.liveKey, REGISTER, { userId: 'usr_abc123', displayName: 'Jane' }),
      200,
      creationOptionsSchema,
    );
    assert.equal(again.user.id, options.user.id);
    assert.notEqual(again.challenge, options.challenge);
    const handles = new Set([options.user.id]);
    for (const [key, userId] of [
      [tenant.liveKey, 'usr_other'],
      [tenant.testKey, 'usr_abc123'],
      [(await createTestTenant(harness)).liveKey, 'usr_abc123'],
    ] as const) {
      const other = expectBody(
        await poyPost(harness, key, REGISTER, { userId, displayName: 'Jane' }),
        200,
        creationOptionsSchema,
      );
      handles.add(other.user.id);
    }
    assert.equal(handles.size, 4, 'different users, modes and projects get unlinkable handles');
  });

  it('register/verify stores the passkey, emits passkey.registered, and excludes it next time', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const credentialId = await registerPasskey(harness, tenant.testKey, authenticator, 'usr_1');

    const stored = await harness.store.findUserPasskey(tenant.project.id, credentialId);
    assert.equal(stored?.userId, 'usr_1');
    assert.equal(stored?.mode, 'test');
    assert.equal(stored?.userVerified, true);
    assert.equal(stored?.signCount, 0);

    const events = await harness.store.listOutboxEvents({ projectId: tenant.project.id });
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event?.eventType, 'passkey.registered');
    assert.equal(event?.mode, 'test');
    assert.equal(event?.surface, 'poy');
    assert.deepEqual(event?.body, {
      event: 'passkey.registered',
      timestamp: harness.clock.now().toISOString(),
      data: { userId: 'usr_1', credentialId },
    });

    const next = expectBody(
      await poyPost(harness, tenant.testKey, REGISTER, { userId: 'usr_1', displayName: 'Jane' }),
      200,
      creationOptionsSchema,
    );
    assert.deepEqual(
      next.excludeCredentials?.map((descriptor) => descriptor.id),
      [credentialId],
    );
    // A second passkey for the same user is fine.
    const second = await registerPasskey(harness, tenant.testKey, new SoftAuthenticator(), 'usr_1');
    assert.notEqual(second, credentialId);
  });

  it('authenticate/options lists the user’s passkeys, or none for a discoverable sign-in', async () => {
    const tenant = await createTestTenant(harness);
    const first = await registerPasskey(harness, tenant.liveKey, new SoftAuthenticator(), 'usr_2');
    const second = await registerPasskey(harness, tenant.liveKey, new SoftAuthenticator(), 'usr_2');
    await registerPasskey(harness, tenant.liveKey, new SoftAuthenticator(), 'usr_someone_else');

    const forUser = expectBody(
      await poyPost(harness, tenant.liveKey, AUTH_OPTIONS, { userId: 'usr_2' }),
      200,
      requestOptionsSchema,
    );
    assert.deepEqual(
      forUser.allowCredentials?.map((descriptor) => descriptor.id).sort(),
      [first, second].sort(),
    );
    assert.equal(forUser.userVerification, 'required');
    assert.equal(forUser.rpId, 'localhost');
    assert.equal(forUser.timeout, 60000);

    const discoverable = expectBody(
      await poyPost(harness, tenant.liveKey, AUTH_OPTIONS, {}),
      200,
      requestOptionsSchema,
    );
    assert.equal(discoverable.allowCredentials, undefined);
    // No body at all is the same as {}.
    const bare = await harness.app.inject({
      method: 'POST',
      url: AUTH_OPTIONS,
      headers: { authorization: `Bearer ${tenant.liveKey}` },
    });
    assert.equal(bare.statusCode, 200, bare.body);
  });

  it('authenticate returns a session token that sessions/verify accepts', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const credentialId = await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_abc123');
    const assertion = await assertWithPasskey(harness, tenant.liveKey, authenticator, {
      userId: 'usr_abc123',
    });
    const reply = await poyPost(harness, tenant.liveKey, AUTHENTICATE, signInBody(assertion));
    const answer = expectBody(reply, 200, signInAnswer);
    assert.deepEqual(Object.keys(reply.json).sort(), [
      'authenticated',
      'credentialId',
      'expiresAt',
      'sessionToken',
      'userId',
    ]);
    assert.equal(answer.userId, 'usr_abc123');
    assert.equal(answer.credentialId, credentialId);
    const nowSeconds = Math.floor(harness.clock.now().getTime() / 1000);
    assert.equal(answer.expiresAt, new Date((nowSeconds + 3600) * 1000).toISOString(), 'one hour');

    const check = expectBody(
      await poyPost(harness, tenant.liveKey, SESSIONS_VERIFY, { sessionToken: answer.sessionToken }),
      200,
      z.object({
        valid: z.literal(true),
        userId: z.string(),
        expiresAt: z.string(),
        credentialId: z.string(),
      }),
    );
    assert.deepEqual(
      { userId: check.userId, expiresAt: check.expiresAt, credentialId: check.credentialId },
      { userId: 'usr_abc123', expiresAt: answer.expiresAt, credentialId },
    );
    // Sign-in emits no webhook event (docs/api.md §6 has none for it).
    const events = await harness.store.listOutboxEvents({ projectId: tenant.project.id });
    assert.deepEqual(
      events.map((event) => event.eventType),
      ['passkey.registered'],
    );
  });

  it('a discoverable (usernameless) sign-in finds the user from the passkey', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.testKey, authenticator, 'usr_discover');
    const answer = await signIn(harness, tenant.testKey, authenticator);
    assert.equal(answer.userId, 'usr_discover');
  });

  it('every sign-in moves the stored counter forward and records the use', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const credentialId = await registerPasskey(harness, tenant.testKey, authenticator, 'usr_counter');
    for (let round = 1; round <= 3; round++) {
      harness.clock.advanceBy(1000);
      await signIn(harness, tenant.testKey, authenticator, { userId: 'usr_counter' });
      const stored = await harness.store.findUserPasskey(tenant.project.id, credentialId);
      assert.equal(stored?.signCount, round);
      assert.equal(stored?.lastUsedAt?.toISOString(), harness.clock.now().toISOString());
    }
  });

  it("a project's own RP id, name and origins are used (its site, not POY's)", async () => {
    const { store, clock } = harness;
    const account = await createAccount({ store, clock }, { name: 'Example Inc' });
    const project = await store.insertProject({
      id: createId('proj'),
      accountId: account.id,
      name: 'Example App',
      publicId: `example-${Date.now().toString(36)}`,
      plan: 'enterprise',
      webauthnRpId: 'example.com',
      webauthnRpName: 'Example',
      webauthnOrigins: ['https://app.example.com', 'https://www.example.com'],
      createdAt: clock.now(),
    });
    assert.ok(project);
    const key = await createApiKey({ store, clock }, { projectId: project.id, mode: 'live' });
    assert.ok(key);
    const options = expectBody(
      await poyPost(harness, key.secret, REGISTER, { userId: 'usr_x', displayName: 'X' }),
      200,
      creationOptionsSchema,
    );
    assert.deepEqual(options.rp, { name: 'Example', id: 'example.com' });

    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, key.secret, authenticator, 'usr_x', 'https://www.example.com');
    const requestOptions = expectBody(
      await poyPost(harness, key.secret, AUTH_OPTIONS, { userId: 'usr_x' }),
      200,
      requestOptionsSchema,
    );
    assert.equal(requestOptions.rpId, 'example.com');
    const assertion = authenticator.createAuthenticationResponse(requestOptions, {
      origin: 'https://app.example.com',
    });
    const answer = expectBody(
      await poyPost(harness, key.secret, AUTHENTICATE, {
        credentialId: assertion.id,
        authenticatorData: assertion.response.authenticatorData,
        clientDataJSON: assertion.response.clientDataJSON,
        signature: assertion.response.signature,
        userHandle: assertion.response.userHandle,
      }),
      200,
      signInAnswer,
    );
    assert.equal(answer.userId, 'usr_x');
  });

  it('register/verify answers exactly {verified, credentialId}', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const options = expectBody(
      await poyPost(harness, tenant.testKey, REGISTER, { userId: 'u', displayName: 'U' }),
      200,
      creationOptionsSchema,
    );
    const credential = authenticator.createRegistrationResponse(options, { origin: 'http://localhost:8080' });
    const reply = await poyPost(harness, tenant.testKey, REGISTER_VERIFY, { userId: 'u', credential });
    assert.equal(reply.statusCode, 200, reply.body);
    assert.deepEqual(reply.json, { verified: true, credentialId: credential.id });
  });
});
