import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RedisWindowCounters } from './rate-limit-redis-counters.ts';
import { LocalWindowCounters, type RateLimitOutcome } from './rate-limit-window-counters.ts';

function clockAt(startMs: number) {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advanceBy(milliseconds: number) {
      nowMs += milliseconds;
    },
  };
}

/** A Redis window in memory: INCRBY with an expiry set by the first increment, as the script does. */
function fakeRedis(now: () => number) {
  const keys = new Map<string, { total: number; expiresAtMs: number }>();
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    total: (key: string) => keys.get(key)?.total ?? 0,
    increment: async (key: string, amount: number, windowMs: number) => {
      calls += 1;
      let entry = keys.get(key);
      if (!entry || now() >= entry.expiresAtMs) {
        entry = { total: 0, expiresAtMs: now() + windowMs };
        keys.set(key, entry);
      }
      entry.total += amount;
      return { total: entry.total, ttlMs: entry.expiresAtMs - now() };
    },
  };
}

async function settle(outcome: RateLimitOutcome | Promise<RateLimitOutcome>): Promise<RateLimitOutcome> {
  return outcome;
}

describe('in-process window counters', () => {
  it('admit exactly the limit, then refuse until the window ends, then start afresh', () => {
    const clock = clockAt(1_000_000);
    const counters = new LocalWindowCounters(clock.now);
    for (let index = 1; index <= 3; index += 1) {
      const outcome = counters.consume('key:a', 3, 60);
      assert.equal(outcome.allowed, true);
      assert.equal(outcome.remaining, 3 - index);
      assert.equal(outcome.resetInSeconds, 60);
    }
    clock.advanceBy(59_500);
    const refused = counters.consume('key:a', 3, 60);
    assert.equal(refused.allowed, false);
    assert.equal(refused.resetInSeconds, 1);
    clock.advanceBy(500);
    const again = counters.consume('key:a', 3, 60);
    assert.equal(again.allowed, true);
    assert.equal(again.remaining, 2);
    assert.equal(again.resetInSeconds, 60);
  });

  it('keep subjects and window lengths apart, and keep the count when the limit changes', () => {
    const counters = new LocalWindowCounters(clockAt(0).now);
    counters.consume('key:a', 2, 60);
    counters.consume('key:a', 2, 60);
    assert.equal(counters.consume('key:a', 2, 60).allowed, false);
    assert.equal(counters.consume('key:b', 2, 60).allowed, true);
    assert.equal(counters.consume('key:a', 2, 86_400).allowed, true);
    // Raising the limit mid-window leaves what was spent spent.
    assert.equal(counters.consume('key:a', 3, 60).remaining, 0);
  });

  it('forget windows that ended', () => {
    const clock = clockAt(0);
    const counters = new LocalWindowCounters(clock.now);
    for (let index = 0; index < 100; index += 1) counters.consume(`key:${index}`, 5, 60);
    clock.advanceBy(120_000);
    counters.consume('key:late', 5, 60);
    assert.equal(counters.size, 1);
  });
});

describe('counters synchronised through Redis', () => {
  it('count a small limit exactly in Redis, across replicas', async () => {
    const clock = clockAt(0);
    const redis = fakeRedis(clock.now);
    const options = { keyPrefix: 't', now: clock.now, overshootFraction: 0.01, flushIntervalMs: 60_000 };
    const first = new RedisWindowCounters(redis.increment, options);
    const second = new RedisWindowCounters(redis.increment, options);
    try {
      const statuses: boolean[] = [];
      for (let index = 0; index < 35; index += 1) {
        statuses.push((await settle(first.consume('key:a', 60, 60))).allowed);
        statuses.push((await settle(second.consume('key:a', 60, 60))).allowed);
      }
      assert.deepEqual(statuses, [...Array<boolean>(60).fill(true), ...Array<boolean>(10).fill(false)]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('decide a large limit in memory, pushing counts in batches, within the documented overshoot', async () => {
    const clock = clockAt(0);
    const redis = fakeRedis(clock.now);
    const options = { keyPrefix: 't', now: clock.now, overshootFraction: 0.01, flushIntervalMs: 60_000 };
    const replicas = [
      new RedisWindowCounters(redis.increment, options),
      new RedisWindowCounters(redis.increment, options),
    ];
    const limit = 10_000;
    const batch = limit * 0.01;
    try {
      let admitted = 0;
      let synchronous = 0;
      for (let index = 0; index < 2 * limit; index += 1) {
        const replica = replicas[index % 2];
        assert.ok(replica);
        const outcome = replica.consume('key:a', limit, 60);
        if (outcome instanceof Promise) synchronous += 1;
        if ((await settle(outcome)).allowed) admitted += 1;
      }
      await Promise.all(replicas.map((replica) => replica.flushAll()));
      assert.ok(admitted >= limit, `admitted ${admitted}`);
      assert.ok(admitted <= limit + replicas.length * batch, `admitted ${admitted}`);
      // Only each replica's first request and a few at the edge of the limit waited for Redis.
      assert.ok(synchronous <= 10, `${synchronous} requests waited for Redis`);
      assert.ok(redis.calls <= (2 * limit) / (batch / 2) + 10, `${redis.calls} calls to Redis`);
      // Once spent, refusals come from memory.
      const refused = replicas[0]?.consume('key:a', limit, 60);
      assert.ok(refused && !(refused instanceof Promise) && !refused.allowed);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });

  it('push pending counts on the timer, and start a new window when Redis does', async () => {
    const clock = clockAt(0);
    const redis = fakeRedis(clock.now);
    const counters = new RedisWindowCounters(redis.increment, {
      keyPrefix: 't',
      now: clock.now,
      overshootFraction: 0.01,
      flushIntervalMs: 60_000,
    });
    try {
      await settle(counters.consume('key:a', 1_000, 60));
      for (let index = 0; index < 4; index += 1) counters.consume('key:a', 1_000, 60);
      assert.equal(redis.total('t:60:key:a'), 1);
      await counters.flushAll();
      assert.equal(redis.total('t:60:key:a'), 5);
      clock.advanceBy(60_000);
      const fresh = await settle(counters.consume('key:a', 1_000, 60));
      assert.equal(fresh.allowed, true);
      assert.equal(fresh.remaining, 999);
      assert.equal(redis.total('t:60:key:a'), 1);
    } finally {
      await counters.close();
    }
  });

  it('keep counting in memory when Redis fails', async () => {
    const clock = clockAt(0);
    const counters = new RedisWindowCounters(async () => Promise.reject(new Error('down')), {
      keyPrefix: 't',
      now: clock.now,
      overshootFraction: 0.01,
      flushIntervalMs: 60_000,
    });
    try {
      const statuses: boolean[] = [];
      for (let index = 0; index < 4; index += 1)
        statuses.push((await settle(counters.consume('key:a', 3, 60))).allowed);
      assert.deepEqual(statuses, [true, true, true, false]);
    } finally {
      await counters.close();
    }
  });
});
