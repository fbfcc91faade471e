// The check cache drops an answer when only the human behind it changes (no change to the user link),
// for every project that cached an answer about that human.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, createTestApp, createTestTenant, type TestApp } from './harness.ts';

describe('check cache: human invalidation', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('a trust drop of the human alone turns a cached isHuman:true into false on the next request', async () => {
    const tenant = await createTestTenant(harness);
    const auth = { authorization: `Bearer ${tenant.testKey}` };
    await harness.app.inject({
      method: 'POST',
      url: '/api/poy/sandbox/outcome',
      headers: auth,
      payload: { userId: 'cached', outcome: 'verified' },
    });
    const check = () =>
      harness.app.inject({ method: 'GET', url: '/api/poy/check?userId=cached', headers: auth });
    assert.equal(bodyOf(await check()).isHuman, true);
    assert.equal(bodyOf(await check()).isHuman, true, 'now served from the cache');

    const link = await harness.store.findConnectUser({
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'cached',
    });
    assert.ok(link?.humanId);
    await harness.store.updateHuman(link.humanId, { trustScore: 10, updatedAt: harness.clock.now() });
    assert.equal(bodyOf(await check()).isHuman, false);
    await harness.store.updateHuman(link.humanId, { trustScore: 60, updatedAt: harness.clock.now() });
    assert.equal(bodyOf(await check()).isHuman, true);
  });
});
