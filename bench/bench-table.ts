// The table: one row per measure, POY's figure against its baseline measured in the same run,
// and the goal. Written as Markdown (for the README and a reader) and JSON (for a comparison later)
// to bench/results/table.md and table.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchSettings } from './settings.ts';

export interface BenchRow {
  measure: string;
  poy: string;
  baseline: string;
  /** POY over its baseline, e.g. `0.83×`; empty where the row has no baseline. */
  ratio: string;
  goal: string;
}

/**
 * Rows measured elsewhere join the table through a module exporting this (e.g. bench/start.ts with
 * the start, restart and memory rows): the runner imports it when the file exists.
 */
export type MeasureRows = (settings: BenchSettings) => Promise<BenchRow[]>;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function perSecond(value: number, unit = '/s'): string {
  return `${integer.format(value)}${unit}`;
}

export function ratio(ours: number, baseline: number): string {
  if (!(baseline > 0) || !Number.isFinite(ours / baseline)) return '';
  // Small ratios (a write against a signature) keep their leading digits.
  return `${(ours / baseline).toFixed(ours / baseline < 0.1 ? 3 : 2)}×`;
}

export function notMeasured(measure: string, goal: string, reason: string): BenchRow {
  return { measure, poy: `not measured: ${reason}`, baseline: '', ratio: '', goal };
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function formatMarkdown(rows: readonly BenchRow[], heading: string): string {
  const lines = [
    heading,
    '',
    '| measure | POY | baseline, same run | ratio | goal |',
    '|---|---|---|---|---|',
    ...rows.map(
      (row) => `| ${[row.measure, row.poy, row.baseline, row.ratio, row.goal].map(cell).join(' | ')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export function machineDescription(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export async function writeTable(
  directory: string,
  settings: BenchSettings,
  rows: readonly BenchRow[],
): Promise<{ markdown: string; paths: string[] }> {
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, '.gitignore'), '*\n');
  const finishedAt = new Date().toISOString();
  const heading =
    `POY benchmark, ${finishedAt.slice(0, 16).replace('T', ' ')} UTC, ${machineDescription()}; ` +
    `${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.measuredSeconds} s ` +
    `measured, median of ${settings.rounds} interleaved round${settings.rounds === 1 ? '' : 's'}` +
    (settings.quick ? ' (BENCH_QUICK)' : '');
  const markdown = formatMarkdown(rows, heading);
  const markdownPath = join(directory, 'table.md');
  const jsonPath = join(directory, 'table.json');
  await writeFile(markdownPath, markdown);
  await writeFile(
    jsonPath,
    `${JSON.stringify({ finishedAt, machine: machineDescription(), settings, rows }, null, 2)}\n`,
  );
  return { markdown, paths: [markdownPath, jsonPath] };
}
