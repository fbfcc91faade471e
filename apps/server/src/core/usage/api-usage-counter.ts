// Counts API requests and rate-limit refusals per key in this process, and adds them to the daily
// table (store.addApiUsage) every few seconds and at close. Why in memory: counting sits on the API's
// hottest path (`check` answers from memory), so it must not wait on the database or allocate per
// request; a Map entry per key is made once per flush period and then only incremented.
//
// What is lost: the counts of at most one period if the process dies without closing. A failed write
// is kept and retried with the next one (the statement is atomic, so nothing is counted twice), up to
// a bound beyond which the oldest counts are dropped and reported rather than held without limit.
import type { ApiUsageIncrement, Store, UtcDay } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { msUntilNextUtcDay, utcDayOf } from './utc-days.ts';

export const DEFAULT_USAGE_FLUSH_INTERVAL_MS = 10_000;
/** Rows kept for a retry while the database is unreachable; one row per key and day. */
const MAX_RETAINED_ROWS = 50_000;
/** The shortest wait between flushes, so a clock standing still before midnight cannot spin. */
const MIN_FLUSH_DELAY_MS = 1_000;

interface KeyCounts {
  requests: number;
  rateLimited: number;
}

export interface ApiUsageCounter {
  /** A request of this key that was let through. */
  countRequest(apiKeyId: string): void;
  /** A request of this key the plan's rate limits refused. */
  countRateLimited(apiKeyId: string): void;
  /** Writes what was counted so far (one statement); flushes run one at a time. */
  flush(): Promise<void>;
  /** Flushes on a timer, and at each UTC midnight so every count lands on its own day. */
  start(): void;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
}

export interface ApiUsageCounterOptions {
  store: Pick<Store, 'addApiUsage'>;
  clock: Clock;
  flushIntervalMs?: number;
  onError?: (error: unknown) => void;
}

function rowKey(apiKeyId: string, day: UtcDay): string {
  return `${day} ${apiKeyId}`;
}

export function createApiUsageCounter(options: ApiUsageCounterOptions): ApiUsageCounter {
  const { store, clock } = options;
  const intervalMs = options.flushIntervalMs ?? DEFAULT_USAGE_FLUSH_INTERVAL_MS;
  // The counts since the last flush, all on the day the period started (flushes fall on midnight).
  let counts = new Map<string, KeyCounts>();
  let periodDay = utcDayOf(clock.now());
  // Rows a failed write left behind, by day and key.
  let retained = new Map<string, ApiUsageIncrement>();
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  function countsOf(apiKeyId: string): KeyCounts | undefined {
    return counts.get(apiKeyId);
  }

  function takePeriod(): ApiUsageIncrement[] {
    const period = counts;
    const day = periodDay;
    counts = new Map();
    periodDay = utcDayOf(clock.now());
    const rows = retained;
    retained = new Map();
    for (const [apiKeyId, each] of period) {
      const key = rowKey(apiKeyId, day);
      const earlier = rows.get(key);
      if (earlier) {
        earlier.requests += each.requests;
        earlier.rateLimited += each.rateLimited;
      } else {
        rows.set(key, { apiKeyId, day, requests: each.requests, rateLimited: each.rateLimited });
      }
    }
    return [...rows.values()];
  }

  function retain(rows: readonly ApiUsageIncrement[]): void {
    const kept = rows.slice(0, Math.max(0, MAX_RETAINED_ROWS - retained.size));
    for (const row of kept) retained.set(rowKey(row.apiKeyId, row.day), row);
    if (kept.length < rows.length) {
      options.onError?.(new Error(`API usage: dropped the counts of ${rows.length - kept.length} key-days`));
    }
  }

  async function writePeriod(): Promise<void> {
    const rows = takePeriod();
    if (rows.length === 0) return;
    try {
      await store.addApiUsage(rows);
    } catch (error) {
      retain(rows);
      throw error;
    }
  }

  function flush(): Promise<void> {
    const next = running.then(writePeriod);
    // The chain itself never rejects, so one failure does not poison later flushes.
    running = next.catch(() => {});
    return next;
  }

  function schedule(): void {
    if (closed) return;
    const delay = Math.max(MIN_FLUSH_DELAY_MS, Math.min(intervalMs, msUntilNextUtcDay(clock.now())));
    timer = setTimeout(() => {
      flush()
        .catch((error: unknown) => options.onError?.(error))
        .finally(schedule);
    }, delay);
    timer.unref();
  }

  return {
    countRequest(apiKeyId) {
      const each = countsOf(apiKeyId);
      if (each) each.requests++;
      else counts.set(apiKeyId, { requests: 1, rateLimited: 0 });
    },
    countRateLimited(apiKeyId) {
      const each = countsOf(apiKeyId);
      if (each) each.rateLimited++;
      else counts.set(apiKeyId, { requests: 0, rateLimited: 1 });
    },
    flush,
    start() {
      if (timer === null && !closed) schedule();
    },
    async close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      await flush();
    },
  };
}
