import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifySessionTokenOffline } from '@poy/wire';
import { z } from 'zod';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  createDeveloperTestApp,
  expectBody,
  getJwks,
  PUBLIC_URL,
  poyPost,
  registerPasskey,
  SESSIONS_VERIFY,
  signIn,
} from './developer-api-helpers.ts';

const validAnswer = z
  .object({
    valid: z.literal(true),
    userId: z.string(),
    expiresAt: z.iso.datetime(),
    credentialId: z.string(),
    issuedAt: z.iso.datetime(),
  })
  .strict();
const invalidAnswer = z.object({ valid: z.literal(false), reason: z.string() }).strict();

describe('sessions: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createDeveloperTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('a fresh token is valid for an hour, then answered {valid:false, reason:"expired"}', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const credentialId = await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_sess');
    const { sessionToken, expiresAt } = await signIn(harness, tenant.liveKey, authenticator, {
      userId: 'usr_sess',
    });

    const answer = expectBody(
      await poyPost(harness, tenant.liveKey, SESSIONS_VERIFY, { sessionToken }),
      200,
      validAnswer,
    );
    assert.equal(answer.userId, 'usr_sess');
    assert.equal(answer.credentialId, credentialId);
    assert.equal(answer.expiresAt, expiresAt);

    harness.clock.advanceBy(59 * 60_000);
    expectBody(await poyPost(harness, tenant.liveKey, SESSIONS_VERIFY, { sessionToken }), 200, validAnswer);
    harness.clock.advanceBy(61_000);
    const expired = expectBody(
      await poyPost(harness, tenant.liveKey, SESSIONS_VERIFY, { sessionToken }),
      200,
      invalidAnswer,
    );
    assert.equal(expired.reason, 'expired');
  });

  it('the token verifies offline against GET /.well-known/jwks.json alone', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.testKey, authenticator, 'usr_offline');
    const { sessionToken } = await signIn(harness, tenant.testKey, authenticator, { userId: 'usr_offline' });
    const jwks: unknown = JSON.parse((await getJwks(harness)).body);
    const check = await verifySessionTokenOffline(sessionToken, jwks, {
      issuer: PUBLIC_URL,
      audience: tenant.project.publicId,
      projectId: tenant.project.id,
      mode: 'test',
      now: harness.clock.now(),
    });
    assert.ok(check.valid, JSON.stringify(check));
    assert.equal(check.claims.sub, 'usr_offline');
  });
});
