// `npm run bench:soak`: does the server's memory level off under a long mixed load? Starts the real
// server (`poy serve`, through bench/soak-server.ts for its memory probe) in a child process on a fresh
// embedded data dir, sends SOAK_REQUESTS mixed valid and bad requests (bench/soak-requests.ts) to
// 127.0.0.1 only, samples the server's resident memory every SOAK_SAMPLE_EVERY requests, and writes the
// table and a verdict to bench/results/soak-<date>.md. Not part of CI: it takes minutes, and its
// verdict is reported, not asserted. Bounded in requests and in time (SOAK_TIME_LIMIT_SECONDS).
//
// SOAK_HEAP_SNAPSHOTS=10000,50000 with SOAK_HEAP_SNAPSHOT_DIR=/some/dir writes a heap snapshot of the
// server after those request counts, for comparing in DevTools.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { childEnvironment, findFreePort, type RunningChild, startChildServer } from './child-processes.ts';
import { createPoyFixture } from './poy-fixture.ts';
import { readResidentBytes, readWasmResidentBytes } from './proc-memory.ts';
import {
  computeFigures,
  formatFigures,
  formatReport,
  formatSampleTable,
  type MemorySample,
  writeSoakReport,
} from './soak-report.ts';
import { createSoakMix, type SoakRequest, type SoakTenant } from './soak-requests.ts';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const resultsDirectory = join(repositoryRoot, 'bench', 'results');

const REQUEST_TIMEOUT_MILLISECONDS = 30_000;
/** Creating the tenant opens PGlite three times, and the server once more; on a busy shared machine
 * each can take minutes. */
const SETUP_BUDGET_MILLISECONDS = 1_200_000;
const CLI_TIMEOUT_MILLISECONDS = 600_000;
const CLEANUP_BUDGET_MILLISECONDS = 30_000;
/** After the load, the server idles this long before the last sample (timers, GC, worker catch-up). */
const IDLE_SAMPLE_DELAY_MILLISECONDS = 5_000;

const count = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(min).max(max).default(fallback),
  );

const settingsSchema = z.object({
  SOAK_REQUESTS: count(50_000, 1_000, 1_000_000),
  SOAK_CONCURRENCY: count(8, 1, 64),
  SOAK_SAMPLE_EVERY: count(1_000, 100, 100_000),
  SOAK_TIME_LIMIT_SECONDS: count(1_800, 30, 7_200),
  /** Threshold for the verdict, in MiB per 10,000 requests. */
  SOAK_SLOPE_LIMIT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().positive().default(2),
  ),
  SOAK_LOG_LEVEL: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
  SOAK_LABEL: z.string().default('mixed valid and bad requests, both surfaces'),
  SOAK_HEAP_SNAPSHOTS: z.string().default(''),
  SOAK_HEAP_SNAPSHOT_DIR: z.string().default(''),
});

function log(line: string): void {
  process.stderr.write(`[soak] ${line}\n`);
}

const probeSchema = z.object({
  heapUsedBytes: z.number(),
  heapTotalBytes: z.number(),
  arrayBuffersBytes: z.number(),
  wasmBytes: z.number(),
  heapLiveBytes: z.number().nullable(),
});

function readProbe(memoryFile: string): z.infer<typeof probeSchema> | null {
  try {
    const parsed = probeSchema.safeParse(JSON.parse(readFileSync(memoryFile, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    // Not written yet, or caught mid-write: this sample goes without the breakdown.
    return null;
  }
}

function startReceiver(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end('ok'));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/soak-hook` });
    });
  });
}

/** Sends one request; resolves to its status (0 when there was no answer) and its JSON body if any. */
async function send(baseUrl: string, request: SoakRequest): Promise<{ status: number; body: unknown }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MILLISECONDS);
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: controller.signal,
    });
    if (request.stream && response.ok && response.body) {
      // One event, then hang up as a closed tab does: the server must release the subscription.
      const reader = response.body.getReader();
      await reader.read();
      controller.abort();
      return { status: response.status, body: null };
    }
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
    let body: unknown = null;
    if (response.ok && isJson && text) body = JSON.parse(text);
    return { status: response.status, body };
  } catch {
    return { status: 0, body: null };
  } finally {
    clearTimeout(timer);
  }
}

let child: RunningChild | null = null;
let receiver: Server | null = null;
let temporaryDirectory: string | null = null;
let cleanup: Promise<void> | null = null;

/** The server's last output, for a failure message (a function: `child` is set inside runSoak). */
function serverOutput(): string {
  return child?.output().trim() ?? '';
}

function cleanUp(): Promise<void> {
  cleanup ??= (async () => {
    await child?.stop().catch((error: unknown) => log(`could not stop the server: ${String(error)}`));
    child = null;
    receiver?.closeAllConnections();
    receiver?.close();
    if (temporaryDirectory) await rm(temporaryDirectory, { recursive: true, force: true, maxRetries: 3 });
  })();
  return cleanup;
}

function abort(code: number, reason: string): void {
  log(reason);
  setTimeout(() => process.exit(code), CLEANUP_BUDGET_MILLISECONDS).unref();
  cleanUp().finally(() => process.exit(code));
}

async function runSoak(settings: z.infer<typeof settingsSchema>): Promise<void> {
  const startedAt = new Date();
  setTimeout(
    () => abort(1, 'the soak test exceeded its overall budget'),
    SETUP_BUDGET_MILLISECONDS + settings.SOAK_TIME_LIMIT_SECONDS * 1_000 + 2 * CLEANUP_BUDGET_MILLISECONDS,
  ).unref();

  temporaryDirectory = await mkdtemp(join(tmpdir(), 'poy-soak-'));
  const dataDir = join(temporaryDirectory, 'data');
  const memoryFile = join(temporaryDirectory, 'memory.json');
  const baseEnv = { DATA_DIR: dataDir, POY_MODE: 'development', LOG_LEVEL: 'warn' };
  log(`data dir ${dataDir}; creating the tenants with the poy CLI`);
  const fixture = await createPoyFixture({
    cwd: repositoryRoot,
    env: childEnvironment(baseEnv),
    cliTimeoutMilliseconds: CLI_TIMEOUT_MILLISECONDS,
  });
  const started = await startReceiver();
  receiver = started.server;

  const port = await findFreePort();
  const snapshotEnv: Record<string, string> = settings.SOAK_HEAP_SNAPSHOT_DIR
    ? { SOAK_HEAP_SNAPSHOT_DIR: settings.SOAK_HEAP_SNAPSHOT_DIR }
    : {};
  child = await startChildServer({
    name: 'POY server',
    script: 'bench/soak-server.ts',
    args: ['serve'],
    cwd: repositoryRoot,
    env: childEnvironment({
      ...baseEnv,
      LOG_LEVEL: settings.SOAK_LOG_LEVEL,
      PORT: String(port),
      HOST: '127.0.0.1',
      SOAK_MEMORY_FILE: memoryFile,
      ...snapshotEnv,
    }),
    port,
    readyPath: '/healthz',
    readyTimeoutMilliseconds: CLI_TIMEOUT_MILLISECONDS,
  });
  const server = child;
  if (server.pid <= 0) throw new Error('The server child has no process id');
  log(`server pid ${server.pid} at ${server.baseUrl}`);

  const tenant: SoakTenant = {
    apiKey: fixture.apiKey,
    publicId: fixture.projectPublicId,
    receiverUrl: started.url,
  };
  const mix = createSoakMix(tenant);
  const statusesByKind = new Map<string, Map<number, number>>(
    mix.kindNames().map((name) => [name, new Map()]),
  );
  const snapshotAt = new Set(settings.SOAK_HEAP_SNAPSHOTS.split(',').filter(Boolean).map(Number));
  const samples: MemorySample[] = [];
  const loadStart = Date.now();
  const sample = (requests: number, note?: string): void => {
    const probe = readProbe(memoryFile);
    samples.push({
      requests,
      elapsedSeconds: (Date.now() - loadStart) / 1_000,
      rssBytes: readResidentBytes(server.pid),
      wasmResidentBytes: readWasmResidentBytes(server.pid),
      heapUsedBytes: probe?.heapUsedBytes ?? null,
      heapTotalBytes: probe?.heapTotalBytes ?? null,
      arrayBuffersBytes: probe?.arrayBuffersBytes ?? null,
      wasmBytes: probe?.wasmBytes ?? null,
      heapLiveBytes: probe?.heapLiveBytes ?? null,
      ...(note ? { note } : {}),
    });
  };
  // The probe writes every 500 ms; give it one round before the first sample.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  sample(0);

  const deadline = loadStart + settings.SOAK_TIME_LIMIT_SECONDS * 1_000;
  let issued = 0;
  let answered = 0;
  let networkErrors = 0;
  const worker = async (): Promise<void> => {
    while (issued < settings.SOAK_REQUESTS && Date.now() < deadline) {
      const index = issued++;
      const { kind, request, learn } = mix.next(index);
      const { status, body } = await send(server.baseUrl, request);
      if (status === 0) networkErrors += 1;
      if (status >= 200 && status < 300 && body !== null) learn(body);
      const statuses = statusesByKind.get(kind);
      statuses?.set(status, (statuses.get(status) ?? 0) + 1);
      answered += 1;
      if (answered % settings.SOAK_SAMPLE_EVERY === 0) {
        sample(answered);
        const last = samples.at(-1);
        if (last && answered % (settings.SOAK_SAMPLE_EVERY * 5) === 0) {
          log(
            `${answered} requests, ${last.elapsedSeconds.toFixed(0)} s, RSS ${(last.rssBytes / 1_048_576).toFixed(1)} MiB`,
          );
        }
      }
      if (snapshotAt.has(answered)) {
        process.kill(server.pid, 'SIGUSR2');
        log(`asked for a heap snapshot at ${answered} requests`);
      }
    }
  };
  await Promise.all(Array.from({ length: settings.SOAK_CONCURRENCY }, () => worker()));
  const seconds = (Date.now() - loadStart) / 1_000;
  if (answered % settings.SOAK_SAMPLE_EVERY !== 0) sample(answered);
  await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_DELAY_MILLISECONDS));
  sample(answered, `after ${IDLE_SAMPLE_DELAY_MILLISECONDS / 1_000} s idle`);

  const summary = {
    startedAt,
    requestsPlanned: settings.SOAK_REQUESTS,
    requestsSent: answered,
    concurrency: settings.SOAK_CONCURRENCY,
    seconds,
    networkErrors,
    statusesByKind,
    samples,
    slopeLimitMebibytesPer10k: settings.SOAK_SLOPE_LIMIT,
    timedOut: answered < settings.SOAK_REQUESTS,
    label: settings.SOAK_LABEL,
  };
  const figures = computeFigures(summary);
  process.stdout.write(`\n${formatSampleTable(samples)}\n\n${formatFigures(summary, figures)}\n\n`);
  const path = await writeSoakReport(resultsDirectory, formatReport(summary, figures), startedAt);
  process.stdout.write(`Results written to ${path}\n`);
  if (networkErrors > answered / 100)
    throw new Error(`${networkErrors} requests got no answer: the run is not valid`);
}

process.on('SIGINT', () => abort(130, 'interrupted'));
process.on('SIGTERM', () => abort(143, 'terminated'));

let exitCode = 0;
try {
  const parsed = settingsSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid soak settings: ${parsed.error.message}`);
  await runSoak(parsed.data);
} catch (error) {
  exitCode = 1;
  log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const tail = serverOutput();
  if (tail) log(`server output (tail):\n${tail}`);
}
await cleanUp();
process.exit(exitCode);
