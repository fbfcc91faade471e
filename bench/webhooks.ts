// Webhook delivery throughput: how many deliveries per second the worker drains from the outbox to a
// local receiver, reported against the receiver's own request ceiling measured in the same run
// (autocannon POSTing the same body), since absolute numbers on this shared machine move by up to 3×.
//
// Each target is a database and a number of workers: the embedded default (PGlite on disk, one
// in-process worker) and PostgreSQL with one or two workers (each with its own pool and LISTEN
// connection, as separate worker processes would have). Each round writes DELIVERIES pending
// deliveries per target, starts the workers' own loops and times them until every delivery has been
// attempted, then measures the receiver's ceiling; targets are interleaved within each round.
// Every attempt must have been answered 200, exactly once per delivery, or the run is invalid.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pino } from 'pino';
import { systemClock } from '../apps/server/src/core/clock.ts';
import { createId } from '../apps/server/src/core/ids.ts';
import { deriveServerSecrets } from '../apps/server/src/core/secrets.ts';
import { createAccount } from '../apps/server/src/core/tenancy/create-account.ts';
import { createProject } from '../apps/server/src/core/tenancy/create-project.ts';
import { createPoyEndpoint } from '../apps/server/src/core/webhooks/manage-webhooks.ts';
import { DEFAULT_RETRY_SCHEDULE } from '../apps/server/src/core/webhooks/retry-schedule.ts';
import { createWebhookWorker } from '../apps/server/src/jobs/webhook-worker.ts';
import { openPglite } from '../apps/server/src/store/drivers/open-pglite.ts';
import { openPostgres } from '../apps/server/src/store/drivers/open-postgres.ts';
import { migrate } from '../apps/server/src/store/migrate.ts';
import { createPostgresStore } from '../apps/server/src/store/postgres/postgres-store.ts';
import type { Store } from '../apps/server/src/store/store.ts';
import { childEnvironment, findFreePort, type RunningChild, startChildServer } from './child-processes.ts';
import { InvalidRunError, measureScenario } from './load.ts';
import { median } from './report.ts';
import type { BenchSettings } from './settings.ts';

export const WEBHOOK_DELIVERIES_PER_ROUND = 5_000;
const WARMUP_DELIVERIES = 500;
/** The worker's default claim size (its default in-flight limit is twice that). */
const BATCH_SIZE = 100;
/** Writing the pending deliveries: this many per transaction. */
const INSERT_CHUNK = 1_000;
/** A round that takes longer than this is stuck, not slow. */
const DRAIN_LIMIT_MILLISECONDS = 180_000;
/** The POY_SECRET_KEY the endpoints' signing secrets are sealed with (bench/replicas.ts's workers use it). */
export const WEBHOOK_BENCH_SECRET_KEY = 'webhook-benchmark-secret-key-0123456789abcdef';
const SECRETS = deriveServerSecrets(WEBHOOK_BENCH_SECRET_KEY);
const POLICY = { enforce: false, allowedHosts: new Set<string>() };

export interface WebhookRound {
  deliveries: number;
  drainSeconds: number;
  deliveriesPerSecond: number;
  attemptP50Milliseconds: number;
  attemptP99Milliseconds: number;
  receiverRequestsPerSecond: number;
  ratioToReceiver: number;
}

export interface WebhookBenchSummary {
  target: WebhookTarget;
  deliveriesPerRound: number;
  batchSize: number;
  deliveriesPerSecond: number;
  attemptP99Milliseconds: number;
  receiverRequestsPerSecond: number;
  ratioToReceiver: number;
  rounds: WebhookRound[];
}

/** Upper bound of the whole webhook section, for the runner's overall deadline. */
export function webhookBudgetMilliseconds(settings: BenchSettings, targets = 1): number {
  const perRound = (settings.warmupSeconds + settings.measuredSeconds) * 1_000 + 2 * DRAIN_LIMIT_MILLISECONDS;
  return 90_000 * targets + settings.rounds * targets * perRound;
}

function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
  if (value === undefined) throw new Error('percentile index out of range');
  return value;
}

/** A typical POY event body (docs/api.md §6); the receiver ceiling is measured with the same body. */
export function sampleEvent(index: number): Record<string, unknown> {
  return {
    event: 'user.verified',
    timestamp: new Date().toISOString(),
    data: { userId: `bench-user-${index}`, poyId: 'PoY #00BE7C4', trustScore: 62 },
  };
}

export interface Destination {
  store: Store;
  projectId: string;
  endpointId: string;
}

export async function prepareDestination(store: Store, receiverUrl: string): Promise<Destination> {
  const deps = { store, clock: systemClock };
  const account = await createAccount(deps, { name: 'Webhook benchmark' });
  const project = await createProject(deps, {
    accountId: account.id,
    name: 'Webhook benchmark',
    plan: 'enterprise',
    rateLimitPerMinute: null,
    rateLimitPerDay: null,
  });
  if (!project.ok) throw new Error(`createProject failed: ${project.reason}`);
  const endpoint = await createPoyEndpoint(
    { ...deps, secrets: SECRETS, policy: POLICY },
    { projectId: project.project.id, mode: 'test', url: `${receiverUrl}/hook`, events: [] },
    { actor: { kind: 'system' }, accountId: project.project.accountId },
  );
  if (!endpoint.ok) throw new Error(`createPoyEndpoint failed: ${endpoint.reason}`);
  return { store, projectId: project.project.id, endpointId: endpoint.value.endpoint.id };
}

/** Writes `count` events and their pending deliveries, as the outbox holds them; returns the ids. */
export async function writePendingDeliveries(destination: Destination, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < count; offset += INSERT_CHUNK) {
    const size = Math.min(INSERT_CHUNK, count - offset);
    await destination.store.transaction(async (tx) => {
      const now = systemClock.now();
      const deliveries = [];
      for (let index = 0; index < size; index += 1) {
        const eventId = createId('evt');
        await tx.insertOutboxEvent({
          id: eventId,
          projectId: destination.projectId,
          mode: 'test',
          surface: 'poy',
          eventType: 'user.verified',
          body: sampleEvent(offset + index),
          createdAt: now,
        });
        const id = createId('msg');
        ids.push(id);
        deliveries.push({
          id,
          eventId,
          endpointId: destination.endpointId,
          projectId: destination.projectId,
          mode: 'test' as const,
          status: 'pending' as const,
          nextAttemptAt: now,
          createdAt: now,
        });
      }
      await tx.insertWebhookDeliveries(deliveries);
    });
  }
  return ids;
}

/** Drains every due delivery with the target's workers; checks each was answered 200 exactly once. */
async function drain(
  destination: Destination,
  workerStores: readonly Store[],
  count: number,
): Promise<Omit<WebhookRound, 'receiverRequestsPerSecond' | 'ratioToReceiver'>> {
  const ids = await writePendingDeliveries(destination, count);
  let attempted = 0;
  let reachedCount: (() => void) | null = null;
  const done = new Promise<void>((resolve) => {
    reachedCount = resolve;
  });
  const workers = workerStores.map((store) =>
    createWebhookWorker({
      store,
      clock: systemClock,
      secrets: SECRETS,
      logger: pino({ level: 'silent' }),
      schedule: DEFAULT_RETRY_SCHEDULE,
      policy: POLICY,
      batchSize: BATCH_SIZE,
      // The bench counts recorded attempts in memory, so polling the database does not slow the drain.
      metrics: {
        countWebhookAttempt() {
          attempted += 1;
          if (attempted >= count) reachedCount?.();
        },
      },
    }),
  );
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    for (const worker of workers) worker.start();
    await Promise.race([
      done,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new InvalidRunError(`draining ${count} deliveries took over ${DRAIN_LIMIT_MILLISECONDS} ms`),
            ),
          DRAIN_LIMIT_MILLISECONDS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  const drainSeconds = (performance.now() - started) / 1_000;
  await Promise.all(workers.map((worker) => worker.stop()));
  const attempts = await destination.store.listAttempts(ids);
  const answered = attempts.filter((attempt) => attempt.statusCode === 200).length;
  const attemptedDeliveries = new Set(attempts.map((attempt) => attempt.deliveryId)).size;
  if (attempts.length !== count || answered !== count || attemptedDeliveries !== count) {
    const errors = [...new Set(attempts.map((attempt) => attempt.error ?? String(attempt.statusCode)))];
    throw new InvalidRunError(
      `webhooks: ${attempts.length} attempts for ${count} deliveries (${attemptedDeliveries} distinct), ` +
        `${answered} answered 200 (${errors.slice(0, 3).join('; ')})`,
    );
  }
  const durations = attempts.map((attempt) => attempt.durationMs);
  return {
    deliveries: count,
    drainSeconds,
    deliveriesPerSecond: count / drainSeconds,
    attemptP50Milliseconds: percentile(durations, 0.5),
    attemptP99Milliseconds: percentile(durations, 0.99),
  };
}

export interface WebhookTarget {
  database: 'pglite' | 'postgres';
  workers: number;
}

/** Without PostgreSQL: the embedded default only. */
export const EMBEDDED_WEBHOOK_TARGET: WebhookTarget = { database: 'pglite', workers: 1 };

/** Every row of the table: PostgreSQL with one and two workers, then the embedded default. */
export const ALL_WEBHOOK_TARGETS: readonly WebhookTarget[] = [
  { database: 'postgres', workers: 1 },
  { database: 'postgres', workers: 2 },
  EMBEDDED_WEBHOOK_TARGET,
];

export function describeTarget(target: WebhookTarget): string {
  const database = target.database === 'pglite' ? 'PGlite on disk' : 'PostgreSQL';
  return `${database}, ${target.workers} worker${target.workers === 1 ? '' : 's'}`;
}

interface OpenTarget {
  target: WebhookTarget;
  destination: Destination;
  workerStores: Store[];
  close(): Promise<void>;
}

/** The first store writes and checks the deliveries and runs the first worker; others get their own. */
async function openTarget(
  target: WebhookTarget,
  receiverUrl: string,
  postgresUrl: string,
  log: (line: string) => void,
): Promise<OpenTarget> {
  const stores: Store[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const store of stores) await store.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    if (target.database === 'pglite') {
      if (target.workers !== 1) throw new Error('PGlite is embedded: one worker only');
      // On disk in a temp dir, like the embedded server's data dir.
      const dataDir = await mkdtemp(join(tmpdir(), 'poy-bench-webhooks-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true, maxRetries: 3 }));
      log(`webhooks: opening PGlite in ${dataDir} and migrating it`);
      const handle = await openPglite({ dataDir });
      await migrate(handle);
      stores.push(await createPostgresStore(handle));
    } else {
      const database = await createPostgresDatabase(postgresUrl);
      cleanups.push(database.drop);
      log(`webhooks: created PostgreSQL database ${database.name} for ${target.workers} worker(s)`);
      for (let index = 0; index < target.workers; index += 1) {
        const handle = await openPostgres({ connectionString: database.url });
        if (index === 0) await migrate(handle);
        stores.push(await createPostgresStore(handle));
      }
    }
    const first = stores[0];
    if (!first) throw new Error('no store opened');
    return { target, destination: await prepareDestination(first, receiverUrl), workerStores: stores, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function createPostgresDatabase(
  adminUrl: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `poy_bench_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export async function runWebhookBenchmark(
  settings: BenchSettings,
  options: {
    cwd: string;
    log: (line: string) => void;
    onChild: (child: RunningChild | null) => void;
    targets?: readonly WebhookTarget[];
    /** An existing database the bench may create and drop throwaway databases on. */
    postgresUrl?: string;
  },
): Promise<WebhookBenchSummary[]> {
  const { log } = options;
  const targets = options.targets ?? [EMBEDDED_WEBHOOK_TARGET];
  const postgresUrl = options.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const opened: OpenTarget[] = [];
  let receiver: RunningChild | null = null;
  try {
    const port = await findFreePort();
    receiver = await startChildServer({
      name: 'webhook receiver',
      script: 'bench/webhook-receiver.ts',
      args: [],
      cwd: options.cwd,
      env: childEnvironment({ PORT: String(port), HOST: '127.0.0.1' }),
      port,
      readyPath: '/ready',
      readyTimeoutMilliseconds: 30_000,
    });
    options.onChild(receiver);
    for (const target of targets) opened.push(await openTarget(target, receiver.baseUrl, postgresUrl, log));
    const ceilingScenario = {
      name: 'POST to the bare receiver',
      server: 'bare' as const,
      method: 'POST' as const,
      path: '/hook',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleEvent(0)),
    };
    if (settings.warmupSeconds > 0) {
      for (const target of opened) await drain(target.destination, target.workerStores, WARMUP_DELIVERIES);
      await measureScenario(receiver.baseUrl, ceilingScenario, settings, settings.warmupSeconds);
    }
    const rounds = new Map<OpenTarget, WebhookRound[]>(opened.map((target) => [target, []]));
    for (let round = 1; round <= settings.rounds; round += 1) {
      // Interleaved: each target's drain is followed by the receiver's ceiling measured right after it.
      for (const target of opened) {
        const drained = await drain(target.destination, target.workerStores, WEBHOOK_DELIVERIES_PER_ROUND);
        const ceiling = await measureScenario(
          receiver.baseUrl,
          ceilingScenario,
          settings,
          settings.measuredSeconds,
        );
        const measured: WebhookRound = {
          ...drained,
          receiverRequestsPerSecond: ceiling.requestsPerSecond,
          ratioToReceiver: drained.deliveriesPerSecond / ceiling.requestsPerSecond,
        };
        rounds.get(target)?.push(measured);
        log(
          `webhooks round ${round} (${describeTarget(target.target)}): ` +
            `${Math.round(measured.deliveriesPerSecond)} deliveries/s ` +
            `(attempt p99 ${measured.attemptP99Milliseconds} ms), receiver ceiling ` +
            `${Math.round(measured.receiverRequestsPerSecond)} req/s`,
        );
      }
    }
    return opened.map((target) => {
      const measured = rounds.get(target) ?? [];
      return {
        target: target.target,
        deliveriesPerRound: WEBHOOK_DELIVERIES_PER_ROUND,
        batchSize: BATCH_SIZE,
        deliveriesPerSecond: median(measured.map((round) => round.deliveriesPerSecond)),
        attemptP99Milliseconds: median(measured.map((round) => round.attemptP99Milliseconds)),
        receiverRequestsPerSecond: median(measured.map((round) => round.receiverRequestsPerSecond)),
        ratioToReceiver: median(measured.map((round) => round.ratioToReceiver)),
        rounds: measured,
      };
    });
  } finally {
    options.onChild(null);
    await receiver?.stop();
    for (const target of opened) await target.close();
  }
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatWebhookSection(summary: WebhookBenchSummary): string {
  const perRound = summary.rounds
    .map(
      (round) =>
        `${integer.format(round.deliveriesPerSecond)}/s vs ${integer.format(round.receiverRequestsPerSecond)} req/s ` +
        `(${round.ratioToReceiver.toFixed(3)}×)`,
    )
    .join(', ');
  return [
    `Webhook delivery: ${describeTarget(summary.target)} (in-process), batches of ${summary.batchSize}, ` +
      `${integer.format(summary.deliveriesPerRound)} pending deliveries per round, median of ${summary.rounds.length}`,
    '',
    `  deliveries/s (median)            ${integer.format(summary.deliveriesPerSecond)}`,
    `  attempt latency p99              ${integer.format(summary.attemptP99Milliseconds)} ms`,
    `  receiver ceiling (bare POST)     ${integer.format(summary.receiverRequestsPerSecond)} req/s`,
    `  vs receiver ceiling              ${summary.ratioToReceiver.toFixed(3)}×`,
    `  per round                        ${perRound}`,
  ].join('\n');
}

export async function writeWebhookResults(
  directory: string,
  settings: BenchSettings,
  summaries: readonly WebhookBenchSummary[],
): Promise<string> {
  await mkdir(directory, { recursive: true });
  const path = join(directory, 'webhooks.json');
  const document = {
    finishedAt: new Date().toISOString(),
    node: process.version,
    settings,
    note: 'Compare ratioToReceiver across runs: deliveries/s over the bare receiver ceiling of the same run.',
    targets: summaries,
  };
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}
