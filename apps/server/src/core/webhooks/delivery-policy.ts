// What the delivery worker decides after each attempt (docs/api.md §7), as pure functions so the rules
// can be read and tested without a receiver or a clock: what a response means, whether and when to try
// again, and what happens to an endpoint that keeps failing (disabled after 5 days, so a dead receiver
// stops costing every project's queue forever, while one bad hour never loses an endpoint).
import type { AttemptOutcome, WebhookEndpoint } from '../../store/store.ts';
import { delayAfterAttemptMs, type RetrySchedule } from './retry-schedule.ts';

/** An endpoint whose every delivery failed for this long is disabled (`disabledReason: 'failing'`). */
export const DISABLE_FAILING_ENDPOINT_AFTER_MS = 5 * 86_400_000;

/** docs/api.md §7: a 2xx answer is success; any other status, or none (timeout, refused), is failure. */
export function isSuccessfulStatus(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}

/** Settled on success; after a failure, retried after the schedule's next gap, or failed for good. */
export function attemptOutcomeOf(input: {
  statusCode: number | null;
  /** 1-based number of the attempt that just ended. */
  attemptNumber: number;
  attemptedAt: Date;
  schedule: RetrySchedule;
  random?: () => number;
}): AttemptOutcome {
  if (isSuccessfulStatus(input.statusCode)) return { kind: 'succeeded' };
  const delayMs = delayAfterAttemptMs(input.schedule, input.attemptNumber, input.random);
  return delayMs === null
    ? { kind: 'failed' }
    : { kind: 'retry', nextAttemptAt: new Date(input.attemptedAt.getTime() + delayMs) };
}

/** After a success: the failure clock must be reset if the endpoint was (or was just marked) failing. */
export function mustClearFailingSince(failingSince: Date | null, markedFailingHere: boolean): boolean {
  return failingSince !== null || markedFailingHere;
}

/**
 * After a failure, decided on the endpoint as it is now (a success or a manual re-enable since the
 * delivery was claimed has reset the clock): nothing for a gone or disabled endpoint; start the clock
 * on the first failure; disable once every delivery has failed for 5 days; otherwise keep waiting.
 */
export function endpointActionAfterFailure(
  endpoint: Pick<WebhookEndpoint, 'enabled' | 'failingSince'> | null,
  now: Date,
): 'none' | 'start_failing' | 'keep_failing' | 'disable' {
  if (!endpoint?.enabled) return 'none';
  if (endpoint.failingSince === null) return 'start_failing';
  return now.getTime() - endpoint.failingSince.getTime() >= DISABLE_FAILING_ENDPOINT_AFTER_MS
    ? 'disable'
    : 'keep_failing';
}
