// Sign-in attempts per client address, on the same counters as the API's limits (memory, or Redis
// shared by every replica). Threat: guessing at the ceremony endpoints (or flooding them with
// challenges) from one address. Every ceremony request counts, options and verify alike.
import type { FastifyRequest } from 'fastify';
import type { RateLimitBackend } from '../rate-limit-backend.ts';
import { DashboardRefusal } from './dashboard-refusal.ts';

/** 30 ceremony requests per address in 5 minutes: a sign-in takes two (docs/dashboard.md §1). */
export const SIGN_IN_RATE_LIMIT = { limit: 30, windowSeconds: 300 } as const;

export async function countSignInAttempt(backend: RateLimitBackend, request: FastifyRequest): Promise<void> {
  const outcome = await backend.consume(
    `dashboard-sign-in:${request.ip}`,
    SIGN_IN_RATE_LIMIT.limit,
    SIGN_IN_RATE_LIMIT.windowSeconds,
  );
  if (!outcome.allowed) {
    throw new DashboardRefusal(429, undefined, {
      headers: { 'retry-after': String(outcome.resetInSeconds) },
    });
  }
}
