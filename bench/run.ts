// `npm run bench`: every row of the performance table (bench/results/table.md): POY's request
// throughput as a ratio of a bare Fastify route measured in the same run, the writes (stamps against
// the ECDSA signature they carry, Connect registrations) on the embedded database and on PostgreSQL,
// webhook deliveries against a bare receiver, the SDK's offline verify, and the start rows of
// bench/start.ts when it is there. Absolute numbers on this shared 2-core machine move by up to 3× with other load, so the
// servers are interleaved (bare, poy, bare, poy, …) and each figure is a median over rounds.
//
// Each server runs in its own child process, alone: the other one is stopped, not idle, while one is
// under load, so neither its timers nor its memory compete with the server being measured.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTable } from './bench-table.ts';
import {
  type ChildServerSpec,
  childEnvironment,
  findFreePort,
  type RunningChild,
  startChildServer,
} from './child-processes.ts';
import { measureEcdsaSignsPerSecond } from './ecdsa-sign.ts';
import { InvalidRunError, type Measurement, measureScenario, probeScenario } from './load.ts';
import { createPoyFixture, POY_CLI_SCRIPT } from './poy-fixture.ts';
import { formatTable, median, summarise, writeResults } from './report.ts';
import { listScenarios, type Scenario, type ServerName } from './scenarios.ts';
import { type BenchSettings, loadSettings } from './settings.ts';
import { httpRows, pagesRow, sdkRow, startRows, webhookRows } from './table-rows.ts';
import {
  ALL_WEBHOOK_TARGETS,
  createPostgresDatabase,
  EMBEDDED_WEBHOOK_TARGET,
  formatWebhookSection,
  runWebhookBenchmark,
  webhookBudgetMilliseconds,
  writeWebhookResults,
} from './webhooks.ts';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const resultsDirectory = join(repositoryRoot, 'bench', 'results');

/** Bounds for the parts whose duration does not depend on the settings. */
const SETUP_BUDGET_MILLISECONDS = 1_200_000;
const SERVER_START_BUDGET_MILLISECONDS = 150_000;
const SCENARIO_OVERHEAD_MILLISECONDS = 45_000;
const CLEANUP_BUDGET_MILLISECONDS = 30_000;
const CLI_TIMEOUT_MILLISECONDS = 360_000;
/** The SDK's script and bench/start.ts (several cold starts and restarts). */
const ROWS_ELSEWHERE_BUDGET_MILLISECONDS = 900_000;

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

function serverSpec(
  server: ServerName,
  port: number,
  dataDir: string,
  databaseUrl: string | null,
): ChildServerSpec {
  const common = { cwd: repositoryRoot, port };
  switch (server) {
    case 'bare':
      return {
        ...common,
        name: 'bare Fastify',
        script: 'bench/bare-server.ts',
        args: [],
        env: childEnvironment({ PORT: String(port), HOST: '127.0.0.1' }),
        readyPath: '/bare',
        readyTimeoutMilliseconds: 30_000,
      };
    case 'poy':
      return {
        ...common,
        name: 'POY server',
        script: POY_CLI_SCRIPT,
        args: ['serve'],
        env: poyServerEnvironment(dataDir, { PORT: String(port), HOST: '127.0.0.1' }),
        readyPath: '/healthz',
        // Opening PGlite and running migrations takes seconds, more when the machine is busy.
        readyTimeoutMilliseconds: 300_000,
      };
    case 'poy-postgres':
      if (databaseUrl === null) throw new Error('no PostgreSQL database for the PostgreSQL scenarios');
      return {
        ...common,
        name: 'POY server on PostgreSQL',
        script: POY_CLI_SCRIPT,
        args: ['serve'],
        env: poyServerEnvironment(dataDir, {
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
        }),
        readyPath: '/healthz',
        readyTimeoutMilliseconds: 120_000,
      };
  }
}

/** Set from BENCH_CPU_PROFILE_DIR: the servers (not the CLI calls that make the fixture) write profiles. */
let cpuProfileDir: string | null = null;

function poyEnvironment(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Development mode is what `npm start` runs; it needs no PUBLIC_URL or secret.
  return childEnvironment({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', POY_MODE: 'development', ...extra });
}

function poyServerEnvironment(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = poyEnvironment(dataDir, extra);
  if (cpuProfileDir === null) return env;
  const profiling = `--cpu-prof --cpu-prof-dir=${cpuProfileDir}`;
  return { ...env, NODE_OPTIONS: env.NODE_OPTIONS ? `${env.NODE_OPTIONS} ${profiling}` : profiling };
}

/** Servers in the order their first scenario appears, so the baseline server goes first. */
function serversInOrder(scenarios: readonly Scenario[]): ServerName[] {
  return [...new Set(scenarios.map((scenario) => scenario.server))];
}

function budgetMilliseconds(settings: BenchSettings, scenarioCount: number, serverCount: number): number {
  const perScenario =
    (settings.warmupSeconds + settings.measuredSeconds) * 1_000 + SCENARIO_OVERHEAD_MILLISECONDS;
  const perRound = serverCount * SERVER_START_BUDGET_MILLISECONDS + scenarioCount * perScenario;
  return SETUP_BUDGET_MILLISECONDS + settings.rounds * perRound + CLEANUP_BUDGET_MILLISECONDS;
}

/** Until the database answers promptly: `/readyz` pings it, queued behind any work left over. */
async function waitUntilIdle(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    const answered = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(30_000) }).then(
      (response) => response.text().then(() => true),
      () => false,
    );
    if (answered && performance.now() - started < 50) return;
  }
}

let runningChild: RunningChild | null = null;
let temporaryDirectory: string | null = null;
let dropPostgresDatabase: (() => Promise<void>) | null = null;
let cleanup: Promise<void> | null = null;

/** Stops the server child and removes the temp dir; safe to call more than once. */
function cleanUp(): Promise<void> {
  cleanup ??= (async () => {
    const child = runningChild;
    runningChild = null;
    if (child) {
      await child.stop().catch((error: unknown) => log(`could not stop ${child.name}: ${String(error)}`));
    }
    if (dropPostgresDatabase) {
      await dropPostgresDatabase().catch((error: unknown) =>
        log(`could not drop the database: ${String(error)}`),
      );
    }
    // Only after the child has exited: PGlite holds files (and a lock) in the data dir.
    if (temporaryDirectory) {
      await rm(temporaryDirectory, { recursive: true, force: true, maxRetries: 3 }).catch((error: unknown) =>
        log(`could not remove ${temporaryDirectory}: ${String(error)}`),
      );
    }
  })();
  return cleanup;
}

/** Cleans up within a bounded time, then exits whatever state the rest of the program is in. */
function abort(code: number, reason: string): void {
  log(reason);
  const hardExit = setTimeout(() => process.exit(code), CLEANUP_BUDGET_MILLISECONDS);
  hardExit.unref();
  cleanUp().finally(() => process.exit(code));
}

async function runBenchmark(settings: BenchSettings): Promise<void> {
  cpuProfileDir = settings.cpuProfileDir;
  temporaryDirectory = await mkdtemp(join(tmpdir(), 'poy-bench-'));
  const dataDir = join(temporaryDirectory, 'data');
  log(`data dir ${dataDir}`);

  log('creating an account, projects with and without limits, and test keys with the poy CLI');
  // A first CLI call initialises the database: minutes, not seconds, when the machine is busy.
  const fixture = await createPoyFixture({
    cwd: repositoryRoot,
    env: poyEnvironment(dataDir),
    cliTimeoutMilliseconds: CLI_TIMEOUT_MILLISECONDS,
  });
  let databaseUrl: string | null = null;
  let postgresFixture = null;
  if (settings.postgresUrl !== null) {
    const database = await createPostgresDatabase(settings.postgresUrl);
    dropPostgresDatabase = database.drop;
    databaseUrl = database.url;
    log(`created PostgreSQL database ${database.name}; the same fixture there`);
    postgresFixture = await createPoyFixture({
      cwd: repositoryRoot,
      env: poyEnvironment(dataDir, { DATABASE_URL: databaseUrl }),
      cliTimeoutMilliseconds: CLI_TIMEOUT_MILLISECONDS,
    });
  }
  const only = settings.only;
  const scenarios = listScenarios(fixture, postgresFixture).filter(
    (scenario) => only === null || scenario.baseline === true || scenario.name.includes(only),
  );
  if (scenarios.filter((scenario) => scenario.baseline).length !== 1) {
    throw new Error('Exactly one scenario must be the baseline');
  }
  const servers = serversInOrder(scenarios);

  const deadline =
    budgetMilliseconds(settings, scenarios.length, servers.length) +
    webhookBudgetMilliseconds(settings, ALL_WEBHOOK_TARGETS.length) +
    ROWS_ELSEWHERE_BUDGET_MILLISECONDS;
  setTimeout(
    () => abort(1, `the benchmark exceeded its ${Math.round(deadline / 1_000)} s budget`),
    deadline,
  ).unref();

  const measurements: Array<Map<string, Measurement>> = [];
  const failures = new Map<string, string>();
  const ecdsaSignsPerSecond: number[] = [];
  for (let round = 1; round <= settings.rounds; round += 1) {
    const roundMeasurements = new Map<string, Measurement>();
    // The stamps' floor, in each round beside the servers (alone: no server is running now).
    ecdsaSignsPerSecond.push(measureEcdsaSignsPerSecond(Math.min(settings.measuredSeconds, 3) * 1_000));
    log(`round ${round}: raw ECDSA P-256 sign: ${Math.round(ecdsaSignsPerSecond.at(-1) ?? 0)}/s`);
    for (const server of servers) {
      const spec = serverSpec(server, await findFreePort(), dataDir, databaseUrl);
      log(`round ${round}/${settings.rounds}: starting ${spec.name}`);
      const child = await startChildServer(spec);
      runningChild = child;
      try {
        for (const scenario of scenarios.filter((candidate) => candidate.server === server)) {
          try {
            await probeScenario(child.baseUrl, scenario);
            if (settings.warmupSeconds > 0) {
              await measureScenario(child.baseUrl, scenario, settings, settings.warmupSeconds);
            }
            await waitUntilIdle(child.baseUrl);
            const measured = await measureScenario(
              child.baseUrl,
              scenario,
              settings,
              settings.measuredSeconds,
            );
            roundMeasurements.set(scenario.name, measured);
            log(
              `round ${round}: ${scenario.name}: ${Math.round(measured.requestsPerSecond)} req/s, ` +
                `p99 ${measured.latencyP99Milliseconds} ms (${measured.totalRequests} requests)`,
            );
          } catch (error) {
            // One scenario that cannot be measured (on a machine this busy, a write may not finish
            // within a short run) leaves its row empty rather than the whole table.
            if (!(error instanceof InvalidRunError) || scenario.baseline) throw error;
            failures.set(scenario.name, error.message);
            log(`round ${round}: ${scenario.name}: not measured: ${error.message}`);
          }
          // Requests the load left queued (writes wait for the one PGlite session) finish before the
          // next scenario starts, so they do not slow it down.
          await waitUntilIdle(child.baseUrl);
        }
      } catch (error) {
        // The child's own log usually says why a request failed (a 500's cause is logged there).
        const tail = child.output().trim();
        if (tail) log(`${spec.name} output (tail):\n${tail}`);
        throw error;
      } finally {
        runningChild = null;
        await child.stop();
      }
    }
    measurements.push(roundMeasurements);
  }

  const summaries = summarise(
    scenarios.filter((scenario) => measurements.every((round) => round.has(scenario.name))),
    measurements,
  );
  process.stdout.write(
    `\nPOY benchmark: ${settings.connections} connections, pipelining ${settings.pipelining}, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.measuredSeconds} s measured, ` +
      `median of ${settings.rounds} interleaved rounds\n\n${formatTable(summaries)}\n\n`,
  );
  const resultsPath = await writeResults(resultsDirectory, settings, summaries);
  process.stdout.write(`Results written to ${resultsPath}\n`);

  if (only !== null) return; // BENCH_ONLY: the matching HTTP rows above are the whole run.

  // Webhook deliveries per second, against a bare receiver's ceiling measured in the same run.
  const webhooks = await runWebhookBenchmark(settings, {
    cwd: repositoryRoot,
    log,
    onChild: (child) => {
      runningChild = child;
    },
    targets: settings.postgresUrl === null ? [EMBEDDED_WEBHOOK_TARGET] : ALL_WEBHOOK_TARGETS,
    ...(settings.postgresUrl === null ? {} : { postgresUrl: settings.postgresUrl }),
  });
  for (const summary of webhooks) process.stdout.write(`\n${formatWebhookSection(summary)}\n`);
  const webhookResultsPath = await writeWebhookResults(resultsDirectory, settings, webhooks);
  process.stdout.write(`Results written to ${webhookResultsPath}\n`);

  log('SDK offline verify (bench/sdk-verify.ts)');
  const sdk = await sdkRow(repositoryRoot, settings);
  log('start, restart and memory rows (bench/start.ts)');
  const start = await startRows(repositoryRoot, settings);
  log('pages and assets (bench/page-weight.ts)');
  const pages = await pagesRow(repositoryRoot);
  const table = await writeTable(resultsDirectory, settings, [
    ...httpRows(summaries, median(ecdsaSignsPerSecond), failures),
    sdk,
    ...webhookRows(webhooks),
    ...start,
    pages,
  ]);
  process.stdout.write(`\n${table.markdown}\nTable written to ${table.paths.join(' and ')}\n`);
}

process.on('SIGINT', () => abort(130, 'interrupted'));
process.on('SIGTERM', () => abort(143, 'terminated'));

let exitCode = 0;
try {
  await runBenchmark(loadSettings(process.env));
} catch (error) {
  exitCode = 1;
  log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
await cleanUp();
// Exit explicitly: a stray keep-alive socket or timer must not keep the benchmark alive.
process.exit(exitCode);
