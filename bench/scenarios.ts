// What the benchmark measures. To add a scenario, add an entry here: the runner starts the named
// server, warms the route up, measures it in every round, and reports it against the baseline.
import type { PoyFixture } from './poy-fixture.ts';

export type ServerName = 'bare' | 'poy';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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

export function listScenarios(fixture: PoyFixture): Scenario[] {
  const authorization = { authorization: `Bearer ${fixture.apiKey}` };
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
      // The hot path (docs/api.md §5): a verified user, answered from memory.
      name: 'GET /api/poy/check',
      server: 'poy',
      method: 'GET',
      path: '/api/poy/check?userId=bench-user',
      headers: authorization,
      setup: [
        {
          method: 'POST',
          path: '/api/poy/sandbox/outcome',
          headers: { ...authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 'bench-user', outcome: 'verified' }),
        },
      ],
    },
  ];
}
