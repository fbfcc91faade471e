import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createMemoryRateLimitBackend, createRedisRateLimitBackend } from '../src/http/rate-limit-backend.ts';
import {
  bodyOf,
  createTestApp,
  createTestStore,
  createTestTenant,
  type TestApp,
  type TestStore,
} from './harness.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function get(harness: TestApp, key: string) {
  return harness.app.inject({
    method: 'GET',
    url: '/api/poy/project',
    headers: { authorization: `Bearer ${key}` },
  });
}

describe('rate limits by plan (in memory)', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ rateLimitBackend: createMemoryRateLimitBackend() });
  });
  after(async () => {
    await harness.close();
  });

  it('free: 60 per minute per key, then 429 with Retry-After and RateLimit headers', async () => {
    const tenant = await createTestTenant(harness, { plan: 'free' });
    for (let index = 1; index <= 60; index++) {
      const response = await get(harness, tenant.testKey);
      assert.equal(response.statusCode, 200, `request ${index}: ${response.body}`);
      assert.equal(response.headers['ratelimit-limit'], '60');
      assert.equal(response.headers['ratelimit-remaining'], String(60 - index));
    }
    const limited = await get(harness, tenant.testKey);
    assert.equal(limited.statusCode, 429, limited.body);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60,
      `Retry-After ${retryAfter}`,
    );
    assert.equal(limited.headers['ratelimit-remaining'], '0');
    assert.ok(Number(limited.headers['ratelimit-reset']) >= 1);
    const error = Object(bodyOf(limited).error);
    assert.equal(Reflect.get(error, 'code'), 429);
    assert.equal(Reflect.get(error, 'type'), 'rate_limited');

    // Limits are per key: the same project's other key still has its own budget.
    const otherKey = await get(harness, tenant.liveKey);
    assert.equal(otherKey.statusCode, 200, otherKey.body);
  });

  it('pro: 300 per minute', async () => {
    const tenant = await createTestTenant(harness, { plan: 'pro' });
    for (let index = 1; index <= 300; index++) {
      const response = await get(harness, tenant.testKey);
      assert.equal(response.statusCode, 200, `request ${index}: ${response.body}`);
    }
    assert.equal((await get(harness, tenant.testKey)).statusCode, 429);
  });

  it('enterprise: the per-day limit set on the project applies, Retry-After points past the minute', async () => {
    const tenant = await createTestTenant(harness, { plan: 'enterprise', rateLimitPerDay: 3 });
    for (let index = 1; index <= 3; index++)
      assert.equal((await get(harness, tenant.testKey)).statusCode, 200);
    const limited = await get(harness, tenant.testKey);
    assert.equal(limited.statusCode, 429, limited.body);
    assert.ok(Number(limited.headers['retry-after']) > 60, `Retry-After ${limited.headers['retry-after']}`);
    assert.equal(limited.headers['ratelimit-limit'], '3');
  });

  it('enterprise without limits: no RateLimit headers and no 429', async () => {
    const tenant = await createTestTenant(harness, { plan: 'enterprise' });
    for (let index = 1; index <= 100; index++) {
      const response = await get(harness, tenant.testKey);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['ratelimit-limit'], undefined);
    }
  });

  it('an unauthenticated request is refused with 401 before any limit is counted', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/poy/project' });
    assert.equal(response.statusCode, 401);
    assert.equal(response.headers['ratelimit-limit'], undefined);
  });
});

describe('rate limits shared across instances through Redis', () => {
  let testStore: TestStore;
  let redis: Redis;
  before(async () => {
    testStore = await createTestStore();
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    await redis.ping();
  });
  after(async () => {
    await testStore.close();
    redis.disconnect();
  });

  it('two app instances on one Redis draw on one budget', async () => {
    // A unique key prefix isolates this run's counters from other runs on the same Redis.
    const prefix = `poy_rl_test_${randomBytes(6).toString('hex')}`;
    const first = await createTestApp({
      testStore,
      rateLimitBackend: createRedisRateLimitBackend(redis, prefix),
    });
    const second = await createTestApp({
      testStore,
      rateLimitBackend: createRedisRateLimitBackend(redis, prefix),
    });
    try {
      const tenant = await createTestTenant(first, { plan: 'free' });
      for (let index = 0; index < 30; index++) {
        assert.equal((await get(first, tenant.testKey)).statusCode, 200);
        assert.equal((await get(second, tenant.testKey)).statusCode, 200);
      }
      const fromFirst = await get(first, tenant.testKey);
      const fromSecond = await get(second, tenant.testKey);
      assert.equal(fromFirst.statusCode, 429, fromFirst.body);
      assert.equal(fromSecond.statusCode, 429, fromSecond.body);
      assert.ok(Number(fromSecond.headers['retry-after']) >= 1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('in contrast, two instances with in-memory counters each allow the full budget', async () => {
    const first = await createTestApp({ testStore, rateLimitBackend: createMemoryRateLimitBackend() });
    const second = await createTestApp({ testStore, rateLimitBackend: createMemoryRateLimitBackend() });
    try {
      const tenant = await createTestTenant(first, { plan: 'free' });
      for (let index = 0; index < 60; index++) {
        assert.equal((await get(first, tenant.testKey)).statusCode, 200);
        assert.equal((await get(second, tenant.testKey)).statusCode, 200);
      }
    } finally {
      await first.close();
      await second.close();
    }
  });
});
