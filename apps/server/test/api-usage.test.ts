// API usage per key and day: counted in memory on the request path, written in batches (docs/dashboard.md
// §7). Requests go through the real app; the counts are read back from the real store.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../src/core/clock.ts';
import { createApiUsageCounter } from '../src/core/usage/api-usage-counter.ts';
import { createTestApp, createTestStore, createTestTenant, type TestApp, type TestStore } from './harness.ts';

const MIDNIGHT_SOON = new Date('2031-03-04T23:59:58.000Z');

describe('API usage counting', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ clock: new ManualClock(MIDNIGHT_SOON), faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  const check = (key: string) =>
    harness.app.inject({
      method: 'GET',
      url: '/api/poy/check?userId=someone',
      headers: { authorization: `Bearer ${key}` },
    });

  it('counts requests and rate-limit refusals per key, on both surfaces, each on its UTC day', async () => {
    const tenant = await createTestTenant(harness, { plan: 'enterprise', rateLimitPerMinute: 3 });
    for (let index = 0; index < 5; index++) await check(tenant.testKey);
    await check(tenant.liveKey);
    // Connect counts too.
    const connect = await harness.app.inject({
      method: 'POST',
      url: '/v1/business_connect_user/get_status',
      headers: { 'api-key': tenant.liveKey, 'content-type': 'application/json' },
      payload: JSON.stringify({ reference_user_id: 'nobody' }),
    });
    assert.notEqual(connect.statusCode, 401, connect.body);
    // A bad key counts for nobody.
    await check('poy_test_00000000000000000000000000000000');
    await harness.app.services.usage.flush();

    // The flush the counter's timer makes at midnight starts the new day.
    harness.clock.advanceBy(5_000);
    await harness.app.services.usage.flush();
    await check(tenant.liveKey);
    await harness.app.services.usage.flush();

    const usage = (mode: 'live' | 'test') =>
      harness.store.listApiUsage({
        projectId: tenant.project.id,
        mode,
        since: '2031-03-01',
        until: '2031-03-10',
      });
    assert.deepEqual(await usage('test'), [
      { day: '2031-03-04', apiKeyId: tenant.testKeyId, requests: 3, rateLimited: 2 },
    ]);
    assert.deepEqual(await usage('live'), [
      { day: '2031-03-04', apiKeyId: tenant.liveKeyId, requests: 2, rateLimited: 0 },
      { day: '2031-03-05', apiKeyId: tenant.liveKeyId, requests: 1, rateLimited: 0 },
    ]);
  });
});

describe('API usage counter', () => {
  let testStore: TestStore;
  before(async () => {
    testStore = await createTestStore();
  });
  after(async () => {
    await testStore.close();
  });

  it('keeps counts a failed write left and adds them with the next, without counting twice', async () => {
    const clock = new ManualClock(new Date('2031-05-01T10:00:00.000Z'));
    const tenant = await createTestTenant({ store: testStore.store, clock });
    let failNext = true;
    const errors: unknown[] = [];
    const counter = createApiUsageCounter({
      clock,
      // The real store, with one write failing as a lost connection would.
      store: {
        addApiUsage: (rows) => {
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('connection lost'));
          }
          return testStore.store.addApiUsage(rows);
        },
      },
      onError: (error) => errors.push(error),
    });
    counter.countRequest(tenant.testKeyId);
    counter.countRateLimited(tenant.testKeyId);
    await assert.rejects(counter.flush(), /connection lost/);
    counter.countRequest(tenant.testKeyId);
    clock.advanceBy(86_400_000);
    await counter.flush();
    counter.countRequest(tenant.testKeyId);
    await counter.close();
    assert.deepEqual(
      await testStore.store.listApiUsage({
        projectId: tenant.project.id,
        mode: 'test',
        since: '2031-05-01',
        until: '2031-05-03',
      }),
      [
        { day: '2031-05-01', apiKeyId: tenant.testKeyId, requests: 2, rateLimited: 1 },
        { day: '2031-05-02', apiKeyId: tenant.testKeyId, requests: 1, rateLimited: 0 },
      ],
    );
    assert.deepEqual(errors, []);
  });
});
