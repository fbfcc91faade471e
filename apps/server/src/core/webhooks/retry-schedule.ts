// docs/api.md §7: 16 attempts in all, exponential backoff with jitter, the gap capped at 6 hours. The base
// and cap are configurable so tests can compress time.

export interface RetrySchedule {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0–1: each gap is drawn uniformly from ±jitter around its nominal value. */
  jitter: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  maxAttempts: 16,
  baseDelayMs: 5_000,
  maxDelayMs: 6 * 3_600_000,
  jitter: 0.2,
};

/** The wait after attempt number `attemptNumber` (1-based) failed, or null when it was the last. */
export function delayAfterAttemptMs(
  schedule: RetrySchedule,
  attemptNumber: number,
  random: () => number = Math.random,
): number | null {
  if (attemptNumber >= schedule.maxAttempts) return null;
  const nominal = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** (attemptNumber - 1));
  const jittered = nominal * (1 + schedule.jitter * (2 * random() - 1));
  return Math.max(0, Math.min(schedule.maxDelayMs, Math.round(jittered)));
}
