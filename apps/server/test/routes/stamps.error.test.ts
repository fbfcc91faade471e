import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { connectPost } from './connect-helpers.ts';
import {
  createDeveloperTestApp,
  createVerifiedUser,
  expectError,
  poyPost,
  STAMPS,
  STAMPS_VERIFY,
  sha256Of,
} from './developer-api-helpers.ts';

describe('stamps: errors', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  const valid = { userId: 'usr_ok', contentHash: sha256Of('x'), contentType: 'article' };
  before(async () => {
    harness = await createDeveloperTestApp();
    tenant = await createTestTenant(harness);
    await createVerifiedUser(harness, { project: tenant.project, mode: 'live', userId: 'usr_ok' });
  });
  after(async () => {
    await harness.close();
  });

  it('invalid fields → 400 naming the field, and no stamp or event is written', async () => {
    const hex = 'a'.repeat(64);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...valid, userId: undefined }, /userId/],
      [{ ...valid, userId: '' }, /userId/],
      [{ ...valid, contentHash: undefined }, /contentHash/],
      [{ ...valid, contentHash: hex }, /contentHash/],
      [{ ...valid, contentHash: `sha256:${hex.slice(1)}` }, /contentHash/],
      [{ ...valid, contentHash: `sha256:${'g'.repeat(64)}` }, /contentHash/],
      [{ ...valid, contentHash: `md5:${'a'.repeat(32)}` }, /contentHash/],
      [{ ...valid, contentHash: `SHA256:${hex}` }, /contentHash/],
      [{ ...valid, contentType: undefined }, /contentType/],
      [{ ...valid, contentType: '' }, /contentType/],
      [{ ...valid, contentType: 'a'.repeat(65) }, /contentType/],
      [{ ...valid, contentType: 'article\nPoY #0000000' }, /contentType/],
      [{ ...valid, contentType: ' article' }, /contentType/],
      [{ ...valid, contentType: 'artículo' }, /contentType/],
      [{ ...valid, title: 't'.repeat(301) }, /title/],
      [{ ...valid, title: '' }, /title/],
      [{ ...valid, url: 'ftp://example.com/file' }, /url/],
      [{ ...valid, url: '/relative/path' }, /url/],
      [{ ...valid, url: 'javascript:alert(1)' }, /url/],
    ];
    for (const [payload, field] of cases) {
      const message = expectError(
        await poyPost(harness, tenant.liveKey, STAMPS, payload),
        400,
        'invalid_request',
      );
      assert.match(message, field, JSON.stringify(payload));
    }
    const events = await harness.store.listOutboxEvents({ projectId: tenant.project.id });
    assert.equal(events.filter((event) => event.eventType === 'stamp.created').length, 0);
  });

  it('the limits themselves are accepted: 64-character type, 300-character title', async () => {
    const reply = await poyPost(harness, tenant.liveKey, STAMPS, {
      ...valid,
      contentType: 'x'.repeat(64),
      title: 't'.repeat(300),
      url: 'http://example.com/a?b=c',
    });
    assert.equal(reply.statusCode, 201, reply.body);
  });

  it('a creator who is not a verified human of this project → 403 with a clear message', async () => {
    await connectPost(harness, tenant.liveKey, '/v1/business_connect_user/register', {
      reference_user_id: 'usr_pending',
    });
    await createVerifiedUser(harness, { project: tenant.project, mode: 'live', userId: 'usr_revoked' });
    await connectPost(harness, tenant.liveKey, '/v1/business_connect_user/revoke', {
      reference_user_id: 'usr_revoked',
    });
    for (const userId of ['usr_unknown', 'usr_pending', 'usr_revoked']) {
      const message = expectError(
        await poyPost(harness, tenant.liveKey, STAMPS, { ...valid, userId }),
        403,
        'forbidden',
      );
      assert.match(message, /verified human/, userId);
    }
    const events = await harness.store.listOutboxEvents({ projectId: tenant.project.id });
    assert.equal(
      events.filter((event) => event.eventType === 'stamp.created').length,
      1,
      'only the limits test stamped',
    );
  });

  it('verify: a malformed stampId → 400; an unknown one → 404; a bad contentHash → 400', async () => {
    for (const stampId of ['', 'stmp_', 'stmp_ABCDEF012345', 'stmp_0123456789abc', 'stamp_0123456789ab']) {
      expectError(await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId }), 400, 'invalid_request');
    }
    expectError(await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, {}), 400, 'invalid_request');
    const message = expectError(
      await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, { stampId: 'stmp_000000000000' }),
      404,
      'not_found',
    );
    assert.match(message, /No stamp/);
    expectError(
      await poyPost(harness, tenant.liveKey, STAMPS_VERIFY, {
        stampId: 'stmp_000000000000',
        contentHash: 'abc',
      }),
      400,
      'invalid_request',
    );
  });
});
