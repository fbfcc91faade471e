// Usage of a project in one mode, per UTC day: API requests by key (counted in memory by each process
// and added here in batches), verifications by outcome and webhook attempts (read from their tables).
import type { KeyMode } from './tenancy.ts';

/** A UTC calendar day, `YYYY-MM-DD`. */
export type UtcDay = string;

/** Counts one process adds for one key and day; project and mode are the key's own. */
export interface ApiUsageIncrement {
  apiKeyId: string;
  day: UtcDay;
  requests: number;
  rateLimited: number;
}

export interface ApiUsageDay {
  day: UtcDay;
  apiKeyId: string;
  requests: number;
  rateLimited: number;
}

/** `pending`: the verification has no outcome yet. */
export type VerificationDayOutcome = 'verified' | 'failed' | 'duplicate' | 'expired' | 'review' | 'pending';

export interface VerificationsDay {
  day: UtcDay;
  outcome: VerificationDayOutcome;
  count: number;
}

export interface WebhookAttemptsDay {
  day: UtcDay;
  attempts: number;
  /** Attempts answered with a 2xx status. */
  succeeded: number;
  averageDurationMs: number;
  /** The 95th percentile of the attempts' durations. */
  p95DurationMs: number;
}

/** One project's usage in one mode, for days from `since` up to (not including) `until`. */
export interface UsageQuery {
  projectId: string;
  mode: KeyMode;
  since: UtcDay;
  until: UtcDay;
}

export interface UsageStore {
  /**
   * Adds the counts in one statement. Counts of a key that no longer exists are dropped (the key's
   * project was deleted since); each (key, day) may appear once.
   */
  addApiUsage(increments: readonly ApiUsageIncrement[]): Promise<void>;
  listApiUsage(query: UsageQuery): Promise<ApiUsageDay[]>;
  /** Verifications created on each day, by their outcome now. */
  countVerificationsByDay(query: UsageQuery): Promise<VerificationsDay[]>;
  /** Webhook delivery attempts made on each day, on this project's and mode's endpoints. */
  summarizeWebhookAttemptsByDay(query: UsageQuery): Promise<WebhookAttemptsDay[]>;
}
