// Who may see what on the POY user routes: keys (common auth cases), tenants (a key sees only its own
// project's users), modes (live and test are separate worlds), the sandbox (test keys only) and the
// in-memory check cache (never one project's answer for another).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { expectPoyError, parseReply, type Reply } from '../flow/flow-driver.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { runCommonAuthTests } from './common-auth.ts';

const POY_ID = /^PoY #[0-9A-F]{7}$/;
const checkValue = z.enum(['pass', 'fail', 'pending']);
const verifySchema = z
  .object({
    isHuman: z.boolean(),
    trustScore: z.number().int().min(0).max(100),
    poyId: z.string().regex(POY_ID).nullable(),
    verifiedAt: z.iso.datetime().nullable(),
    checks: z.object({ liveness: checkValue, device: checkValue, behavioral: checkValue }).strict(),
    enrollmentUrl: z.string().optional(),
    expiresAt: z.iso.datetime().optional(),
    verificationStatus: z
      .enum(['pending', 'verified', 'failed', 'duplicate', 'review', 'expired', 'cancelled'])
      .nullable(),
    assuranceLevel: z.enum(['none', 'passkey', 'liveness', 'unique']).nullable(),
    reasons: z.array(z.string()),
    review: z.boolean(),
  })
  .strict();
const checkSchema = z.object({ isHuman: z.boolean(), poyId: z.string().regex(POY_ID).nullable() }).strict();

describe('POY user routes: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  runCommonAuthTests(
    { method: 'POST', url: '/api/poy/verify', payload: { userId: 'auth-probe' }, surface: 'poy' },
    () => harness,
  );
  runCommonAuthTests(
    { method: 'GET', url: '/api/poy/check?userId=auth-probe', surface: 'poy' },
    () => harness,
  );
  runCommonAuthTests({ method: 'GET', url: '/api/poy/trust/auth-probe', surface: 'poy' }, () => harness);
  runCommonAuthTests(
    {
      method: 'POST',
      url: '/api/poy/sandbox/outcome',
      payload: { userId: 'auth-probe', outcome: 'verified' },
      surface: 'poy',
    },
    () => harness,
  );

  async function post(key: string, url: string, payload: Record<string, unknown>): Promise<Reply> {
    return harness.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}` }, payload });
  }
  async function get(key: string, url: string): Promise<Reply> {
    return harness.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  }
  async function verify(key: string, userId: string, checkType: 'full' | 'quick' = 'full') {
    return parseReply(await post(key, '/api/poy/verify', { userId, checkType }), verifySchema, 200, 'verify');
  }
  async function check(key: string, userId: string) {
    return parseReply(await get(key, `/api/poy/check?userId=${encodeURIComponent(userId)}`), checkSchema);
  }
  async function sandboxVerified(key: string, userId: string) {
    const reply = await post(key, '/api/poy/sandbox/outcome', { userId, outcome: 'verified' });
    const answer = parseReply(reply, verifySchema, 200, 'sandbox');
    assert.equal(answer.isHuman, true, reply.body);
    return answer;
  }

  it('unauthenticated requests write nothing', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/sandbox/outcome',
      headers: { authorization: 'Bearer poy_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      payload: { userId: 'ghost', outcome: 'verified' },
    });
    expectPoyError(reply, 401, 'unauthorized');
    const user = await harness.store.findConnectUser({
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'ghost',
    });
    assert.equal(user, null);
  });

  it("another project's key sees nothing of a user: its own separate link, check false, trust 404", async () => {
    const owner = await createTestTenant(harness);
    const other = await createTestTenant(harness);
    const pending = await verify(owner.testKey, 'shared-name');
    const forced = await sandboxVerified(owner.testKey, 'shared-name');

    assert.deepEqual(await check(other.testKey, 'shared-name'), { isHuman: false, poyId: null });
    expectPoyError(await get(other.testKey, '/api/poy/trust/shared-name'), 404, 'not_found');
    const theirs = await verify(other.testKey, 'shared-name');
    assert.equal(theirs.isHuman, false, JSON.stringify(theirs));
    assert.equal(theirs.poyId, null, JSON.stringify(theirs));
    assert.ok(theirs.enrollmentUrl, JSON.stringify(theirs));
    assert.notEqual(theirs.enrollmentUrl, pending.enrollmentUrl);

    const ownerLink = await harness.store.findConnectUser({
      projectId: owner.project.id,
      mode: 'test',
      referenceUserId: 'shared-name',
    });
    const otherLink = await harness.store.findConnectUser({
      projectId: other.project.id,
      mode: 'test',
      referenceUserId: 'shared-name',
    });
    assert.ok(ownerLink && otherLink, 'both projects have their own link');
    assert.notEqual(ownerLink.id, otherLink.id);
    assert.equal(otherLink.status, 'PENDING');
    assert.equal(otherLink.humanId, null);
    // The owner's user is untouched by the other project's calls.
    assert.deepEqual(await check(owner.testKey, 'shared-name'), { isHuman: true, poyId: forced.poyId });

    // The other project's sandbox cannot reach into the owner's user either.
    await post(other.testKey, '/api/poy/sandbox/outcome', { userId: 'shared-name', outcome: 'failed' });
    assert.deepEqual(await check(owner.testKey, 'shared-name'), { isHuman: true, poyId: forced.poyId });
  });

  it('live and test are separate worlds: a sandbox human is not human for the live key', async () => {
    const tenant = await createTestTenant(harness);
    const forced = await sandboxVerified(tenant.testKey, 'two-worlds');
    assert.deepEqual(await check(tenant.testKey, 'two-worlds'), { isHuman: true, poyId: forced.poyId });

    assert.deepEqual(await check(tenant.liveKey, 'two-worlds'), { isHuman: false, poyId: null });
    expectPoyError(await get(tenant.liveKey, '/api/poy/trust/two-worlds'), 404, 'not_found');
    const live = await verify(tenant.liveKey, 'two-worlds');
    assert.equal(live.isHuman, false, JSON.stringify(live));
    assert.equal(live.poyId, null, JSON.stringify(live));
    assert.ok(live.enrollmentUrl, JSON.stringify(live));
    const liveLink = await harness.store.findConnectUser({
      projectId: tenant.project.id,
      mode: 'live',
      referenceUserId: 'two-worlds',
    });
    assert.equal(liveLink?.status, 'PENDING');
    // And the other way: the test key does not see the live link's state change.
    assert.deepEqual(await check(tenant.testKey, 'two-worlds'), { isHuman: true, poyId: forced.poyId });
  });

  it('the sandbox with a live key → 403, and nothing is created in live mode', async () => {
    const tenant = await createTestTenant(harness);
    for (const outcome of ['verified', 'failed', 'duplicate', 'expired']) {
      const reply = await post(tenant.liveKey, '/api/poy/sandbox/outcome', { userId: 'live-user', outcome });
      expectPoyError(reply, 403, 'forbidden');
    }
    assert.equal(
      await harness.store.findConnectUser({
        projectId: tenant.project.id,
        mode: 'live',
        referenceUserId: 'live-user',
      }),
      null,
    );
    // Not even for an existing live user.
    await verify(tenant.liveKey, 'live-user');
    expectPoyError(
      await post(tenant.liveKey, '/api/poy/sandbox/outcome', { userId: 'live-user', outcome: 'verified' }),
      403,
      'forbidden',
    );
    assert.deepEqual(await check(tenant.liveKey, 'live-user'), { isHuman: false, poyId: null });
    assert.deepEqual(await harness.store.listOutboxEvents({ projectId: tenant.project.id }), []);
  });

  it("the check cache never serves one project's answer to another (same userId)", async () => {
    const first = await createTestTenant(harness);
    const second = await createTestTenant(harness);
    // Warm both caches with "no", then make the user human in the first project only.
    assert.deepEqual(await check(first.testKey, 'same-id'), { isHuman: false, poyId: null });
    assert.deepEqual(await check(second.testKey, 'same-id'), { isHuman: false, poyId: null });
    const human = await sandboxVerified(first.testKey, 'same-id');
    for (let round = 0; round < 3; round++) {
      assert.deepEqual(await check(first.testKey, 'same-id'), { isHuman: true, poyId: human.poyId });
      assert.deepEqual(await check(second.testKey, 'same-id'), { isHuman: false, poyId: null });
    }
    // The same userId in the live mode of the first project is yet another entry.
    assert.deepEqual(await check(first.liveKey, 'same-id'), { isHuman: false, poyId: null });

    // A different human for the second project: each project keeps its own poyId.
    const other = await sandboxVerified(second.testKey, 'same-id');
    assert.notEqual(other.poyId, human.poyId);
    assert.deepEqual(await check(second.testKey, 'same-id'), { isHuman: true, poyId: other.poyId });
    assert.deepEqual(await check(first.testKey, 'same-id'), { isHuman: true, poyId: human.poyId });
  });

  it('answers never carry internal ids (human or link ids)', async () => {
    const tenant = await createTestTenant(harness);
    await sandboxVerified(tenant.testKey, 'opaque');
    const link = await harness.store.findConnectUser({
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'opaque',
    });
    assert.ok(link?.humanId, 'the link has a human');
    for (const reply of [
      await post(tenant.testKey, '/api/poy/verify', { userId: 'opaque' }),
      await get(tenant.testKey, '/api/poy/check?userId=opaque'),
      await get(tenant.testKey, '/api/poy/trust/opaque'),
    ]) {
      assert.equal(reply.statusCode, 200, reply.body);
      assert.ok(!reply.body.includes(link.humanId), reply.body);
      assert.ok(!reply.body.includes(link.id), reply.body);
    }
  });
});
