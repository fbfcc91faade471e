import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { rotateSigningKey } from '../../src/core/signing/rotate-signing-key.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { connectPost } from './connect-helpers.ts';
import {
  createDeveloperTestApp,
  createVerifiedUser,
  expectBody,
  getJwks,
  poyPost,
  STAMPS,
  STAMPS_VERIFY,
  sha256Of,
  stampAnswer,
  stampVerification,
} from './developer-api-helpers.ts';

/**
 * Offline verification exactly as spec/stamps.md describes it, with node:crypto and the JWKS JSON only:
 * nothing here imports the server's stamp code.
 */
function verifyOffline(
  stamp: { stampId: string; signature: string; createdBy: string; createdAt: string; keyId: string },
  facts: { mode: 'live' | 'test'; contentHash: string; contentType: string },
  jwksText: string,
): boolean {
  const jwks = z
    .object({ keys: z.array(z.object({ kid: z.string() }).catchall(z.unknown())) })
    .parse(JSON.parse(jwksText));
  const bytes = Buffer.from(
    [
      'poy-stamp/v1',
      facts.mode,
      stamp.stampId,
      facts.contentHash,
      facts.contentType,
      stamp.createdBy,
      stamp.createdAt,
    ]
      .map((line) => `${line}\n`)
      .join(''),
    'utf8',
  );
  const jwk = jwks.keys.find((key) => key.kid === stamp.keyId && key.kid.startsWith('poy-stamp-'));
  if (!jwk) return false;
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const signature = Buffer.from(stamp.signature.replace(/^ecdsa:/, ''), 'base64url');
  return verify('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' }, signature);
}

describe('stamps: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createDeveloperTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('a sandbox-verified user stamps content: 201 in the contract shape, and stamp.created is emitted', async () => {
    const tenant = await createTestTenant(harness);
    await connectPost(harness, tenant.testKey, '/v1/business_connect_user/register', {
      reference_user_id: 'usr_abc123',
    });
    const forced = await connectPost(harness, tenant.testKey, '/v1/sandbox/outcome', {
      reference_user_id: 'usr_abc123',
      outcome: 'verified',
    });
    assert.equal(forced.statusCode, 200, forced.body);
    const user = await harness.store.findConnectUser({
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'usr_abc123',
    });
    const human = user?.humanId ? await harness.store.findHumanById(user.humanId) : null;
    assert.ok(human);

    const contentHash = sha256Of('My first post');
    const reply = await poyPost(harness, tenant.testKey, STAMPS, {
      userId: 'usr_abc123',
      contentHash,
      contentType: 'article',
      title: 'My Blog Post',
      url: 'https://example.com/post',
    });
    const stamp = expectBody(reply, 201, stampAnswer);
    assert.equal(stamp.createdBy, `PoY #${human.poyCode}`);
    assert.equal(stamp.createdAt, harness.clock.now().toISOString());

    const events = await harness.store.listOutboxEvents({ projectId: tenant.project.id, mode: 'test' });
    const created = events.filter((event) => event.eventType === 'stamp.created');
    assert.equal(created.length, 1);
    assert.deepEqual(created[0]?.body, {
      event: 'stamp.created',
      timestamp: harness.clock.now().toISOString(),
      data: {
        stampId: stamp.stampId,
        userId: 'usr_abc123',
        poyId: stamp.createdBy,
        contentHash,
        contentType: 'article',
      },
    });
    // Title and URL are kept with the stamp (not signed, not echoed).
    const stored = await harness.store.findStamp(stamp.stampId);
    assert.equal(stored?.title, 'My Blog Post');
    assert.equal(stored?.url, 'https://example.com/post');
    assert.equal(stored?.kid, stamp.keyId);
  });

  it('verify: valid, with creator, type, time, current human status and key', async () => {
    const tenant = await createTestTenant(harness);
    const { poyId } = await createVerifiedUser(harness, {
      project: tenant.project,
      mode: 'live',
      userId: 'usr_v',
    });
    const contentHash = sha256Of('verified content');
    const stamp = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS, {
        userId: 'usr_v',
        contentHash,
        contentType: 'image/png',
      }),
      201,
      stampAnswer,
    );
    harness.clock.advanceBy(60_000);
    const reply = await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId: stamp.stampId });
    const answer = expectBody(reply, 200, stampVerification);
    assert.deepEqual(answer, {
      valid: true,
      createdBy: poyId,
      contentType: 'image/png',
      stampedAt: stamp.createdAt,
      isHumanCreator: true,
      keyId: stamp.keyId,
    });
    assert.equal(reply.json.format, 'poy-stamp/v1');
    assert.equal(reply.json.signatureValid, true);
    assert.equal(reply.json.contentHashMatches, null);

    const matching = await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, {
      stampId: stamp.stampId,
      contentHash,
    });
    assert.equal(expectBody(matching, 200, stampVerification).valid, true);
    assert.equal(matching.json.contentHashMatches, true);
    // Upper-case hex is the same hash.
    const upper = `sha256:${contentHash.slice(7).toUpperCase()}`;
    assert.equal(
      expectBody(
        await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId: stamp.stampId, contentHash: upper }),
        200,
        stampVerification,
      ).valid,
      true,
    );
    const other = await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, {
      stampId: stamp.stampId,
      contentHash: sha256Of('something else'),
    });
    assert.equal(expectBody(other, 200, stampVerification).valid, false);
    assert.equal(other.json.signatureValid, true);
    assert.equal(other.json.contentHashMatches, false);
  });

  it('acceptance: a stamp verifies with nothing but the JWKS JSON and spec/stamps.md, across a key rotation', async () => {
    const tenant = await createTestTenant(harness);
    await createVerifiedUser(harness, { project: tenant.project, mode: 'live', userId: 'usr_offline' });
    const content = 'A poem, written by a person.\n';
    const contentHash = `sha256:${createHash('sha256').update(content).digest('hex')}`;
    const facts = { mode: 'live' as const, contentHash, contentType: 'poem' };
    const before = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS, {
        userId: 'usr_offline',
        contentHash,
        contentType: 'poem',
      }),
      201,
      stampAnswer,
    );
    const jwksBefore = await getJwks(harness);
    assert.equal(jwksBefore.statusCode, 200);
    assert.ok(verifyOffline(before, facts, jwksBefore.body), 'verifies offline');

    // One changed byte of the hash (one hex digit) and it does not.
    const lastDigit = contentHash.at(-1) === '0' ? '1' : '0';
    assert.equal(
      verifyOffline(
        before,
        { ...facts, contentHash: `${contentHash.slice(0, -1)}${lastDigit}` },
        jwksBefore.body,
      ),
      false,
    );
    assert.equal(
      verifyOffline(before, { ...facts, mode: 'test' }, jwksBefore.body),
      false,
      'the mode is signed',
    );
    assert.equal(verifyOffline(before, { ...facts, contentType: 'article' }, jwksBefore.body), false);
    assert.equal(verifyOffline({ ...before, createdBy: 'PoY #0000000' }, facts, jwksBefore.body), false);

    // Rotate as an operator would (the CLI calls this); every process reloads through the store.
    harness.clock.advanceBy(1000);
    const rotated = await rotateSigningKey(
      { store: harness.store, clock: harness.clock, secrets: harness.app.services.verification.secrets },
      'stamp',
    );
    const after = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS, {
        userId: 'usr_offline',
        contentHash,
        contentType: 'poem',
      }),
      201,
      stampAnswer,
    );
    assert.equal(after.keyId, rotated.key.kid, 'new stamps use the new key');
    assert.notEqual(after.keyId, before.keyId);

    const jwksAfter = await getJwks(harness);
    assert.ok(
      verifyOffline(before, facts, jwksAfter.body),
      'a stamp from before the rotation still verifies',
    );
    assert.ok(verifyOffline(after, facts, jwksAfter.body));
    assert.equal(
      verifyOffline(after, facts, jwksBefore.body),
      false,
      'an old JWKS lacks the new kid: refetch',
    );
    for (const stamp of [before, after]) {
      const answer = expectBody(
        await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId: stamp.stampId, contentHash }),
        200,
        stampVerification,
      );
      assert.equal(answer.valid, true, stamp.keyId);
      assert.equal(answer.keyId, stamp.keyId);
    }
  });

  it('isHumanCreator follows the creator today: a revoked user → false, while the signature stays valid', async () => {
    const tenant = await createTestTenant(harness);
    await createVerifiedUser(harness, { project: tenant.project, mode: 'live', userId: 'usr_revoke' });
    const stamp = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS, {
        userId: 'usr_revoke',
        contentHash: sha256Of('to be revoked'),
        contentType: 'article',
      }),
      201,
      stampAnswer,
    );
    const revoked = await connectPost(harness, tenant.liveKey, '/v1/business_connect_user/revoke', {
      reference_user_id: 'usr_revoke',
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    const answer = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId: stamp.stampId }),
      200,
      stampVerification,
    );
    assert.equal(answer.valid, true);
    assert.equal(answer.isHumanCreator, false);
  });

  it('a user deleted and verified again by someone else does not inherit the stamps', async () => {
    const tenant = await createTestTenant(harness);
    await createVerifiedUser(harness, { project: tenant.project, mode: 'live', userId: 'usr_reuse' });
    const stamp = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS, {
        userId: 'usr_reuse',
        contentHash: sha256Of('x'),
        contentType: 'note',
      }),
      201,
      stampAnswer,
    );
    const deleted = await connectPost(harness, tenant.liveKey, '/v1/business_connect_user/delete', {
      reference_user_id: 'usr_reuse',
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    const afterDelete = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId: stamp.stampId }),
      200,
      stampVerification,
    );
    assert.equal(afterDelete.isHumanCreator, false);
    await createVerifiedUser(harness, { project: tenant.project, mode: 'live', userId: 'usr_reuse' });
    const answer = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId: stamp.stampId }),
      200,
      stampVerification,
    );
    assert.equal(answer.valid, true);
    assert.equal(answer.isHumanCreator, false);
  });

  it("stamps are public proofs: another project's key (same mode) can verify them", async () => {
    const creator = await createTestTenant(harness);
    const reader = await createTestTenant(harness);
    await createVerifiedUser(harness, { project: creator.project, mode: 'live', userId: 'usr_public' });
    const stamp = expectBody(
      await poyPost(harness, creator.liveKey, STAMPS, {
        userId: 'usr_public',
        contentHash: sha256Of('p'),
        contentType: 'article',
      }),
      201,
      stampAnswer,
    );
    const answer = expectBody(
      await poyPost(harness, reader.liveKey, STAMPS_VERIFY, { stampId: stamp.stampId }),
      200,
      stampVerification,
    );
    assert.equal(answer.valid, true);
    assert.equal(answer.isHumanCreator, true);
    assert.equal(answer.createdBy, stamp.createdBy);
  });
});
