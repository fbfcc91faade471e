// When and how long to wait before trying a request again. Pure functions of their inputs (the random
// source is passed in), so the schedule is testable without a clock.

/** The retry settings of a client. */
export interface RetryPolicy {
  /** Retries after the first attempt (so `maxRetries + 1` attempts at most). */
  maxRetries: number;
  /** Gap before the first retry, before jitter. */
  initialDelayMs: number;
  /** Largest gap between attempts, before jitter. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown at once. */
  maxRetryAfterSeconds: number;
}

/** Defaults: 2 retries, 0.5 s doubling up to 8 s, and Retry-After honoured up to 60 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterSeconds: 60,
};

/**
 * Exponential backoff with jitter: the n-th retry (1-based) waits between half and all of
 * `min(maxDelayMs, initialDelayMs * 2^(n-1))`, so many clients failing together spread out.
 */
export function backoffDelayMs(retryNumber: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.max(0, retryNumber - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * unit);
}

/** What the client does after a failed attempt. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/** Why an attempt failed, as far as retrying is concerned. */
export type AttemptFailure =
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'status'; status: number; retryAfterSeconds: number | null };

/**
 * Decides whether to retry after `failure` on attempt `retryNumber - 1`.
 * - 429 is retried for every request: the server refused it without acting.
 * - Network errors, timeouts and 5xx are retried only for idempotent requests (GET, or a POST with an
 *   Idempotency-Key), because a non-idempotent request may have acted before the failure.
 * - A 409 that carries `Retry-After` (an idempotent request still in progress) is retried likewise.
 * - `Retry-After` is honoured exactly; one longer than `maxRetryAfterSeconds` stops retrying.
 */
export function decideRetry(input: {
  failure: AttemptFailure;
  retryNumber: number;
  idempotent: boolean;
  policy: RetryPolicy;
  random: () => number;
}): RetryDecision {
  const { failure, retryNumber, idempotent, policy, random } = input;
  if (retryNumber > policy.maxRetries) return { retry: false };
  let retryAfterSeconds: number | null = null;
  if (failure.kind === 'status') {
    const { status } = failure;
    const retryable =
      status === 429 ||
      (idempotent && status >= 500) ||
      (idempotent && status === 409 && failure.retryAfterSeconds !== null);
    if (!retryable) return { retry: false };
    retryAfterSeconds = failure.retryAfterSeconds;
  } else if (!idempotent) {
    return { retry: false };
  }
  if (retryAfterSeconds !== null) {
    if (retryAfterSeconds > policy.maxRetryAfterSeconds) return { retry: false };
    return { retry: true, delayMs: Math.round(retryAfterSeconds * 1000) };
  }
  return { retry: true, delayMs: backoffDelayMs(retryNumber, policy, random) };
}
