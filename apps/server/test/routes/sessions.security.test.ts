import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { base64url, decodeJwt, SignJWT } from 'jose';
import { z } from 'zod';
import { createSigningKeyRing } from '../../src/core/signing/signing-key-ring.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import { runCommonAuthTests } from './common-auth.ts';
import {
  createDeveloperTestApp,
  expectBody,
  poyPost,
  registerPasskey,
  SESSIONS_VERIFY,
  signIn,
} from './developer-api-helpers.ts';

const invalidAnswer = z.object({ valid: z.literal(false), reason: z.string() }).strict();

describe('sessions: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createDeveloperTestApp();
  });
  after(async () => {
    await harness.close();
  });

  runCommonAuthTests(
    { method: 'POST', url: SESSIONS_VERIFY, payload: { sessionToken: 'poy_sess_probe' }, surface: 'poy' },
    () => harness,
  );

  async function tokenOf(key: string, userId: string): Promise<string> {
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, key, authenticator, userId);
    return (await signIn(harness, key, authenticator, { userId })).sessionToken;
  }

  it("another project's key (either mode) and the other mode of the same project see the token as invalid", async () => {
    const owner = await createTestTenant(harness);
    const other = await createTestTenant(harness);
    const sessionToken = await tokenOf(owner.liveKey, 'usr_owner');
    for (const key of [other.liveKey, other.testKey, owner.testKey]) {
      const answer = expectBody(
        await poyPost(harness, key, SESSIONS_VERIFY, { sessionToken }),
        200,
        invalidAnswer,
      );
      assert.equal(answer.reason, 'wrong_audience');
    }
  });

  it('a token with changed claims (another user) fails its signature', async () => {
    const tenant = await createTestTenant(harness);
    const sessionToken = await tokenOf(tenant.liveKey, 'usr_me');
    const [header, , signature] = sessionToken.slice('poy_sess_'.length).split('.');
    const claims = { ...decodeJwt(sessionToken.slice('poy_sess_'.length)), sub: 'usr_admin' };
    const forged = `poy_sess_${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
    const answer = expectBody(
      await poyPost(harness, tenant.liveKey, SESSIONS_VERIFY, { sessionToken: forged }),
      200,
      invalidAnswer,
    );
    assert.equal(answer.reason, 'invalid_signature');
  });

  it("a token signed with the deployment's stamp key is not a session token", async () => {
    const tenant = await createTestTenant(harness);
    const genuine = await tokenOf(tenant.liveKey, 'usr_x');
    const ring = createSigningKeyRing({
      store: harness.store,
      clock: harness.clock,
      secrets: harness.app.services.verification.secrets,
    });
    try {
      const stampKey = await ring.signingKey('stamp');
      const forged = await new SignJWT(decodeJwt(genuine.slice('poy_sess_'.length)))
        .setProtectedHeader({ alg: 'ES256', kid: stampKey.kid, typ: 'poy-session+jwt' })
        .sign(stampKey.privateKey);
      const answer = expectBody(
        await poyPost(harness, tenant.liveKey, SESSIONS_VERIFY, { sessionToken: `poy_sess_${forged}` }),
        200,
        invalidAnswer,
      );
      assert.equal(answer.reason, 'unknown_key');
    } finally {
      ring.close();
    }
  });
});
