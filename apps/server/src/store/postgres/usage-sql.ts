// Usage per UTC day. Days travel as `YYYY-MM-DD` text both ways (never as a driver's Date, which
// node-postgres would read in the server's local time zone); counts are bigint or numeric in SQL and
// parsed with zod, since node-postgres returns those as strings and PGlite as numbers.
import { sql } from 'kysely';
import { z } from 'zod';
import type { UsageQuery, UsageStore } from '../types/usage.ts';
import type { SqlScope } from './sql-scope.ts';

const count = z.coerce.number().int().nonnegative();
const apiUsageRow = z.object({
  day: z.string(),
  api_key_id: z.string(),
  requests: count,
  rate_limited: count,
});
const verificationsRow = z.object({
  day: z.string(),
  outcome: z.enum(['verified', 'failed', 'duplicate', 'expired', 'review', 'pending']),
  count,
});
const attemptsRow = z.object({
  day: z.string(),
  attempts: count,
  succeeded: count,
  average_duration_ms: z.coerce.number(),
  p95_duration_ms: z.coerce.number(),
});

/** The first instant of a UTC day. */
function startOf(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function rangeOf(query: UsageQuery): { since: Date; until: Date } {
  return { since: startOf(query.since), until: startOf(query.until) };
}

export function createUsageOperations({ db }: SqlScope): UsageStore {
  return {
    async addApiUsage(increments) {
      if (increments.length === 0) return;
      // The key's own project and mode, joined in: a key deleted with its project drops its counts
      // instead of failing the whole batch on the foreign key.
      await sql`
        insert into api_usage_daily (project_id, mode, api_key_id, day, requests, rate_limited)
        select k.project_id, k.mode, k.id, batch.day, batch.requests, batch.rate_limited
        from unnest(
          ${increments.map((each) => each.apiKeyId)}::text[],
          ${increments.map((each) => each.day)}::date[],
          ${increments.map((each) => each.requests)}::bigint[],
          ${increments.map((each) => each.rateLimited)}::bigint[]
        ) as batch (api_key_id, day, requests, rate_limited)
        join api_keys k on k.id = batch.api_key_id
        on conflict (project_id, mode, api_key_id, day) do update set
          requests = api_usage_daily.requests + excluded.requests,
          rate_limited = api_usage_daily.rate_limited + excluded.rate_limited`.execute(db);
    },

    async listApiUsage(query) {
      const result = await sql<unknown>`
        select to_char(day, 'YYYY-MM-DD') as day, api_key_id, requests, rate_limited
        from api_usage_daily
        where project_id = ${query.projectId} and mode = ${query.mode}
          and day >= ${query.since}::date and day < ${query.until}::date
        order by day, api_key_id`.execute(db);
      return result.rows.map((row) => {
        const parsed = apiUsageRow.parse(row);
        return {
          day: parsed.day,
          apiKeyId: parsed.api_key_id,
          requests: parsed.requests,
          rateLimited: parsed.rate_limited,
        };
      });
    },

    async countVerificationsByDay(query) {
      const { since, until } = rangeOf(query);
      const result = await sql<unknown>`
        select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day,
          coalesce(outcome, 'pending') as outcome, count(*) as count
        from verification_sessions
        where project_id = ${query.projectId} and mode = ${query.mode}
          and created_at >= ${since} and created_at < ${until}
        group by 1, 2
        order by 1, 2`.execute(db);
      return result.rows.map((row) => verificationsRow.parse(row));
    },

    async summarizeWebhookAttemptsByDay(query) {
      const { since, until } = rangeOf(query);
      const result = await sql<unknown>`
        select to_char(a.attempted_at at time zone 'UTC', 'YYYY-MM-DD') as day,
          count(*) as attempts,
          count(*) filter (where a.status_code between 200 and 299) as succeeded,
          avg(a.duration_ms)::float8 as average_duration_ms,
          percentile_cont(0.95) within group (order by a.duration_ms) as p95_duration_ms
        from webhook_attempts a
        join webhook_deliveries d on d.id = a.delivery_id
        where d.project_id = ${query.projectId} and d.mode = ${query.mode}
          and a.attempted_at >= ${since} and a.attempted_at < ${until}
        group by 1
        order by 1`.execute(db);
      return result.rows.map((row) => {
        const parsed = attemptsRow.parse(row);
        return {
          day: parsed.day,
          attempts: parsed.attempts,
          succeeded: parsed.succeeded,
          averageDurationMs: parsed.average_duration_ms,
          p95DurationMs: parsed.p95_duration_ms,
        };
      });
    },
  };
}
