// What the benchmark measures. To add a scenario, add an entry here: the runner starts the named
// server, warms the route up, measures it in every round, and reports it against the baseline.
import type { PoyFixture } from './poy-fixture.ts';

/** `poy` is the embedded server (PGlite on disk); `poy-postgres` the same server on PostgreSQL. */
export type ServerName = 'bare' | 'poy' | 'poy-postgres';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Replaced in `path` and `body` by a value unique to each request (writes of new rows, cold reads). */
export const UNIQUE_PLACEHOLDER = '{unique}';

export interface Scenario {
  /** Shown in the table and used as the key in the JSON results. */
  name: string;
  server: ServerName;
  method: HttpMethod;
  /** Path and query, e.g. `/api/poy/check?userId=u_1`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The scenario every other one is divided by; exactly one scenario is the baseline. */
  baseline?: boolean;
  /** Requests sent once after the server starts, before the probe (e.g. to make a user verified). */
  setup?: Array<{ method: HttpMethod; path: string; headers?: Record<string, string>; body?: string }>;
}

const CONTENT_HASH = `sha256:${'ab'.repeat(32)}`;

function json(authorization: Record<string, string>) {
  return { ...authorization, 'content-type': 'application/json' };
}

/** The writes and the cold read, for one database (the same routes on PGlite and on PostgreSQL). */
function writeScenarios(server: 'poy' | 'poy-postgres', fixture: PoyFixture, label: string): Scenario[] {
  const authorization = { authorization: `Bearer ${fixture.apiKey}` };
  const verifyCreator = {
    method: 'POST' as const,
    path: '/api/poy/sandbox/outcome',
    headers: json(authorization),
    body: JSON.stringify({ userId: 'bench-creator', outcome: 'verified' }),
  };
  return [
    {
      name: `POST /api/poy/stamps (${label})`,
      server,
      method: 'POST',
      path: '/api/poy/stamps',
      headers: json(authorization),
      body: JSON.stringify({ userId: 'bench-creator', contentHash: CONTENT_HASH, contentType: 'article' }),
      setup: [verifyCreator],
    },
    {
      // Each request registers a new user: the write, not the idempotent answer for a known one.
      name: `POST /v1/business_connect_user/register (${label})`,
      server,
      method: 'POST',
      path: '/v1/business_connect_user/register',
      headers: json(authorization),
      body: `{"reference_user_id":"bench-${UNIQUE_PLACEHOLDER}"}`,
    },
  ];
}

export function listScenarios(fixture: PoyFixture, postgresFixture: PoyFixture | null): Scenario[] {
  const authorization = { authorization: `Bearer ${fixture.apiKey}` };
  const limited = { authorization: `Bearer ${fixture.limitedApiKey}` };
  const verified = (headers: Record<string, string>) => [
    {
      method: 'POST' as const,
      path: '/api/poy/sandbox/outcome',
      headers: json(headers),
      body: JSON.stringify({ userId: 'bench-user', outcome: 'verified' }),
    },
  ];
  return [
    { name: 'GET /bare (baseline)', server: 'bare', method: 'GET', path: '/bare', baseline: true },
    {
      name: 'GET /api/poy/project',
      server: 'poy',
      method: 'GET',
      path: '/api/poy/project',
      headers: authorization,
    },
    {
      // The hot path (docs/api.md §5) as users meet it: a key whose plan has limits, all counted.
      name: 'GET /api/poy/check (plan limits)',
      server: 'poy',
      method: 'GET',
      path: '/api/poy/check?userId=bench-user',
      headers: limited,
      setup: verified(limited),
    },
    {
      // The same with an unlimited key: the limiter is skipped.
      name: 'GET /api/poy/check (unlimited)',
      server: 'poy',
      method: 'GET',
      path: '/api/poy/check?userId=bench-user',
      headers: authorization,
      setup: verified(authorization),
    },
    {
      // A user this process has not seen: every request reads the database.
      name: 'GET /api/poy/check (first check of a user)',
      server: 'poy',
      method: 'GET',
      path: `/api/poy/check?userId=cold-${UNIQUE_PLACEHOLDER}`,
      headers: authorization,
    },
    ...writeScenarios('poy', fixture, 'embedded'),
    ...(postgresFixture ? writeScenarios('poy-postgres', postgresFixture, 'PostgreSQL') : []),
  ];
}
