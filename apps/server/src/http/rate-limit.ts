import type { FastifyReply } from 'fastify';
import type { RateLimitWindow } from '../core/rate-limit/plan-limits.ts';
import { ApiError } from './error-registry.ts';
import type { RateLimitBackend, RateLimitOutcome } from './rate-limit-backend.ts';

/**
 * Counts a request against every window, sets the IETF draft `RateLimit-*` headers from the window
 * closest to exhaustion, and throws `rate_limited` with `Retry-After` when any window is exceeded.
 * Returns a promise only when a counter had to ask Redis: the usual API call decides in memory.
 */
export function enforceRateLimits(
  backend: RateLimitBackend,
  reply: FastifyReply,
  subject: string,
  windows: readonly RateLimitWindow[],
): void | Promise<void> {
  if (windows.length === 0) return;
  const decided: RateLimitOutcome[] = [];
  const asked: Promise<RateLimitOutcome>[] = [];
  for (const window of windows) {
    const outcome = backend.consume(subject, window.limit, window.windowSeconds);
    if (outcome instanceof Promise) asked.push(outcome);
    else decided.push(outcome);
  }
  if (asked.length > 0)
    return Promise.all(asked).then((answers) => applyOutcomes(reply, decided.concat(answers)));
  applyOutcomes(reply, decided);
}

/** The same for several subjects at once (e.g. an invite and a client IP): one set of headers for all. */
export async function enforceRateLimitsOf(
  backend: RateLimitBackend,
  reply: FastifyReply,
  counters: ReadonlyArray<{ subject: string; windows: readonly RateLimitWindow[] }>,
): Promise<void> {
  const outcomes = await Promise.all(
    counters.flatMap(({ subject, windows }) =>
      windows.map((window) => backend.consume(subject, window.limit, window.windowSeconds)),
    ),
  );
  applyOutcomes(reply, outcomes);
}

function applyOutcomes(reply: FastifyReply, outcomes: readonly RateLimitOutcome[]): void {
  let binding: RateLimitOutcome | undefined;
  let retryAfterSeconds = 0;
  for (const outcome of outcomes) {
    if (!binding || outcome.remaining < binding.remaining) binding = outcome;
    if (!outcome.allowed) retryAfterSeconds = Math.max(retryAfterSeconds, outcome.resetInSeconds);
  }
  if (!binding) return;
  reply.header('RateLimit-Limit', String(binding.limit));
  reply.header('RateLimit-Remaining', String(binding.remaining));
  reply.header('RateLimit-Reset', String(binding.resetInSeconds));
  if (retryAfterSeconds > 0) {
    throw new ApiError('rate_limited', `Rate limit exceeded; retry in ${retryAfterSeconds} seconds.`, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}
