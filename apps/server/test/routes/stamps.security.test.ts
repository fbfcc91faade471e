import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSigningKeyRing } from '../../src/core/signing/signing-key-ring.ts';
import { signStamp } from '../../src/core/stamps/stamp-format.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { runCommonAuthTests } from './common-auth.ts';
import {
  createDeveloperTestApp,
  createVerifiedUser,
  expectBody,
  expectError,
  poyPost,
  STAMPS,
  STAMPS_VERIFY,
  sha256Of,
  stampAnswer,
  stampVerification,
} from './developer-api-helpers.ts';

describe('stamps: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createDeveloperTestApp();
  });
  after(async () => {
    await harness.close();
  });

  runCommonAuthTests(
    {
      method: 'POST',
      url: STAMPS,
      payload: { userId: 'auth-probe', contentHash: sha256Of('probe'), contentType: 'article' },
      surface: 'poy',
    },
    () => harness,
  );
  runCommonAuthTests(
    { method: 'POST', url: STAMPS_VERIFY, payload: { stampId: 'stmp_000000000000' }, surface: 'poy' },
    () => harness,
  );

  it("another project cannot stamp as a project's verified user (same userId there is nobody)", async () => {
    const owner = await createTestTenant(harness);
    const other = await createTestTenant(harness);
    await createVerifiedUser(harness, { project: owner.project, mode: 'live', userId: 'usr_shared' });
    expectError(
      await poyPost(harness, other.liveKey, STAMPS, {
        userId: 'usr_shared',
        contentHash: sha256Of('a'),
        contentType: 'article',
      }),
      403,
      'forbidden',
    );
    assert.equal((await harness.store.listOutboxEvents({ projectId: owner.project.id })).length, 0);
  });

  it('live and test are separate worlds: stamping and verifying', async () => {
    const tenant = await createTestTenant(harness);
    await createVerifiedUser(harness, { project: tenant.project, mode: 'test', userId: 'usr_sandbox' });
    const payload = { userId: 'usr_sandbox', contentHash: sha256Of('sandbox'), contentType: 'article' };
    // A sandbox user cannot stamp with the live key…
    expectError(await poyPost(harness, tenant.liveKey, STAMPS, payload), 403, 'forbidden');
    // …and a sandbox stamp is invisible to every live key, this project's included.
    const stamp = expectBody(await poyPost(harness, tenant.testKey, STAMPS, payload), 201, stampAnswer);
    expectError(
      await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId: stamp.stampId }),
      404,
      'not_found',
    );
    const reader = await createTestTenant(harness);
    expectError(
      await poyPost(harness, reader.liveKey, STAMPS_VERIFY, { stampId: stamp.stampId }),
      404,
      'not_found',
    );
    const fromTest = expectBody(
      await poyPost(harness, reader.testKey, STAMPS_VERIFY, { stampId: stamp.stampId }),
      200,
      stampVerification,
    );
    assert.equal(fromTest.valid, true);
  });

  it('a stored stamp whose statement was altered does not verify', async () => {
    const tenant = await createTestTenant(harness);
    await createVerifiedUser(harness, { project: tenant.project, mode: 'live', userId: 'usr_t' });
    const stamp = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS, {
        userId: 'usr_t',
        contentHash: sha256Of('original'),
        contentType: 'article',
      }),
      201,
      stampAnswer,
    );
    const stored = await harness.store.findStamp(stamp.stampId);
    assert.ok(stored);
    // Someone with database access copies the signature onto a stamp of other content.
    await harness.store.insertStamp({ ...stored, id: 'stmp_ffffffffffff', contentHash: sha256Of('forged') });
    const reply = await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId: 'stmp_ffffffffffff' });
    const answer = expectBody(reply, 200, stampVerification);
    assert.equal(answer.valid, false);
    assert.equal(answer.isHumanCreator, false, 'nothing is vouched for when the signature fails');
    assert.equal(reply.json.signatureValid, false);
  });

  it("a signature by the deployment's session key is not a stamp signature", async () => {
    const tenant = await createTestTenant(harness);
    const { humanId, poyId } = await createVerifiedUser(harness, {
      project: tenant.project,
      mode: 'live',
      userId: 'usr_k',
    });
    const ring = createSigningKeyRing({
      store: harness.store,
      clock: harness.clock,
      secrets: harness.app.services.verification.secrets,
    });
    try {
      const sessionKey = await ring.signingKey('session');
      const createdAt = harness.clock.now();
      const statement = {
        stampId: 'stmp_eeeeeeeeeeee',
        mode: 'live' as const,
        contentHash: sha256Of('k'),
        contentType: 'article',
        createdBy: poyId,
        createdAt: createdAt.toISOString(),
      };
      await harness.store.insertStamp({
        id: statement.stampId,
        projectId: tenant.project.id,
        mode: 'live',
        userId: 'usr_k',
        humanId,
        createdBy: poyId,
        contentHash: statement.contentHash,
        contentType: statement.contentType,
        title: null,
        url: null,
        kid: sessionKey.kid,
        signature: signStamp(statement, sessionKey.privateKey),
        createdAt,
      });
    } finally {
      ring.close();
    }
    const answer = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId: 'stmp_eeeeeeeeeeee' }),
      200,
      stampVerification,
    );
    assert.equal(answer.valid, false);
  });
});
