// Turns the soak test's memory samples into the table, the figures and the verdict, and writes the
// Markdown results file. The verdict is a report, not an assertion: memory "levels off" when the
// least-squares slope of resident memory over the last half of the run is below a small threshold.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';

const MEBIBYTE = 1024 * 1024;

export interface MemorySample {
  /** Requests answered when the sample was taken. */
  requests: number;
  elapsedSeconds: number;
  /** VmRSS of the server process, from /proc/<pid>/status. */
  rssBytes: number;
  /** The resident part of PGlite's WebAssembly memory, from /proc/<pid>/smaps. */
  wasmResidentBytes: number;
  /** From the server's own probe (bench/soak-server.ts); null if it had not written yet. */
  heapUsedBytes: number | null;
  heapTotalBytes: number | null;
  arrayBuffersBytes: number | null;
  /** The WebAssembly memory's size (committed; only touched pages are resident). */
  wasmBytes: number | null;
  /** The JS heap after the server's last forced full collection (at most ten seconds old). */
  heapLiveBytes: number | null;
  note?: string;
}

export interface SoakSummary {
  startedAt: Date;
  requestsPlanned: number;
  requestsSent: number;
  concurrency: number;
  seconds: number;
  /** Requests that got no HTTP answer (connection errors, timeouts). */
  networkErrors: number;
  /** Kind name → status code → count (0 = no answer). */
  statusesByKind: Map<string, Map<number, number>>;
  samples: MemorySample[];
  slopeLimitMebibytesPer10k: number;
  timedOut: boolean;
  label: string;
}

export interface Figures {
  startRssMebibytes: number;
  rssAtMebibytes: Array<{ requests: number; rssMebibytes: number | null }>;
  peakRssMebibytes: number;
  /** Least-squares slopes over the samples of the last half of the run, in MiB per 10,000 requests. */
  rssSlope: number | null;
  wasmResidentSlope: number | null;
  outsideWasmSlope: number | null;
  heapSlope: number | null;
  heapLiveSlope: number | null;
  levelsOff: boolean | null;
}

const mebibytes = (bytes: number): number => bytes / MEBIBYTE;

function slopePer10k(points: ReadonlyArray<{ x: number; y: number }>): number | null {
  if (points.length < 3) return null;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.x - meanX) * (point.y - meanY);
    variance += (point.x - meanX) ** 2;
  }
  return variance === 0 ? null : (covariance / variance) * 10_000;
}

function nearestSample(samples: readonly MemorySample[], requests: number): MemorySample | null {
  // Only load samples (not the idle one at the end) that are within 5% of the asked-for count.
  const candidates = samples.filter(
    (sample) => sample.note === undefined && Math.abs(sample.requests - requests) <= requests * 0.05,
  );
  return candidates.reduce<MemorySample | null>(
    (best, sample) =>
      !best || Math.abs(sample.requests - requests) < Math.abs(best.requests - requests) ? sample : best,
    null,
  );
}

export function computeFigures(summary: SoakSummary): Figures {
  const load = summary.samples.filter((sample) => sample.note === undefined);
  const first = load[0];
  if (!first) throw new Error('The soak test took no memory samples');
  const sent = load.at(-1)?.requests ?? 0;
  const lastHalf = load.filter((sample) => sample.requests >= sent / 2);
  const series = (read: (sample: MemorySample) => number | null) =>
    slopePer10k(
      lastHalf.flatMap((sample) => {
        const value = read(sample);
        return value === null ? [] : [{ x: sample.requests, y: mebibytes(value) }];
      }),
    );
  const rssSlope = series((sample) => sample.rssBytes);
  const checkpoints = [10_000, 25_000, 50_000, summary.requestsPlanned].filter(
    (value, index, all) => all.indexOf(value) === index,
  );
  return {
    startRssMebibytes: mebibytes(first.rssBytes),
    rssAtMebibytes: checkpoints.map((requests) => {
      const sample = nearestSample(load, requests);
      return { requests, rssMebibytes: sample ? mebibytes(sample.rssBytes) : null };
    }),
    peakRssMebibytes: mebibytes(Math.max(...summary.samples.map((sample) => sample.rssBytes))),
    rssSlope,
    wasmResidentSlope: series((sample) => sample.wasmResidentBytes),
    outsideWasmSlope: series((sample) => sample.rssBytes - sample.wasmResidentBytes),
    heapSlope: series((sample) => sample.heapUsedBytes),
    heapLiveSlope: series((sample) => sample.heapLiveBytes),
    levelsOff: rssSlope === null ? null : rssSlope < summary.slopeLimitMebibytesPer10k,
  };
}

const oneDecimal = (value: number | null): string => (value === null ? '–' : value.toFixed(1));
const mib = (bytes: number | null): string => (bytes === null ? '–' : mebibytes(bytes).toFixed(1));

export function formatSampleTable(samples: readonly MemorySample[]): string {
  const header =
    '| requests | seconds | RSS | WASM resident | RSS outside WASM | JS heap used | JS heap live | ' +
    'JS heap total | ArrayBuffers | WASM size | note |';
  const rule = '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|';
  const rows = samples.map(
    (sample) =>
      `| ${sample.requests} | ${sample.elapsedSeconds.toFixed(0)} | ${mib(sample.rssBytes)} | ` +
      `${mib(sample.wasmResidentBytes)} | ${mib(sample.rssBytes - sample.wasmResidentBytes)} | ` +
      `${mib(sample.heapUsedBytes)} | ${mib(sample.heapLiveBytes)} | ${mib(sample.heapTotalBytes)} | ${mib(sample.arrayBuffersBytes)} | ` +
      `${mib(sample.wasmBytes)} | ${sample.note ?? ''} |`,
  );
  return [header, rule, ...rows].join('\n');
}

export function formatFigures(summary: SoakSummary, figures: Figures): string {
  const at = figures.rssAtMebibytes
    .map((point) => `${point.requests.toLocaleString('en-US')}: ${oneDecimal(point.rssMebibytes)} MiB`)
    .join(', ');
  const verdict =
    figures.levelsOff === null
      ? 'not enough samples to judge'
      : figures.levelsOff
        ? `levels off (slope below ${summary.slopeLimitMebibytesPer10k} MiB per 10k requests)`
        : `STILL RISING (slope at or above ${summary.slopeLimitMebibytesPer10k} MiB per 10k requests)`;
  return [
    `- start RSS: ${oneDecimal(figures.startRssMebibytes)} MiB; RSS at ${at}; peak ${oneDecimal(figures.peakRssMebibytes)} MiB`,
    `- slope over the last half, MiB per 10k requests: RSS ${oneDecimal(figures.rssSlope)} ` +
      `(WASM resident ${oneDecimal(figures.wasmResidentSlope)}, outside WASM ${oneDecimal(figures.outsideWasmSlope)}); ` +
      `JS heap used ${oneDecimal(figures.heapSlope)}, JS heap live after GC ${oneDecimal(figures.heapLiveSlope)}`,
    `- verdict: ${verdict}`,
  ].join('\n');
}

function formatStatuses(statusesByKind: ReadonlyMap<string, ReadonlyMap<number, number>>): string {
  const rows = [...statusesByKind].map(([kind, statuses]) => {
    const total = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    const parts = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status === 0 ? 'no answer' : status}×${count}`);
    return `| ${kind} | ${total} | ${parts.join(', ')} |`;
  });
  return ['| kind | requests | statuses |', '|---|---:|---|', ...rows].join('\n');
}

export function formatReport(summary: SoakSummary, figures: Figures): string {
  const serverErrors = [...summary.statusesByKind.values()].reduce(
    (sum, statuses) =>
      sum + [...statuses].filter(([status]) => status >= 500).reduce((total, [, count]) => total + count, 0),
    0,
  );
  return [
    `# Soak test: ${summary.label}`,
    '',
    `${summary.startedAt.toISOString()}; Node ${process.version}; ${cpus().length} CPUs (shared). ` +
      `${summary.requestsSent.toLocaleString('en-US')} of ${summary.requestsPlanned.toLocaleString('en-US')} ` +
      `requests in ${summary.seconds.toFixed(0)} s, ${summary.concurrency} at a time` +
      `${summary.timedOut ? ' (stopped at the time limit)' : ''}; ${summary.networkErrors} without an answer; ` +
      `${serverErrors} answered 5xx. Server: \`poy serve\` on a fresh embedded (PGlite) data dir, memory ` +
      'rate limits, in-process webhook worker.',
    '',
    '## Figures',
    '',
    formatFigures(summary, figures),
    '',
    'Memory in MiB. RSS is VmRSS of the server process; WASM resident is the resident part of ' +
      "PGlite's WebAssembly memory (Postgres: shared buffers, caches, query memory), read from smaps; " +
      'JS heap and ArrayBuffers come from process.memoryUsage() in the server (JS heap live: right after ' +
      'a forced full collection, at most 10 s before the sample); WASM size is the ' +
      'WebAssembly memory committed (it grows, never shrinks; untouched pages are not resident).',
    '',
    '## Samples',
    '',
    formatSampleTable(summary.samples),
    '',
    '## Answers by kind of request',
    '',
    formatStatuses(summary.statusesByKind),
    '',
  ].join('\n');
}

/** Writes `soak-<date>.md`; the directory's .gitignore keeps runs out of git unless added on purpose. */
export async function writeSoakReport(directory: string, text: string, startedAt: Date): Promise<string> {
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, '.gitignore'), '*\n');
  const path = join(directory, `soak-${startedAt.toISOString().slice(0, 10)}.md`);
  await writeFile(path, text);
  return path;
}
