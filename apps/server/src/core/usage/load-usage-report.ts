// One project's usage in one mode over the last days, shaped for the usage page: every day present
// (zeros included), requests and rate-limit refusals by key, verifications by outcome, webhook success
// rate and latency, and the plan's limits beside them (docs/dashboard.md §7). Test and live never mix:
// every query is scoped to the project and the mode.
import type {
  ApiKey,
  KeyMode,
  Plan,
  Project,
  Store,
  UtcDay,
  VerificationDayOutcome,
} from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { type RateLimitWindow, rateLimitWindowsForProject } from '../rate-limit/plan-limits.ts';
import { addUtcDays, listUtcDays, utcDayOf } from './utc-days.ts';

export const USAGE_WINDOW_DAYS = 30;

/** In the order the page shows them. */
export const VERIFICATION_DAY_OUTCOMES: readonly VerificationDayOutcome[] = [
  'verified',
  'failed',
  'duplicate',
  'review',
  'expired',
  'pending',
];

export interface UsageKey {
  id: string;
  name: string;
  displayPrefix: string;
  revoked: boolean;
}

export interface RequestsDay {
  day: UtcDay;
  /** Aligned with `UsageReport.keys`. */
  requestsByKey: number[];
  rateLimitedByKey: number[];
  requests: number;
  rateLimited: number;
}

export interface VerificationsByOutcomeDay {
  day: UtcDay;
  counts: Record<VerificationDayOutcome, number>;
  total: number;
}

export interface WebhooksDay {
  day: UtcDay;
  attempts: number;
  succeeded: number;
  /** Null on a day without attempts. */
  successRate: number | null;
  averageDurationMs: number | null;
  p95DurationMs: number | null;
}

export interface KeyLimitUse {
  key: UsageKey;
  busiestDay: UtcDay | null;
  busiestDayRequests: number;
  requestsToday: number;
}

export interface UsageReport {
  projectId: string;
  mode: KeyMode;
  /** Every day shown, oldest first, today last. */
  days: UtcDay[];
  today: UtcDay;
  plan: Plan;
  /** The rate limiter's windows for this project; each applies to every key on its own. */
  limits: RateLimitWindow[];
  /** Keys with requests or refusals in the period, in the order of the per-key columns. */
  keys: UsageKey[];
  requests: RequestsDay[];
  verifications: VerificationsByOutcomeDay[];
  webhooks: WebhooksDay[];
  keyLimits: KeyLimitUse[];
}

function toUsageKey(apiKey: ApiKey): UsageKey {
  return {
    id: apiKey.id,
    name: apiKey.name,
    displayPrefix: apiKey.displayPrefix,
    revoked: apiKey.revokedAt !== null,
  };
}

function zeroOutcomes(): Record<VerificationDayOutcome, number> {
  return { verified: 0, failed: 0, duplicate: 0, review: 0, expired: 0, pending: 0 };
}

export async function loadUsageReport(
  deps: { store: Store; clock: Clock },
  input: { project: Project; mode: KeyMode; days?: number },
): Promise<UsageReport> {
  const today = utcDayOf(deps.clock.now());
  const until = addUtcDays(today, 1);
  const since = addUtcDays(until, -(input.days ?? USAGE_WINDOW_DAYS));
  const query = { projectId: input.project.id, mode: input.mode, since, until };
  const [apiUsage, verificationDays, attemptDays, apiKeys] = await Promise.all([
    deps.store.listApiUsage(query),
    deps.store.countVerificationsByDay(query),
    deps.store.summarizeWebhookAttemptsByDay(query),
    deps.store.listApiKeysByProject(input.project.id, input.mode),
  ]);
  const days = listUtcDays(since, until);

  const usedKeyIds = new Set(apiUsage.map((row) => row.apiKeyId));
  const keys = apiKeys.filter((apiKey) => usedKeyIds.has(apiKey.id)).map(toUsageKey);
  const column = new Map(keys.map((key, index) => [key.id, index]));
  const requests = new Map<UtcDay, RequestsDay>(
    days.map((day) => [
      day,
      {
        day,
        requestsByKey: keys.map(() => 0),
        rateLimitedByKey: keys.map(() => 0),
        requests: 0,
        rateLimited: 0,
      },
    ]),
  );
  for (const row of apiUsage) {
    const entry = requests.get(row.day);
    const index = column.get(row.apiKeyId);
    if (!entry || index === undefined) continue;
    entry.requestsByKey[index] = row.requests;
    entry.rateLimitedByKey[index] = row.rateLimited;
    entry.requests += row.requests;
    entry.rateLimited += row.rateLimited;
  }

  const verifications = new Map<UtcDay, VerificationsByOutcomeDay>(
    days.map((day) => [day, { day, counts: zeroOutcomes(), total: 0 }]),
  );
  for (const row of verificationDays) {
    const entry = verifications.get(row.day);
    if (!entry) continue;
    entry.counts[row.outcome] += row.count;
    entry.total += row.count;
  }

  const attempts = new Map(attemptDays.map((row) => [row.day, row]));
  const webhooks = days.map((day): WebhooksDay => {
    const row = attempts.get(day);
    if (!row || row.attempts === 0) {
      return {
        day,
        attempts: 0,
        succeeded: 0,
        successRate: null,
        averageDurationMs: null,
        p95DurationMs: null,
      };
    }
    return {
      day,
      attempts: row.attempts,
      succeeded: row.succeeded,
      successRate: row.succeeded / row.attempts,
      averageDurationMs: row.averageDurationMs,
      p95DurationMs: row.p95DurationMs,
    };
  });

  const requestDays = days.map((day) => requests.get(day)).filter((entry) => entry !== undefined);
  const keyLimits = keys.map((key, index): KeyLimitUse => {
    let busiestDay: UtcDay | null = null;
    let busiestDayRequests = 0;
    for (const entry of requestDays) {
      const count = entry.requestsByKey[index] ?? 0;
      if (count > busiestDayRequests) {
        busiestDay = entry.day;
        busiestDayRequests = count;
      }
    }
    return {
      key,
      busiestDay,
      busiestDayRequests,
      requestsToday: requests.get(today)?.requestsByKey[index] ?? 0,
    };
  });

  return {
    projectId: input.project.id,
    mode: input.mode,
    days,
    today,
    plan: input.project.plan,
    limits: [...rateLimitWindowsForProject(input.project)],
    keys,
    requests: requestDays,
    verifications: days.map((day) => verifications.get(day)).filter((entry) => entry !== undefined),
    webhooks,
    keyLimits,
  };
}
