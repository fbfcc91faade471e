import type { FastifyReply } from 'fastify';
import type { RateLimitWindow } from '../core/rate-limit/plan-limits.ts';
import { ApiError } from './error-registry.ts';
import type { RateLimitBackend, RateLimitOutcome } from './rate-limit-backend.ts';

/**
 * Counts a request against every window, sets the IETF draft `RateLimit-*` headers from the window
 * closest to exhaustion, and throws `rate_limited` with `Retry-After` when any window is exceeded.
 */
export async function enforceRateLimits(
  backend: RateLimitBackend,
  reply: FastifyReply,
  subject: string,
  windows: readonly RateLimitWindow[],
): Promise<void> {
  await enforceRateLimitsOf(backend, reply, [{ subject, windows }]);
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
  if (outcomes.length === 0) return;
  const exceeded = outcomes.filter((outcome) => !outcome.allowed);
  const binding = outcomes.reduce<RateLimitOutcome | undefined>(
    (tightest, outcome) => (!tightest || outcome.remaining < tightest.remaining ? outcome : tightest),
    undefined,
  );
  if (binding) {
    reply.header('RateLimit-Limit', String(binding.limit));
    reply.header('RateLimit-Remaining', String(binding.remaining));
    reply.header('RateLimit-Reset', String(binding.resetInSeconds));
  }
  if (exceeded.length > 0) {
    const retryAfterSeconds = Math.max(...exceeded.map((outcome) => outcome.resetInSeconds));
    throw new ApiError('rate_limited', `Rate limit exceeded; retry in ${retryAfterSeconds} seconds.`, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}
