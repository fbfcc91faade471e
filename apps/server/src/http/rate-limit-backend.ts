// Counters for rate limits: in memory by default, in Redis when configured so that every replica
// draws on one budget. Built on rate-limiter-flexible; one limiter per (window, limit) pair, all
// sharing the window's key space so that a changed limit keeps the count already spent.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitOutcome {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetInSeconds: number;
}

export interface RateLimitBackend {
  readonly kind: 'memory' | 'redis';
  /** Counts one request for `key` in a fixed window of `windowSeconds` allowing `limit`. */
  consume(key: string, limit: number, windowSeconds: number): Promise<RateLimitOutcome>;
}

type Limiter = RateLimiterMemory | RateLimiterRedis;

function toOutcome(result: RateLimiterRes, limit: number, allowed: boolean): RateLimitOutcome {
  return {
    allowed,
    limit,
    remaining: Math.max(0, result.remainingPoints),
    resetInSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
  };
}

function createBackend(
  kind: 'memory' | 'redis',
  makeLimiter: (limit: number, windowSeconds: number) => Limiter,
) {
  const limiters = new Map<string, Limiter>();
  return {
    kind,
    async consume(key: string, limit: number, windowSeconds: number): Promise<RateLimitOutcome> {
      const id = `${windowSeconds}:${limit}`;
      let limiter = limiters.get(id);
      if (!limiter) {
        limiter = makeLimiter(limit, windowSeconds);
        limiters.set(id, limiter);
      }
      try {
        return toOutcome(await limiter.consume(key), limit, true);
      } catch (rejection) {
        // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, an Error otherwise.
        if (rejection instanceof RateLimiterRes) return toOutcome(rejection, limit, false);
        throw rejection;
      }
    },
  } satisfies RateLimitBackend;
}

export function createMemoryRateLimitBackend(keyPrefix = 'poy_rl'): RateLimitBackend {
  return createBackend(
    'memory',
    (limit, windowSeconds) =>
      new RateLimiterMemory({
        points: limit,
        duration: windowSeconds,
        keyPrefix: `${keyPrefix}:${windowSeconds}`,
      }),
  );
}

export function createRedisRateLimitBackend(redis: Redis, keyPrefix = 'poy_rl'): RateLimitBackend {
  return createBackend(
    'redis',
    (limit, windowSeconds) =>
      new RateLimiterRedis({
        storeClient: redis,
        points: limit,
        duration: windowSeconds,
        keyPrefix: `${keyPrefix}:${windowSeconds}`,
        // If Redis is unreachable, count in this process rather than failing every request.
        insuranceLimiter: new RateLimiterMemory({
          points: limit,
          duration: windowSeconds,
          keyPrefix: `${keyPrefix}:insurance:${windowSeconds}`,
        }),
      }),
  );
}
