import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { creationOptionsSchema } from '../../src/http/schemas/webauthn-json.ts';
import { createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
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
  signInBody,
} from './developer-api-helpers.ts';

describe('passkeys: errors', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  before(async () => {
    harness = await createDeveloperTestApp();
    tenant = await createTestTenant(harness);
  });
  after(async () => {
    await harness.close();
  });

  it('register: missing or invalid fields → 400 naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /userId/],
      [{ userId: 'u' }, /displayName/],
      [{ userId: '', displayName: 'D' }, /userId/],
      [{ userId: '   ', displayName: 'D' }, /userId/],
      [{ userId: 'u'.repeat(257), displayName: 'D' }, /userId/],
      [{ userId: 'u', displayName: '' }, /displayName/],
      [{ userId: 'u', displayName: 'd'.repeat(129) }, /displayName/],
      [{ userId: 42, displayName: 'D' }, /userId/],
    ];
    for (const [payload, field] of cases) {
      const message = expectError(
        await poyPost(harness, tenant.testKey, REGISTER, payload),
        400,
        'invalid_request',
      );
      assert.match(message, field, JSON.stringify(payload));
    }
  });

  it('register/verify: a malformed credential → 400; an unverifiable one → 400 with a clear message', async () => {
    const options = expectBody(
      await poyPost(harness, tenant.testKey, REGISTER, { userId: 'u1', displayName: 'U' }),
      200,
      creationOptionsSchema,
    );
    const credential = new SoftAuthenticator().createRegistrationResponse(options, { origin: ORIGIN });
    for (const payload of [
      { userId: 'u1' },
      { userId: 'u1', credential: {} },
      { userId: 'u1', credential: { ...credential, type: 'password' } },
      { userId: 'u1', credential: { ...credential, id: 'not base64url!' } },
      { credential },
    ]) {
      expectError(await poyPost(harness, tenant.testKey, REGISTER_VERIFY, payload), 400, 'invalid_request');
    }
    // Garbage clientDataJSON: no challenge can be read from it.
    const garbage = { ...credential, response: { ...credential.response, clientDataJSON: 'AAAA' } };
    const message = expectError(
      await poyPost(harness, tenant.testKey, REGISTER_VERIFY, { userId: 'u1', credential: garbage }),
      400,
      'invalid_request',
    );
    assert.match(message, /challenge/);
    // A broken attestation under a valid challenge: the challenge is used up, the passkey not stored.
    const broken = { ...credential, response: { ...credential.response, attestationObject: 'AAAA' } };
    const unverifiable = expectError(
      await poyPost(harness, tenant.testKey, REGISTER_VERIFY, { userId: 'u1', credential: broken }),
      400,
      'invalid_request',
    );
    assert.match(unverifiable, /could not be verified/);
    assert.deepEqual(
      await harness.store.listUserPasskeys({ projectId: tenant.project.id, mode: 'test', userId: 'u1' }),
      [],
    );
  });

  it('authenticate/options: a user without passkeys → 404; a bad userId → 400', async () => {
    const message = expectError(
      await poyPost(harness, tenant.testKey, AUTH_OPTIONS, { userId: 'nobody' }),
      404,
      'not_found',
    );
    assert.match(message, /no passkeys/);
    expectError(await poyPost(harness, tenant.testKey, AUTH_OPTIONS, { userId: '' }), 400, 'invalid_request');
    expectError(await poyPost(harness, tenant.testKey, AUTH_OPTIONS, { userId: 7 }), 400, 'invalid_request');
  });

  it('authenticate: missing or non-base64url fields → 400', async () => {
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.testKey, authenticator, 'u2');
    const body = signInBody(
      await assertWithPasskey(harness, tenant.testKey, authenticator, { userId: 'u2' }),
    );
    for (const field of ['credentialId', 'authenticatorData', 'clientDataJSON', 'signature']) {
      const { [field]: _dropped, ...rest } = body;
      const message = expectError(
        await poyPost(harness, tenant.testKey, AUTHENTICATE, rest),
        400,
        'invalid_request',
      );
      assert.match(message, new RegExp(field));
      expectError(
        await poyPost(harness, tenant.testKey, AUTHENTICATE, { ...body, [field]: 'not+base64/url=' }),
        400,
        'invalid_request',
      );
    }
    expectError(
      await poyPost(harness, tenant.testKey, AUTHENTICATE, { ...body, userHandle: '***' }),
      400,
      'invalid_request',
    );
  });

  it('authenticate: an unreadable clientDataJSON or an unknown credential → 401 with a reason', async () => {
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.testKey, authenticator, 'u3');
    const body = signInBody(
      await assertWithPasskey(harness, tenant.testKey, authenticator, { userId: 'u3' }),
    );
    assert.match(
      expectError(
        await poyPost(harness, tenant.testKey, AUTHENTICATE, { ...body, clientDataJSON: 'AAAA' }),
        401,
        'unauthorized',
      ),
      /challenge/,
    );
    const fresh = signInBody(
      await assertWithPasskey(harness, tenant.testKey, authenticator, { userId: 'u3' }),
    );
    assert.match(
      expectError(
        await poyPost(harness, tenant.testKey, AUTHENTICATE, {
          ...fresh,
          credentialId: 'AAAAAAAAAAAAAAAAAAAAAA',
        }),
        401,
        'unauthorized',
      ),
      /no passkey/,
    );
  });

  it('a body that is not JSON → 400 in the POY error format', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: REGISTER,
      headers: { authorization: `Bearer ${tenant.testKey}`, 'content-type': 'application/json' },
      payload: '{"userId":',
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.match(response.body, /"type":"invalid_request"/);
  });
});
