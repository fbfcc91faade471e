// Turns the per-round measurements into medians and ratios, prints the table and writes the JSON.
// Ratios are computed per round (each scenario against the baseline measured minutes apart in the
// same round) and then the median is taken, so slow drift of the machine's load cancels out.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Measurement } from './load.ts';
import type { Scenario } from './scenarios.ts';
import type { BenchSettings } from './settings.ts';

export interface ScenarioSummary {
  name: string;
  method: string;
  path: string;
  baseline: boolean;
  requestsPerSecond: number;
  latencyP99Milliseconds: number;
  ratioToBaseline: number;
  rounds: Array<Measurement & { ratioToBaseline: number }>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle];
  const lower = sorted[sorted.length % 2 === 0 ? middle - 1 : middle];
  if (upper === undefined || lower === undefined) throw new Error('median index out of range');
  return (lower + upper) / 2;
}

/** `measurements[round]` maps scenario name to that round's measurement. */
export function summarise(
  scenarios: readonly Scenario[],
  measurements: ReadonlyArray<ReadonlyMap<string, Measurement>>,
): ScenarioSummary[] {
  const baseline = scenarios.find((scenario) => scenario.baseline);
  if (!baseline) throw new Error('No baseline scenario');
  return scenarios.map((scenario) => {
    const rounds = measurements.map((round, index) => {
      const own = round.get(scenario.name);
      const base = round.get(baseline.name);
      if (!own || !base) throw new Error(`Round ${index + 1} is missing ${scenario.name} or the baseline`);
      return { ...own, ratioToBaseline: own.requestsPerSecond / base.requestsPerSecond };
    });
    return {
      name: scenario.name,
      method: scenario.method,
      path: scenario.path,
      baseline: scenario.baseline === true,
      requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
      latencyP99Milliseconds: median(rounds.map((round) => round.latencyP99Milliseconds)),
      ratioToBaseline: median(rounds.map((round) => round.ratioToBaseline)),
      rounds,
    };
  });
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatTable(summaries: readonly ScenarioSummary[]): string {
  const rows = summaries.map((summary) => [
    summary.name,
    `${integer.format(summary.requestsPerSecond)} req/s`,
    `p99 ${integer.format(summary.latencyP99Milliseconds)} ms`,
    `${summary.ratioToBaseline.toFixed(2)}× bare`,
    `${summary.rounds.map((round) => `${integer.format(round.requestsPerSecond)} (${round.ratioToBaseline.toFixed(2)}×)`).join(', ')}`,
  ]);
  const header = ['scenario', 'requests/s (median)', 'p99 latency', 'vs bare', 'per round'];
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  // Numbers are right-aligned so they line up; names and the per-round column are left-aligned.
  const rightAligned = new Set([1, 2, 3]);
  return all
    .map((row) =>
      row
        .map((cell, column) => {
          const width = widths[column] ?? 0;
          return rightAligned.has(column) ? cell.padStart(width) : cell.padEnd(width);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export async function writeResults(
  directory: string,
  settings: BenchSettings,
  summaries: readonly ScenarioSummary[],
): Promise<string> {
  await mkdir(directory, { recursive: true });
  // Results are machine-specific output, not source: keep them out of git without touching the
  // repository's own .gitignore.
  await writeFile(join(directory, '.gitignore'), '*\n');
  const path = join(directory, 'latest.json');
  const document = {
    finishedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    settings,
    note: 'Compare ratioToBaseline across runs, not absolute requests/s: the machine is shared and noisy.',
    scenarios: summaries,
  };
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}
