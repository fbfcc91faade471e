// Webhook delivery throughput: how many deliveries per second one worker (the in-process worker of the
// embedded default: PGlite, batches of 50) drains from the outbox to a local receiver, reported against
// the receiver's own request ceiling measured in the same run (autocannon POSTing the same body), since
// absolute numbers on this shared machine move by up to 3×.
//
// Each round writes DELIVERIES pending deliveries, then times `runOnce()` rounds until none is due.
// Every attempt must have been answered 200, or the run is invalid.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
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
import { migrate } from '../apps/server/src/store/migrate.ts';
import { createPostgresStore } from '../apps/server/src/store/postgres/postgres-store.ts';
import type { Store } from '../apps/server/src/store/store.ts';
import { childEnvironment, findFreePort, type RunningChild, startChildServer } from './child-processes.ts';
import { InvalidRunError, measureScenario } from './load.ts';
import { median } from './report.ts';
import type { BenchSettings } from './settings.ts';

export const WEBHOOK_DELIVERIES_PER_ROUND = 5_000;
const WARMUP_DELIVERIES = 500;
const BATCH_SIZE = 50;
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
  deliveriesPerRound: number;
  batchSize: number;
  deliveriesPerSecond: number;
  attemptP99Milliseconds: number;
  receiverRequestsPerSecond: number;
  ratioToReceiver: number;
  rounds: WebhookRound[];
}

/** Upper bound of the whole webhook section, for the runner's overall deadline. */
export function webhookBudgetMilliseconds(settings: BenchSettings): number {
  const perRound = (settings.warmupSeconds + settings.measuredSeconds) * 1_000 + 2 * DRAIN_LIMIT_MILLISECONDS;
  return 90_000 + settings.rounds * perRound;
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

/** Drains every due delivery with one worker; checks that each was answered 200 exactly once. */
async function drain(
  destination: Destination,
  count: number,
): Promise<Omit<WebhookRound, 'receiverRequestsPerSecond' | 'ratioToReceiver'>> {
  const ids = await writePendingDeliveries(destination, count);
  const worker = createWebhookWorker({
    store: destination.store,
    clock: systemClock,
    secrets: SECRETS,
    logger: pino({ level: 'silent' }),
    schedule: DEFAULT_RETRY_SCHEDULE,
    policy: POLICY,
    batchSize: BATCH_SIZE,
  });
  const started = performance.now();
  try {
    for (;;) {
      if ((await worker.runOnce()) === 0) break;
      if (performance.now() - started > DRAIN_LIMIT_MILLISECONDS) {
        throw new InvalidRunError(`draining ${count} deliveries took over ${DRAIN_LIMIT_MILLISECONDS} ms`);
      }
    }
  } finally {
    await worker.stop();
  }
  const drainSeconds = (performance.now() - started) / 1_000;
  const attempts = await destination.store.listAttempts(ids);
  const answered = attempts.filter((attempt) => attempt.statusCode === 200).length;
  if (attempts.length !== count || answered !== count) {
    const errors = [...new Set(attempts.map((attempt) => attempt.error ?? String(attempt.statusCode)))];
    throw new InvalidRunError(
      `webhooks: ${attempts.length} attempts for ${count} deliveries, ${answered} answered 200 (${errors.slice(0, 3).join('; ')})`,
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

export async function runWebhookBenchmark(
  settings: BenchSettings,
  options: { cwd: string; log: (line: string) => void; onChild: (child: RunningChild | null) => void },
): Promise<WebhookBenchSummary> {
  const { log } = options;
  // On disk in a temp dir, like the embedded server's data dir.
  const dataDir = await mkdtemp(join(tmpdir(), 'poy-bench-webhooks-'));
  let store: Store | null = null;
  let receiver: RunningChild | null = null;
  try {
    log(`webhooks: opening PGlite in ${dataDir} and migrating it`);
    const handle = await openPglite({ dataDir });
    await migrate(handle);
    store = await createPostgresStore(handle);
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
    const destination = await prepareDestination(store, receiver.baseUrl);
    const ceilingScenario = {
      name: 'POST to the bare receiver',
      server: 'bare' as const,
      method: 'POST' as const,
      path: '/hook',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleEvent(0)),
    };
    if (settings.warmupSeconds > 0) {
      await drain(destination, WARMUP_DELIVERIES);
      await measureScenario(receiver.baseUrl, ceilingScenario, settings, settings.warmupSeconds);
    }
    const rounds: WebhookRound[] = [];
    for (let round = 1; round <= settings.rounds; round += 1) {
      const drained = await drain(destination, WEBHOOK_DELIVERIES_PER_ROUND);
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
      rounds.push(measured);
      log(
        `webhooks round ${round}: ${Math.round(measured.deliveriesPerSecond)} deliveries/s ` +
          `(attempt p99 ${measured.attemptP99Milliseconds} ms), receiver ceiling ` +
          `${Math.round(measured.receiverRequestsPerSecond)} req/s`,
      );
    }
    return {
      deliveriesPerRound: WEBHOOK_DELIVERIES_PER_ROUND,
      batchSize: BATCH_SIZE,
      deliveriesPerSecond: median(rounds.map((round) => round.deliveriesPerSecond)),
      attemptP99Milliseconds: median(rounds.map((round) => round.attemptP99Milliseconds)),
      receiverRequestsPerSecond: median(rounds.map((round) => round.receiverRequestsPerSecond)),
      ratioToReceiver: median(rounds.map((round) => round.ratioToReceiver)),
      rounds,
    };
  } finally {
    options.onChild(null);
    await receiver?.stop();
    await store?.close();
    await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
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
    `Webhook delivery: one worker (in-process, PGlite on disk), batches of ${summary.batchSize}, ` +
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
  summary: WebhookBenchSummary,
): Promise<string> {
  await mkdir(directory, { recursive: true });
  const path = join(directory, 'webhooks.json');
  const document = {
    finishedAt: new Date().toISOString(),
    node: process.version,
    settings,
    note: 'Compare ratioToReceiver across runs: deliveries/s over the bare receiver ceiling of the same run.',
    ...summary,
  };
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}
