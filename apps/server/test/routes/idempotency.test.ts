// Idempotency-Key on authenticated POSTs, exercised on stamp creation (a POST that is not idempotent
// by itself: each call makes a new stamp and a stamp.created event).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { idempotencyRequestHash } from '../../src/http/idempotency.ts';
import { bodyOf, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';

const HASH = `sha256:${'a'.repeat(64)}`;

describe('Idempotency-Key', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  before(async () => {
    harness = await createTestApp();
    tenant = await createTestTenant(harness);
    const verified = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/sandbox/outcome',
      headers: { authorization: `Bearer ${tenant.testKey}` },
      payload: { userId: 'writer', outcome: 'verified' },
    });
    assert.equal(verified.statusCode, 200, verified.body);
  });
  after(async () => {
    await harness.close();
  });

  function stamp(key: string | undefined, contentType = 'article', apiKey = tenant.testKey) {
    return harness.app.inject({
      method: 'POST',
      url: '/api/poy/stamps',
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      payload: { userId: 'writer', contentHash: HASH, contentType },
    });
  }

  async function stampEvents(projectId: string) {
    return (await harness.store.listOutboxEvents({ projectId })).filter(
      (event) => event.eventType === 'stamp.created',
    );
  }

  it('without a key, every POST acts', async () => {
    const before = (await stampEvents(tenant.project.id)).length;
    const first = await stamp(undefined);
    const second = await stamp(undefined);
    assert.notEqual(bodyOf(first).stampId, bodyOf(second).stampId);
    assert.equal((await stampEvents(tenant.project.id)).length, before + 2);
  });

  it('a retry with the same key gets the first response and acts once', async () => {
    const before = (await stampEvents(tenant.project.id)).length;
    const first = await stamp('retry-1');
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    const replay = await stamp('retry-1');
    assert.equal(replay.statusCode, 201, replay.body);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body, first.body);
    assert.equal((await stampEvents(tenant.project.id)).length, before + 1);
  });

  it('the same key on a different request is a 409 and does not act', async () => {
    await stamp('reuse-1', 'article');
    const before = (await stampEvents(tenant.project.id)).length;
    const other = await stamp('reuse-1', 'video');
    assert.equal(other.statusCode, 409, other.body);
    assert.equal(Reflect.get(Object(bodyOf(other).error), 'type'), 'conflict');
    assert.equal((await stampEvents(tenant.project.id)).length, before);
  });

  it('concurrent requests with one key act once', async () => {
    const before = (await stampEvents(tenant.project.id)).length;
    const responses = await Promise.all(Array.from({ length: 8 }, () => stamp('race-1')));
    const ok = responses.filter((response) => response.statusCode === 201);
    assert.ok(ok.length >= 1);
    assert.equal(new Set(ok.map((response) => response.body)).size, 1, 'every success is the same stamp');
    for (const response of responses) assert.ok([201, 409].includes(response.statusCode), response.body);
    assert.equal((await stampEvents(tenant.project.id)).length, before + 1);
  });

  it('keys belong to a project and mode: the same key elsewhere acts independently', async () => {
    const first = await stamp('shared-key');
    const other = await createTestTenant(harness);
    await harness.app.inject({
      method: 'POST',
      url: '/api/poy/sandbox/outcome',
      headers: { authorization: `Bearer ${other.testKey}` },
      payload: { userId: 'writer', outcome: 'verified' },
    });
    const elsewhere = await stamp('shared-key', 'article', other.testKey);
    assert.equal(elsewhere.statusCode, 201, elsewhere.body);
    assert.equal(elsewhere.headers['idempotent-replayed'], undefined);
    assert.notEqual(bodyOf(elsewhere).stampId, bodyOf(first).stampId);
  });

  it('a malformed key is a 400; an expired key can be used again', async () => {
    const bad = await stamp('x'.repeat(300));
    assert.equal(bad.statusCode, 400, bad.body);
    await stamp('expiring-1', 'article');
    harness.clock.advanceBy(24 * 3_600_000 + 1);
    const reused = await stamp('expiring-1', 'video');
    assert.equal(reused.statusCode, 201, reused.body);
    assert.equal(reused.headers['idempotent-replayed'], undefined);
  });

  it('stores replayable responses sealed: a secret shown once is not kept readable in the database', async () => {
    const payload = { url: 'https://hooks.example/poy' };
    const created = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/webhooks',
      headers: { authorization: `Bearer ${tenant.testKey}`, 'idempotency-key': 'secret-bearing' },
      payload,
    });
    assert.equal(created.statusCode, 201, created.body);
    const secret = String(bodyOf(created).secret);
    assert.match(secret, /^whsec_/);
    const now = harness.clock.now();
    const stored = await harness.store.beginIdempotentRequest({
      projectId: tenant.project.id,
      mode: 'test',
      key: 'secret-bearing',
      requestHash: idempotencyRequestHash('POST', '/api/poy/webhooks', payload),
      now,
      expiresAt: new Date(now.getTime() + 60_000),
      takeOverBefore: new Date(0),
    });
    assert.equal(stored.kind, 'replay');
    if (stored.kind === 'replay') {
      assert.ok(stored.record.responseBody !== null && !stored.record.responseBody.includes(secret));
      assert.ok(!stored.record.responseBody?.includes('whsec_'));
    }
    const replay = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/webhooks',
      headers: { authorization: `Bearer ${tenant.testKey}`, 'idempotency-key': 'secret-bearing' },
      payload,
    });
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(bodyOf(replay).secret, secret, 'the retry that lost the first answer still gets the secret');
  });
});
