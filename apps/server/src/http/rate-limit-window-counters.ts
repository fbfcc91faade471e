// Fixed-window request counters held in this process: one number and one deadline per subject and
// window, decided synchronously, so the API's hot path neither awaits nor allocates a promise to
// count a request. A window starts at a subject's first request (not on the clock's minute), so
// `Retry-After` after a burst is the time left in that subject's own window.

/** What a rate-limit decision tells the caller (and, through headers, the client). */
export interface RateLimitOutcome {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetInSeconds: number;
}

/** Milliseconds since the epoch; injected so expiry is testable without waiting. */
export type MillisecondClock = () => number;

export interface WindowCount {
  count: number;
  /** When this window ends; 0 while no window has started. */
  resetAtMs: number;
}

/** Expired entries are dropped at most this often, by whichever request comes along. */
const SWEEP_INTERVAL_MS = 60_000;

export function secondsUntil(resetAtMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((resetAtMs - nowMs) / 1_000));
}

export function outcomeOf(
  allowed: boolean,
  limit: number,
  used: number,
  resetInSeconds: number,
): RateLimitOutcome {
  return { allowed, limit, remaining: Math.max(0, limit - used), resetInSeconds };
}

/**
 * Counts per (window length, subject). The window's length, not its limit, names the counter, so a
 * changed limit keeps the count already spent in the current window.
 */
export class WindowCounters<Entry extends WindowCount = WindowCount> {
  readonly #byWindow = new Map<number, Map<string, Entry>>();
  readonly #create: () => Entry;
  #nextSweepAtMs = 0;

  constructor(create: () => Entry) {
    this.#create = create;
  }

  /** The live entry for a subject, restarted (through `onExpired`) if its window has ended. */
  entry(subject: string, windowSeconds: number, nowMs: number, onExpired: (entry: Entry) => void): Entry {
    if (nowMs >= this.#nextSweepAtMs) this.#sweep(nowMs);
    let subjects = this.#byWindow.get(windowSeconds);
    if (subjects === undefined) {
      subjects = new Map();
      this.#byWindow.set(windowSeconds, subjects);
    }
    let entry = subjects.get(subject);
    if (entry === undefined) {
      entry = this.#create();
      subjects.set(subject, entry);
    } else if (entry.resetAtMs !== 0 && nowMs >= entry.resetAtMs) {
      onExpired(entry);
    }
    return entry;
  }

  /** Every entry, for background work such as pushing counts elsewhere. */
  *entries(): IterableIterator<[subject: string, windowSeconds: number, entry: Entry]> {
    for (const [windowSeconds, subjects] of this.#byWindow) {
      for (const [subject, entry] of subjects) yield [subject, windowSeconds, entry];
    }
  }

  get size(): number {
    let total = 0;
    for (const subjects of this.#byWindow.values()) total += subjects.size;
    return total;
  }

  #sweep(nowMs: number): void {
    this.#nextSweepAtMs = nowMs + SWEEP_INTERVAL_MS;
    for (const subjects of this.#byWindow.values()) {
      for (const [subject, entry] of subjects) {
        if (entry.resetAtMs !== 0 && nowMs >= entry.resetAtMs && isIdle(entry)) subjects.delete(subject);
      }
    }
  }
}

/** Entries with counts still on their way elsewhere say so by a positive `unconfirmed`. */
function isIdle(entry: WindowCount): boolean {
  return !('unconfirmed' in entry) || entry.unconfirmed === 0;
}

/** Exact counting in this process alone: what one server without Redis needs. */
export class LocalWindowCounters {
  readonly #counters = new WindowCounters<WindowCount>(() => ({ count: 0, resetAtMs: 0 }));
  readonly #now: MillisecondClock;

  constructor(now: MillisecondClock) {
    this.#now = now;
  }

  consume(subject: string, limit: number, windowSeconds: number): RateLimitOutcome {
    const nowMs = this.#now();
    const entry = this.#counters.entry(subject, windowSeconds, nowMs, restart);
    if (entry.resetAtMs === 0) entry.resetAtMs = nowMs + windowSeconds * 1_000;
    // Refused requests are not counted: a client hammering past its limit does not push its reset.
    const allowed = entry.count < limit;
    if (allowed) entry.count += 1;
    return outcomeOf(allowed, limit, entry.count, secondsUntil(entry.resetAtMs, nowMs));
  }

  get size(): number {
    return this.#counters.size;
  }
}

function restart(entry: WindowCount): void {
  entry.count = 0;
  entry.resetAtMs = 0;
}
