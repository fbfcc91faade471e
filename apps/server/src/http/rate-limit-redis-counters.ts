// Rate-limit counters shared by every replica through Redis, without a Redis round trip per request
// where the limit allows it. Each replica counts in memory and pushes its count to Redis in the
// background (INCRBY on the window's key, which also reports the total of every replica); a request
// is decided locally while this replica's not-yet-confirmed count stays under a small batch.
//
// The bound on overshoot: a replica never holds more than `batch` admitted requests that Redis has
// not confirmed, and admits locally only while the last total it saw plus those stays under the
// limit. So once Redis's total reaches the limit, each replica admits at most `batch` more before a
// reply tells it so: a window admits at most `limit + replicas × batch`. The batch is
// `floor(limit × overshootFraction)` (1 % by default), and a limit small enough that this is 1 is
// counted exactly — every request waits for Redis, as the Free plan's 60 a minute must be.
//
// If Redis is unreachable, each replica keeps counting on its own (as if it were alone), rather than
// failing every request.
import type { Redis } from 'ioredis';
import {
  type MillisecondClock,
  outcomeOf,
  type RateLimitOutcome,
  secondsUntil,
  type WindowCount,
  WindowCounters,
} from './rate-limit-window-counters.ts';

/** Adds to a window's count, starting the window (its expiry) with its first request. */
const INCREMENT_SCRIPT = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {total, ttl}`;

export interface SyncedWindowCount extends WindowCount {
  /** The window's total across replicas, as Redis last reported it (`count` is unused). */
  confirmed: number;
  /** Admitted here and not yet reported back by Redis: waiting to be sent, or on the way. */
  unconfirmed: number;
  /** Of `unconfirmed`, those not yet sent. */
  pending: number;
  flushing: boolean;
}

export interface RedisCountersOptions {
  keyPrefix: string;
  now: MillisecondClock;
  /** Share of the limit each replica may admit ahead of Redis; 0 counts every request in Redis. */
  overshootFraction: number;
  /** How often pending counts are pushed when no batch fills up. */
  flushIntervalMs: number;
}

type Increment = (key: string, amount: number, windowMs: number) => Promise<{ total: number; ttlMs: number }>;

function redisIncrement(redis: Redis): Increment {
  return async (key, amount, windowMs) => {
    const reply: unknown = await redis.eval(INCREMENT_SCRIPT, 1, key, amount, windowMs);
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
      throw new Error('unexpected reply from the rate-limit script');
    }
    return { total: reply[0], ttlMs: reply[1] };
  };
}

export function batchFor(limit: number, overshootFraction: number): number {
  return Math.max(1, Math.floor(limit * overshootFraction));
}

export class RedisWindowCounters {
  readonly #counters = new WindowCounters<SyncedWindowCount>(() => ({
    count: 0,
    resetAtMs: 0,
    confirmed: 0,
    unconfirmed: 0,
    pending: 0,
    flushing: false,
  }));
  readonly #increment: Increment;
  readonly #options: RedisCountersOptions;
  readonly #timer: NodeJS.Timeout;

  constructor(redis: Redis | Increment, options: RedisCountersOptions) {
    this.#increment = typeof redis === 'function' ? redis : redisIncrement(redis);
    this.#options = options;
    this.#timer = setInterval(() => this.flushAll(), options.flushIntervalMs);
    this.#timer.unref();
  }

  consume(
    subject: string,
    limit: number,
    windowSeconds: number,
  ): RateLimitOutcome | Promise<RateLimitOutcome> {
    const nowMs = this.#options.now();
    const entry = this.#counters.entry(subject, windowSeconds, nowMs, restart);
    const batch = batchFor(limit, this.#options.overshootFraction);
    if (entry.resetAtMs !== 0) {
      const used = entry.confirmed + entry.unconfirmed;
      const resetIn = secondsUntil(entry.resetAtMs, nowMs);
      // Redis's total only grows within a window: once it is spent, refusing needs no round trip.
      if (entry.confirmed >= limit) return outcomeOf(false, limit, used, resetIn);
      if (batch > 1 && entry.unconfirmed < batch && used < limit) {
        entry.unconfirmed += 1;
        entry.pending += 1;
        if (entry.pending * 2 >= batch) this.#flush(subject, windowSeconds, entry);
        return outcomeOf(true, limit, used + 1, resetIn);
      }
    }
    return this.#consumeInRedis(subject, limit, windowSeconds, entry);
  }

  /** Counts one request in Redis now (with anything pending) and decides by the total it reports. */
  async #consumeInRedis(
    subject: string,
    limit: number,
    windowSeconds: number,
    entry: SyncedWindowCount,
  ): Promise<RateLimitOutcome> {
    const windowMs = windowSeconds * 1_000;
    const amount = entry.pending + 1;
    entry.pending = 0;
    entry.unconfirmed += 1;
    let total: number;
    try {
      const reply = await this.#increment(this.#key(subject, windowSeconds), amount, windowMs);
      total = this.#confirm(entry, amount, reply.total, reply.ttlMs);
    } catch {
      total = this.#confirmLocally(entry, amount, windowMs);
    }
    const nowMs = this.#options.now();
    return outcomeOf(total <= limit, limit, total, secondsUntil(entry.resetAtMs, nowMs));
  }

  /** Pushes every pending count; called on a timer and by `close`. */
  flushAll(): Promise<void> {
    const flushes: Promise<void>[] = [];
    for (const [subject, windowSeconds, entry] of this.#counters.entries()) {
      if (entry.pending > 0 && !entry.flushing) flushes.push(this.#flush(subject, windowSeconds, entry));
    }
    return Promise.all(flushes).then(() => undefined);
  }

  close(): Promise<void> {
    clearInterval(this.#timer);
    return this.flushAll();
  }

  /** One push at a time per counter: the bound above relies on no second one overtaking it. */
  #flush(subject: string, windowSeconds: number, entry: SyncedWindowCount): Promise<void> {
    if (entry.flushing || entry.pending === 0) return Promise.resolve();
    const amount = entry.pending;
    const windowMs = windowSeconds * 1_000;
    entry.pending = 0;
    entry.flushing = true;
    return this.#increment(this.#key(subject, windowSeconds), amount, windowMs).then(
      (reply) => {
        entry.flushing = false;
        this.#confirm(entry, amount, reply.total, reply.ttlMs);
      },
      () => {
        entry.flushing = false;
        this.#confirmLocally(entry, amount, windowMs);
      },
    );
  }

  #confirm(entry: SyncedWindowCount, amount: number, total: number, ttlMs: number): number {
    entry.unconfirmed = Math.max(0, entry.unconfirmed - amount);
    const resetAtMs = this.#options.now() + ttlMs;
    // Replies may arrive out of order; a later deadline than ours means Redis started a new window.
    if (entry.resetAtMs === 0 || resetAtMs > entry.resetAtMs + 1_000) {
      entry.resetAtMs = resetAtMs;
      entry.confirmed = total;
    } else {
      entry.confirmed = Math.max(entry.confirmed, total);
    }
    return total;
  }

  #confirmLocally(entry: SyncedWindowCount, amount: number, windowMs: number): number {
    entry.unconfirmed = Math.max(0, entry.unconfirmed - amount);
    if (entry.resetAtMs === 0) entry.resetAtMs = this.#options.now() + windowMs;
    entry.confirmed += amount;
    return entry.confirmed;
  }

  #key(subject: string, windowSeconds: number): string {
    return `${this.#options.keyPrefix}:${windowSeconds}:${subject}`;
  }
}

/** A window that has ended starts afresh; counts still unsent belonged to the old one. */
function restart(entry: SyncedWindowCount): void {
  entry.resetAtMs = 0;
  entry.confirmed = 0;
  entry.pending = 0;
  entry.unconfirmed = entry.flushing ? entry.unconfirmed : 0;
}
