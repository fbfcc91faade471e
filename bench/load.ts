// Drives one scenario with autocannon and turns the result into the few numbers we report. Any
// non-2xx answer or connection error fails the run: a benchmark of 401s or refused connections
// would look fast and mean nothing.
import autocannon from 'autocannon';
import { type Scenario, UNIQUE_PLACEHOLDER } from './scenarios.ts';
import type { BenchSettings } from './settings.ts';

/** Beyond the requested duration, how long autocannon may take to finish before we stop it. */
const LOAD_OVERRUN_MILLISECONDS = 30_000;
/** Per-request timeout inside autocannon, in seconds. */
const REQUEST_TIMEOUT_SECONDS = 10;

export interface Measurement {
  requestsPerSecond: number;
  latencyP50Milliseconds: number;
  latencyP99Milliseconds: number;
  totalRequests: number;
  durationSeconds: number;
}

export class InvalidRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRunError';
  }
}

/** Sends the scenario's request once and fails with the status and body unless it answers 2xx. */
export async function probeScenario(baseUrl: string, scenario: Scenario): Promise<void> {
  for (const step of scenario.setup ?? []) {
    const setup = await fetch(`${baseUrl}${step.path}`, {
      method: step.method,
      headers: step.headers ?? {},
      ...(step.body === undefined ? {} : { body: step.body }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await setup.text();
    if (setup.status < 200 || setup.status >= 300) {
      throw new InvalidRunError(
        `${scenario.name}: setup ${step.method} ${step.path} answered ${setup.status}: ${text.slice(0, 500)}`,
      );
    }
  }
  const unique = uniqueValues();
  const response = await fetch(`${baseUrl}${withUnique(scenario.path, unique)}`, {
    method: scenario.method,
    headers: scenario.headers ?? {},
    ...(scenario.body === undefined ? {} : { body: withUnique(scenario.body, unique) }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.text();
  if (response.status < 200 || response.status >= 300) {
    throw new InvalidRunError(
      `${scenario.name}: the probe request answered ${response.status}, not 2xx; body: ${body.slice(0, 500)}`,
    );
  }
}

/** Values no earlier request of any run used: a prefix per call, then a counter. */
function uniqueValues(): () => string {
  const prefix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  let sequence = 0;
  return () => {
    sequence += 1;
    return `${prefix}-${sequence}`;
  };
}

function withUnique(text: string, next: () => string): string {
  return text.includes(UNIQUE_PLACEHOLDER) ? text.replaceAll(UNIQUE_PLACEHOLDER, next()) : text;
}

/** For scenarios whose path or body names something new each time, a request built per send. */
function perRequest(scenario: Scenario): Pick<autocannon.Options, 'requests'> {
  const varies =
    scenario.path.includes(UNIQUE_PLACEHOLDER) || (scenario.body?.includes(UNIQUE_PLACEHOLDER) ?? false);
  if (!varies) return {};
  const next = uniqueValues();
  return {
    requests: [
      {
        setupRequest: (request) => {
          const value = next();
          const replace = (text: string) => text.replaceAll(UNIQUE_PLACEHOLDER, value);
          return {
            ...request,
            path: replace(scenario.path),
            ...(scenario.body === undefined ? {} : { body: replace(scenario.body) }),
          };
        },
      },
    ],
  };
}

function runAutocannon(options: autocannon.Options, durationSeconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const guard = setTimeout(
      () => {
        if (settled) return;
        settled = true;
        instance.stop();
        reject(new InvalidRunError(`autocannon did not finish within ${durationSeconds} s + overrun`));
      },
      durationSeconds * 1_000 + LOAD_OVERRUN_MILLISECONDS,
    );
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      clearTimeout(guard);
      if (settled) return;
      settled = true;
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(result);
    });
  });
}

function describeStatusCodes(result: autocannon.Result): string {
  const stats = result.statusCodeStats ?? {};
  return Object.entries(stats)
    .map(([status, { count }]) => `${status}×${count ?? 0}`)
    .join(', ');
}

/** Runs load for `durationSeconds`; throws InvalidRunError unless every response was 2xx. */
export async function measureScenario(
  baseUrl: string,
  scenario: Scenario,
  settings: BenchSettings,
  durationSeconds: number,
): Promise<Measurement> {
  const result = await runAutocannon(
    {
      url: `${baseUrl}${scenario.path}`,
      method: scenario.method,
      headers: scenario.headers ?? {},
      ...(scenario.body === undefined ? {} : { body: scenario.body }),
      ...perRequest(scenario),
      connections: settings.connections,
      pipelining: settings.pipelining,
      duration: durationSeconds,
      timeout: REQUEST_TIMEOUT_SECONDS,
    },
    durationSeconds,
  );
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new InvalidRunError(
      `${scenario.name}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ` +
        `${result.timeouts} timeouts out of ${result.requests.total} (status codes: ${describeStatusCodes(result)})`,
    );
  }
  if (result.requests.total === 0) throw new InvalidRunError(`${scenario.name}: no request completed`);
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Milliseconds: result.latency.p50,
    latencyP99Milliseconds: result.latency.p99,
    totalRequests: result.requests.total,
    durationSeconds: result.duration,
  };
}
