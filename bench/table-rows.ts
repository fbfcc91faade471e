// Builds the rows from what the runner measured: the HTTP scenarios (against the bare route or
// the ECDSA floor), the webhook drains (against the bare receiver), the SDK's offline verify (its own
// script, run as a child so it measures the package as installed) and rows other modules add.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchRow, notMeasured, perSecond, ratio } from './bench-table.ts';
import { runNodeScript } from './child-processes.ts';
import { median, type ScenarioSummary } from './report.ts';
import type { BenchSettings } from './settings.ts';
import type { WebhookBenchSummary } from './webhooks.ts';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function find(summaries: readonly ScenarioSummary[], name: string): ScenarioSummary | undefined {
  return summaries.find((summary) => summary.name === name);
}

function latency(summary: ScenarioSummary): string {
  const p50 = median(summary.rounds.map((round) => round.latencyP50Milliseconds));
  return `p50 ${integer.format(p50)} ms, p99 ${integer.format(summary.latencyP99Milliseconds)} ms`;
}

export function httpRows(
  summaries: readonly ScenarioSummary[],
  ecdsaSignsPerSecond: number | null,
  failures: ReadonlyMap<string, string> = new Map(),
): BenchRow[] {
  const missing = (name: string, measure: string, goal: string) =>
    notMeasured(measure, goal, failures.get(name) ?? 'PostgreSQL skipped (BENCH_DATABASE_URL=none)');
  const bare = summaries.find((summary) => summary.baseline);
  const bareText = bare
    ? `bare Fastify JSON route ${perSecond(bare.requestsPerSecond, ' req/s')}, p99 ${integer.format(bare.latencyP99Milliseconds)} ms`
    : '';
  const againstBare = (name: string, measure: string, goal: string): BenchRow => {
    const summary = find(summaries, name);
    if (!summary) return missing(name, measure, goal);
    return {
      measure,
      poy: `${perSecond(summary.requestsPerSecond, ' req/s')}, ${latency(summary)}`,
      baseline: bareText,
      ratio: `${summary.ratioToBaseline.toFixed(2)}×`,
      goal,
    };
  };
  const againstSign = (name: string, measure: string, goal: string): BenchRow => {
    const summary = find(summaries, name);
    if (!summary) return missing(name, measure, goal);
    return {
      measure,
      poy: `${perSecond(summary.requestsPerSecond)}, ${latency(summary)}`,
      baseline: ecdsaSignsPerSecond === null ? '' : `raw ECDSA P-256 sign ${perSecond(ecdsaSignsPerSecond)}`,
      ratio: ecdsaSignsPerSecond === null ? '' : ratio(summary.requestsPerSecond, ecdsaSignsPerSecond),
      goal,
    };
  };
  const alone = (name: string, measure: string, goal: string): BenchRow => {
    const summary = find(summaries, name);
    if (!summary) return missing(name, measure, goal);
    return {
      measure,
      poy: `${perSecond(summary.requestsPerSecond)}, ${latency(summary)}`,
      baseline: '',
      ratio: '',
      goal,
    };
  };
  return [
    againstBare(
      'GET /api/poy/check (plan limits)',
      '`GET /api/poy/check`, key with real plan limits',
      '≥ 0.8×',
    ),
    againstBare('GET /api/poy/check (unlimited)', 'same, unlimited key', '≥ 0.85×'),
    againstSign(
      'POST /api/poy/stamps (embedded)',
      '`POST /api/poy/stamps` (persisted), embedded',
      '≥ 2,000/s, p99 ≤ 50 ms',
    ),
    againstSign('POST /api/poy/stamps (PostgreSQL)', 'same, PostgreSQL', '≥ 4,000/s'),
    alone(
      'POST /v1/business_connect_user/register (embedded)',
      'Connect `register` (a write), embedded',
      '≥ 2,000/s',
    ),
    alone('POST /v1/business_connect_user/register (PostgreSQL)', 'Connect `register`, PostgreSQL', ''),
    alone(
      'GET /api/poy/check (first check of a user)',
      'first `check` of a user not in the cache (embedded)',
      '≥ 5,000/s',
    ),
  ];
}

export function webhookRows(summaries: readonly WebhookBenchSummary[]): BenchRow[] {
  const of = (database: 'postgres' | 'pglite', workers: number) =>
    summaries.find((summary) => summary.target.database === database && summary.target.workers === workers);
  const row = (summary: WebhookBenchSummary | undefined, measure: string, goal: string): BenchRow =>
    summary
      ? {
          measure,
          poy: `${perSecond(summary.deliveriesPerSecond)}, attempt p99 ${integer.format(summary.attemptP99Milliseconds)} ms`,
          baseline: `bare receiver ${perSecond(summary.receiverRequestsPerSecond, ' req/s')}`,
          ratio: `${summary.ratioToReceiver.toFixed(3)}×`,
          goal,
        }
      : notMeasured(measure, goal, 'PostgreSQL skipped (BENCH_DATABASE_URL=none)');
  return [
    row(of('postgres', 1), 'webhook deliveries, PostgreSQL, 1 worker', '≥ 2,000/s'),
    row(of('postgres', 2), 'webhook deliveries, PostgreSQL, 2 workers', 'more than 1 worker'),
    row(of('pglite', 1), 'webhook deliveries, embedded', '≥ 1,500/s'),
  ];
}

/**
 * Runs a bench script as a child and builds its row from what it printed; a script that fails or prints
 * something unreadable leaves the row "not measured" with the first line of the reason.
 */
async function rowFromScript(
  repositoryRoot: string,
  script: { path: string; args: readonly string[]; measure: string; goal: string },
  read: (output: string) => Pick<BenchRow, 'poy' | 'baseline' | 'ratio'>,
): Promise<BenchRow> {
  try {
    const output = await runNodeScript(script.path, script.args, {
      cwd: repositoryRoot,
      env: process.env,
      timeoutMilliseconds: 300_000,
    });
    return { measure: script.measure, ...read(output), goal: script.goal };
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return notMeasured(script.measure, script.goal, reason);
  }
}

/** Runs `bench/sdk-verify.ts` (its own interleaving) and reads its summary lines. */
export function sdkRow(repositoryRoot: string, settings: BenchSettings): Promise<BenchRow> {
  const script = {
    path: 'bench/sdk-verify.ts',
    args: settings.quick ? ['--rounds', '4', '--round-ms', '300'] : [],
    measure: 'SDK `verifyStampOffline`',
    goal: '≥ 0.9×',
  };
  return rowFromScript(repositoryRoot, script, (output) => {
    const rate = (label: RegExp) => label.exec(output)?.[1]?.trim() ?? '?';
    return {
      poy: rate(/SDK verifyStampOffline:\s+(\S+)/),
      baseline: `node:crypto verify with a cached key ${rate(/node:crypto verify \(cached KeyObject\):\s+(\S+)/)}`,
      ratio: rate(/ratio \(median of per-round ratios\):\s+(\S+)/),
    };
  });
}

/** The pages row, from bench/page-weight.ts (run as a child: it starts its own app in-process). */
export function pagesRow(repositoryRoot: string): Promise<BenchRow> {
  const script = {
    path: 'bench/page-weight.ts',
    args: [],
    measure: 'pages and assets: the largest first screen of a page, on the wire',
    goal: 'compressed, cached, ≤ 30 kB',
  };
  return rowFromScript(repositoryRoot, script, (output) => {
    // "  /i/{code} on a phone   4   56.0   14.7  yes   1, 5.2": requests, raw kB, wire kB, goal met, repeat.
    const pages = [
      ...output.matchAll(/^ {2}(\/.*?)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(yes|no)\s+(\d+), ([\d.]+)$/gm),
    ];
    const largest = pages.reduce<RegExpMatchArray | undefined>(
      (found, page) => (found === undefined || Number(page[4]) > Number(found[4]) ? page : found),
      undefined,
    );
    if (largest === undefined) throw new Error('bench/page-weight.ts printed no page rows');
    const allMet = pages.every((page) => page[5] === 'yes');
    return {
      poy:
        `${largest[1]}: ${largest[4]} kB (${largest[3]} kB before compression; a repeat visit ${largest[7]} kB); ` +
        `${allMet ? 'every' : 'not every'} one of ${pages.length} pages ≤ 30 kB`,
      baseline: '',
      ratio: '',
    };
  });
}

/**
 * The start, restart and memory rows, from bench/start.ts when it is there and exports
 * `measureStartRows(settings)`; absent, the table says so instead.
 */
export async function startRows(repositoryRoot: string, settings: BenchSettings): Promise<BenchRow[]> {
  const path = join(repositoryRoot, 'bench', 'start.ts');
  if (!existsSync(path))
    return [notMeasured('cold start, restart, resident memory', '', 'bench/start.ts is not there')];
  const module: Record<string, unknown> = await import(path);
  const measure = module.measureStartRows;
  if (typeof measure !== 'function') {
    return [
      notMeasured('cold start, restart, resident memory', '', 'bench/start.ts exports no measureStartRows'),
    ];
  }
  const rows: unknown = await Reflect.apply(measure, module, [settings]);
  return Array.isArray(rows) ? rows.filter(isRow) : [];
}

function isRow(value: unknown): value is BenchRow {
  if (typeof value !== 'object' || value === null) return false;
  return ['measure', 'poy', 'baseline', 'ratio', 'goal'].every(
    (field) => typeof Reflect.get(value, field) === 'string',
  );
}
