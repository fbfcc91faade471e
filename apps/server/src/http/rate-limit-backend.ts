// Counters for rate limits: in memory by default, synchronised through Redis when configured so that
// every replica draws on one budget (rate-limit-redis-counters.ts states how closely). Both decide
// most requests synchronously, without a promise, because the check on every API call passes here.
import type { Redis } from 'ioredis';
import { RedisWindowCounters } from './rate-limit-redis-counters.ts';
import {
  LocalWindowCounters,
  type MillisecondClock,
  type RateLimitOutcome,
} from './rate-limit-window-counters.ts';

export type { RateLimitOutcome } from './rate-limit-window-counters.ts';

export interface RateLimitBackend {
  readonly kind: 'memory' | 'redis';
  /**
   * Counts one request for `key` in a fixed window of `windowSeconds` allowing `limit`. Answers
   * directly when it can decide in memory, with a promise when it has to ask Redis.
   */
  consume(key: string, limit: number, windowSeconds: number): RateLimitOutcome | Promise<RateLimitOutcome>;
  /** Pushes counts not yet sent and stops background work. */
  close(): Promise<void>;
}

export interface RateLimitBackendOptions {
  now?: MillisecondClock;
}

export function createMemoryRateLimitBackend(options: RateLimitBackendOptions = {}): RateLimitBackend {
  const counters = new LocalWindowCounters(options.now ?? Date.now);
  return {
    kind: 'memory',
    consume: (key, limit, windowSeconds) => counters.consume(key, limit, windowSeconds),
    close: async () => {},
  };
}

export interface RedisRateLimitBackendOptions extends RateLimitBackendOptions {
  keyPrefix?: string;
  /** Share of a limit each replica may admit ahead of Redis (see the bound in the counters). */
  overshootFraction?: number;
  flushIntervalMs?: number;
}

export function createRedisRateLimitBackend(
  redis: Redis,
  options: RedisRateLimitBackendOptions | string = {},
): RateLimitBackend {
  const settings = typeof options === 'string' ? { keyPrefix: options } : options;
  const counters = new RedisWindowCounters(redis, {
    keyPrefix: settings.keyPrefix ?? 'poy_rl',
    now: settings.now ?? Date.now,
    overshootFraction: settings.overshootFraction ?? 0.01,
    flushIntervalMs: settings.flushIntervalMs ?? 100,
  });
  return {
    kind: 'redis',
    consume: (key, limit, windowSeconds) => counters.consume(key, limit, windowSeconds),
    close: () => counters.close(),
  };
}
