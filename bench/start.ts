// Start-up and footprint of the compiled server (`npm start`), each measured against the bare Fastify
// baseline (bare-server.ts) in the same run, interleaved round by round:
// - cold start: a fresh data directory and an empty compile cache (a first start after install),
//   from spawning the process to the first 200 from /healthz;
// - restart: the same data directory and compile cache again;
// - idle resident memory after a few requests, with the WebAssembly (PGlite) part named apart.
// The baseline runs as plain JavaScript too (Node strips bare-server.ts's types), not under tsx.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment, findFreePort } from './child-processes.ts';
import { readResidentBytes, readWasmResidentBytes } from './proc-memory.ts';
import { median } from './report.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const COMPILED_SERVER = join(REPO_ROOT, 'apps/server/dist/poy.js');
const BARE_SERVER = join(REPO_ROOT, 'bench/bare-server.ts');
const READY_TIMEOUT_MILLISECONDS = 120_000;
const POLL_MILLISECONDS = 10;
/**
 * After start, V8 compiles PGlite's WebAssembly module on background threads for 20–30 s (longer on a
 * loaded machine), holding up to ~450 MB meanwhile; idle memory is read once resident memory has held
 * within 5 % for five seconds, and the peak seen until then is reported beside it.
 */
const STABLE_SAMPLES = 5;
const SETTLE_LIMIT_MILLISECONDS = 120_000;
const MEBIBYTE = 1024 * 1024;

export interface StartSettings {
  /** Rounds of (POY, baseline) pairs; medians are reported. */
  rounds: number;
}

/** One row of the bench table: figures already formatted with their units. */
export interface StartRow {
  measure: string;
  poy: string;
  baseline: string;
  /** POY ÷ baseline, e.g. "2.1×". */
  ratio: string;
  goal: string;
  goalMet: boolean;
}

interface Started {
  child: ChildProcess;
  port: number;
  firstOkMilliseconds: number;
  output(): string;
}

function getStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, timeout: 2_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function startAndTime(
  script: string,
  readyPath: string,
  env: Record<string, string>,
): Promise<Started> {
  const port = await findFreePort();
  const started = performance.now();
  const child = spawn(process.execPath, [script, 'serve'], {
    cwd: REPO_ROOT,
    env: childEnvironment({ ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8_192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = started + READY_TIMEOUT_MILLISECONDS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}):\n${output}`);
    if ((await getStatus(port, readyPath)) === 200) {
      return { child, port, firstOkMilliseconds: performance.now() - started, output: () => output };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MILLISECONDS));
  }
  child.kill('SIGKILL');
  throw new Error(
    `${script} gave no 200 on ${readyPath} within ${READY_TIMEOUT_MILLISECONDS} ms:\n${output}`,
  );
}

async function stop(started: Started): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  const exited = once(started.child, 'exit');
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * A few requests of the kinds a server gets first, then waits for resident memory to settle (see
 * STABLE_SAMPLES); returns the settled and the peak figures.
 */
async function settle(
  started: Started,
  paths: readonly string[],
): Promise<{ idleBytes: number; peakBytes: number }> {
  for (let i = 0; i < 5; i++) for (const path of paths) await getStatus(started.port, path);
  const pid = started.child.pid ?? -1;
  const deadline = performance.now() + SETTLE_LIMIT_MILLISECONDS;
  const samples: number[] = [];
  let peakBytes = 0;
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const bytes = readResidentBytes(pid);
    peakBytes = Math.max(peakBytes, bytes);
    samples.push(bytes);
    const recent = samples.slice(-STABLE_SAMPLES);
    if (recent.length === STABLE_SAMPLES && Math.max(...recent) <= Math.min(...recent) * 1.05) break;
  }
  return { idleBytes: samples.at(-1) ?? readResidentBytes(pid), peakBytes };
}

interface RoundFigures {
  poyColdMs: number;
  poyRestartMs: number;
  poyIdleBytes: number;
  poyPeakBytes: number;
  poyWasmBytes: number;
  bareColdMs: number;
  bareRestartMs: number;
  bareIdleBytes: number;
}

async function measureRound(): Promise<RoundFigures> {
  const work = mkdtempSync(join(tmpdir(), 'poy-bench-start-'));
  try {
    const poyEnv = { DATA_DIR: join(work, 'data'), NODE_COMPILE_CACHE: join(work, 'compile-cache') };
    const bareEnv = {};
    const poyCold = await startAndTime(COMPILED_SERVER, '/healthz', poyEnv);
    await stop(poyCold);
    const bareCold = await startAndTime(BARE_SERVER, '/bare', bareEnv);
    await stop(bareCold);
    const poyRestart = await startAndTime(COMPILED_SERVER, '/healthz', poyEnv);
    const bareRestart = await startAndTime(BARE_SERVER, '/bare', bareEnv);
    try {
      const poy = await settle(poyRestart, ['/healthz', '/readyz', '/']);
      const bare = await settle(bareRestart, ['/bare']);
      return {
        poyColdMs: poyCold.firstOkMilliseconds,
        poyRestartMs: poyRestart.firstOkMilliseconds,
        poyIdleBytes: poy.idleBytes,
        poyPeakBytes: poy.peakBytes,
        poyWasmBytes: readWasmResidentBytes(poyRestart.child.pid ?? -1),
        bareColdMs: bareCold.firstOkMilliseconds,
        bareRestartMs: bareRestart.firstOkMilliseconds,
        bareIdleBytes: bare.idleBytes,
      };
    } finally {
      await stop(poyRestart);
      await stop(bareRestart);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const seconds = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(2)} s`;
const mebibytes = (bytes: number): string => `${Math.round(bytes / MEBIBYTE)} MB`;

/**
 * Measures start-up and idle memory of the compiled server against the bare baseline; the server
 * must be built (`npm run build`). Rows: cold start, restart, idle resident memory.
 */
export async function measureStartRows(settings: StartSettings): Promise<StartRow[]> {
  if (!existsSync(COMPILED_SERVER)) {
    throw new Error(`${COMPILED_SERVER} is missing: run \`npm run build\` first (npm install runs it).`);
  }
  const rounds: RoundFigures[] = [];
  for (let round = 0; round < settings.rounds; round++) rounds.push(await measureRound());
  const of = (pick: (figures: RoundFigures) => number): number => median(rounds.map(pick));
  const row = (
    measure: string,
    poy: number,
    baseline: number,
    format: (value: number) => string,
    goal: number,
  ): StartRow => ({
    measure,
    poy: format(poy),
    baseline: format(baseline),
    ratio: `${(poy / baseline).toFixed(1)}×`,
    goal: `≤ ${format(goal)}`,
    goalMet: poy <= goal,
  });
  const wasm = of((figures) => figures.poyWasmBytes);
  const peak = of((figures) => figures.poyPeakBytes);
  return [
    row(
      'cold start, fresh data directory → first 200',
      of((f) => f.poyColdMs),
      of((f) => f.bareColdMs),
      seconds,
      2_000,
    ),
    row(
      'restart on an existing data directory → first 200',
      of((f) => f.poyRestartMs),
      of((f) => f.bareRestartMs),
      seconds,
      1_500,
    ),
    row(
      `resident memory, idle, embedded (PGlite's WebAssembly heap ${mebibytes(wasm)}; peak after start ${mebibytes(peak)})`,
      of((f) => f.poyIdleBytes),
      of((f) => f.bareIdleBytes),
      mebibytes,
      250 * MEBIBYTE,
    ),
  ];
}
