// `npm run bench:replicas`: what several processes buy on one machine, measured on the deployment the
// multi-replica proof starts (apps/server/test/support/replicas/: `poy serve` replicas without a webhook
// worker and `poy worker` processes on one PostgreSQL database and Redis, HAProxy in front).
//
// 1. GET /api/poy/check (a verified user, enterprise key without limits) through the balancer with 1, 2
//    and 3 API replicas in the rotation (the others set to maintenance through HAProxy's runtime API),
//    in BENCH_ROUNDS interleaved rounds, medians reported, and the requests/s per core the replicas
//    can use (min(replicas, cores)).
// 2. Webhook deliveries/s with 1, then 2 `poy worker` processes draining WEBHOOK_DELIVERIES_PER_ROUND
//    pending deliveries (written behind a disabled endpoint, then released at once; median of
//    WEBHOOK_ROUNDS rounds) to the bare receiver (bench/webhook-receiver.ts, its own process), against that
//    receiver's ceiling measured in the same run (autocannon POSTing the same body), as bench/webhooks.ts
//    reports it. The drain is timed from the first attempt to the last completion, read from the
//    database, so worker start-up is not counted.
//
// Writes a markdown table to bench/results/replicas-<date>.md. Reported, not asserted; on this shared
// 2-core machine the load generator, HAProxy and PostgreSQL compete with the replicas for the cores.
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../apps/server/src/store/drivers/open-postgres.ts';
import { createPostgresStore } from '../apps/server/src/store/postgres/postgres-store.ts';
import type { Store } from '../apps/server/src/store/store.ts';
import { callJson, sleep } from '../apps/server/test/support/replicas/api-client.ts';
import { ReplicaCluster } from '../apps/server/test/support/replicas/cluster.ts';
import { childEnvironment, findFreePort, type RunningChild, startChildServer } from './child-processes.ts';
import { measureScenario } from './load.ts';
import { median } from './report.ts';
import { loadSettings } from './settings.ts';
import {
  prepareDestination,
  sampleEvent,
  WEBHOOK_BENCH_SECRET_KEY,
  WEBHOOK_DELIVERIES_PER_ROUND,
  writePendingDeliveries,
} from './webhooks.ts';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const resultsDirectory = join(repositoryRoot, 'bench', 'results');
const MAX_REPLICAS = 3;
/** Rounds per worker count; the median is reported. */
const WEBHOOK_ROUNDS = 3;
const MAX_WORKERS = 2;
const DRAIN_LIMIT_MS = 300_000;

interface CheckRow {
  replicas: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

interface WebhookRow {
  workers: number;
  deliveries: number;
  seconds: number;
  deliveriesPerSecond: number;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Waits until every delivery in `ids` succeeded; returns the span from first attempt to last completion. */
async function drainSeconds(cluster: ReplicaCluster, ids: readonly string[]): Promise<number> {
  const deadline = Date.now() + DRAIN_LIMIT_MS;
  for (;;) {
    const [counts] = await cluster.query<{ succeeded: number; other: number }>(
      `select count(*) filter (where status = 'succeeded')::int as succeeded,
              count(*) filter (where status <> 'succeeded')::int as other
         from webhook_deliveries where id = any($1)`,
      [ids],
    );
    if (counts && counts.succeeded === ids.length) break;
    if (Date.now() > deadline) throw new Error(`Deliveries not drained: ${JSON.stringify(counts)}`);
    await sleep(250);
  }
  const [span] = await cluster.query<{ seconds: number; attempts: number }>(
    `select extract(epoch from (max(d.completed_at) - min(a.attempted_at)))::float8 as seconds,
            count(a.id)::int as attempts
       from webhook_deliveries d join webhook_attempts a on a.delivery_id = d.id
      where d.id = any($1)`,
    [ids],
  );
  if (!span) throw new Error('No attempts recorded');
  if (span.attempts !== ids.length) throw new Error(`${span.attempts} attempts for ${ids.length} deliveries`);
  return span.seconds;
}

async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  const cores = availableParallelism();
  const loadBefore = loadavg();
  const cluster = new ReplicaCluster({
    apiReplicas: MAX_REPLICAS,
    workers: 0,
    secretKey: WEBHOOK_BENCH_SECRET_KEY,
    env: { LOG_LEVEL: 'warn' },
  });
  let receiver: RunningChild | null = null;
  let store: Store | null = null;
  const stopAll = async (): Promise<void> => {
    await cluster.stop().catch((error: unknown) => log(`cleanup: ${String(error)}`));
    await receiver?.stop();
  };
  process.once('SIGINT', () => {
    stopAll().finally(() => process.exit(130));
  });
  try {
    log(
      `replicas bench: ${cores} cores; starting ${MAX_REPLICAS} API replicas, HAProxy, PostgreSQL database`,
    );
    await cluster.start();
    const tenant = await cluster.createTenant({ plan: 'enterprise', keys: 1, name: 'Replica bench' });
    const key = tenant.keys[0]?.secret ?? '';
    const verified = await callJson(`${cluster.balancerUrl}/api/poy/sandbox/outcome`, {
      key,
      body: { userId: 'bench-user', outcome: 'verified' },
    });
    if (verified.status !== 200) throw new Error(`sandbox outcome answered ${verified.status}`);
    const balancer = cluster.balancer;
    if (!balancer) throw new Error('The balancer did not start');
    const scenario = {
      name: 'GET /api/poy/check',
      server: 'poy' as const,
      method: 'GET' as const,
      path: '/api/poy/check?userId=bench-user',
      headers: { authorization: `Bearer ${key}` },
    };

    // Rounds interleave the replica counts (rotating the order), and each count's median is reported:
    // the load of this shared machine drifts, and a fixed order would charge the drift to one count.
    const samples = new Map<number, CheckRow[]>();
    const counts = Array.from({ length: MAX_REPLICAS }, (_, index) => index + 1);
    for (let round = 0; round < settings.rounds; round += 1) {
      const order = [...counts.slice(round % MAX_REPLICAS), ...counts.slice(0, round % MAX_REPLICAS)];
      for (const replicas of order) {
        const inRotation = cluster.apis.slice(0, replicas);
        for (const [index, api] of cluster.apis.entries()) {
          await balancer.setServerState(api.name, index < replicas ? 'ready' : 'maint');
        }
        await cluster.waitUntilBalanced(inRotation.map((api) => api.name));
        if (settings.warmupSeconds > 0) {
          await measureScenario(cluster.balancerUrl, scenario, settings, settings.warmupSeconds);
        }
        const measured = await measureScenario(
          cluster.balancerUrl,
          scenario,
          settings,
          settings.measuredSeconds,
        );
        const row = {
          replicas,
          requestsPerSecond: measured.requestsPerSecond,
          p50Ms: measured.latencyP50Milliseconds,
          p99Ms: measured.latencyP99Milliseconds,
        };
        samples.set(replicas, [...(samples.get(replicas) ?? []), row]);
        log(
          `check, round ${round + 1}, ${replicas} replica(s): ${integer.format(row.requestsPerSecond)} req/s`,
        );
      }
    }
    const checkRows: CheckRow[] = counts.map((replicas) => {
      const rows = samples.get(replicas) ?? [];
      return {
        replicas,
        requestsPerSecond: median(rows.map((row) => row.requestsPerSecond)),
        p50Ms: median(rows.map((row) => row.p50Ms)),
        p99Ms: median(rows.map((row) => row.p99Ms)),
      };
    });

    const receiverPort = await findFreePort();
    receiver = await startChildServer({
      name: 'webhook receiver',
      script: 'bench/webhook-receiver.ts',
      args: [],
      cwd: repositoryRoot,
      env: childEnvironment({ PORT: String(receiverPort), HOST: '127.0.0.1' }),
      port: receiverPort,
      readyPath: '/ready',
      readyTimeoutMilliseconds: 30_000,
    });
    const handle = await openPostgres({ connectionString: cluster.databaseUrl });
    store = await createPostgresStore(handle);
    const destination = await prepareDestination(store, receiver.baseUrl);
    const webhookRows: WebhookRow[] = [];
    // The deliveries of a round are written while their endpoint is disabled (the claim skips disabled
    // endpoints), then released at once: otherwise the workers drain as fast as the bench can insert,
    // and that is what would be measured. The first round of each worker count also warms its processes.
    const setEndpointEnabled = async (enabled: boolean) => {
      await destination.store.updateWebhookEndpoint(destination.endpointId, {
        enabled,
        updatedAt: new Date(),
      });
    };
    for (let workers = 1; workers <= MAX_WORKERS; workers += 1) {
      await cluster.startWorkers(workers - cluster.workers.length);
      const rounds: WebhookRow[] = [];
      for (let round = 0; round < WEBHOOK_ROUNDS; round += 1) {
        await setEndpointEnabled(false);
        const ids = await writePendingDeliveries(destination, WEBHOOK_DELIVERIES_PER_ROUND);
        await setEndpointEnabled(true);
        const seconds = await drainSeconds(cluster, ids);
        rounds.push({ workers, deliveries: ids.length, seconds, deliveriesPerSecond: ids.length / seconds });
        log(
          `webhooks, ${workers} worker(s), round ${round + 1}: ${integer.format(ids.length / seconds)} deliveries/s`,
        );
      }
      const seconds = median(rounds.map((row) => row.seconds));
      webhookRows.push({
        workers,
        deliveries: WEBHOOK_DELIVERIES_PER_ROUND,
        seconds,
        deliveriesPerSecond: WEBHOOK_DELIVERIES_PER_ROUND / seconds,
      });
    }
    const ceiling = await measureScenario(
      receiver.baseUrl,
      {
        name: 'POST to the bare receiver',
        server: 'bare',
        method: 'POST',
        path: '/hook',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sampleEvent(0)),
      },
      settings,
      settings.measuredSeconds,
    );
    log(`bare receiver ceiling: ${integer.format(ceiling.requestsPerSecond)} req/s`);

    const report = formatReport({
      cores,
      settings,
      checkRows,
      webhookRows,
      ceiling: ceiling.requestsPerSecond,
      load: [loadBefore, loadavg()],
    });
    await mkdir(resultsDirectory, { recursive: true });
    const path = join(resultsDirectory, `replicas-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
    await writeFile(path, report);
    log(`\n${report}\nWritten to ${path}`);
  } finally {
    await store?.close();
    await stopAll();
  }
}

function formatReport(input: {
  cores: number;
  settings: ReturnType<typeof loadSettings>;
  checkRows: readonly CheckRow[];
  webhookRows: readonly WebhookRow[];
  ceiling: number;
  /** os.loadavg() at the start and at the end of the run. */
  load: [number[], number[]];
}): string {
  const { cores, settings, checkRows, webhookRows, ceiling, load } = input;
  const loadText = (values: number[]) => values.map((value) => value.toFixed(1)).join(' / ');
  const single = checkRows[0]?.requestsPerSecond ?? Number.NaN;
  const checkTable = checkRows.map((row) => {
    const usable = Math.min(row.replicas, cores);
    const perCore = row.requestsPerSecond / usable;
    const efficiency = row.requestsPerSecond / (single * usable);
    return `| ${row.replicas} | ${integer.format(row.requestsPerSecond)} | ${row.p50Ms} | ${row.p99Ms} | ${integer.format(perCore)} | ${(efficiency * 100).toFixed(0)} % |`;
  });
  const webhookTable = webhookRows.map(
    (row) =>
      `| ${row.workers} | ${integer.format(row.deliveries)} | ${row.seconds.toFixed(1)} | ${integer.format(row.deliveriesPerSecond)} | ${(row.deliveriesPerSecond / ceiling).toFixed(3)}× |`,
  );
  return [
    `# Several replicas on one machine (${new Date().toISOString()})`,
    '',
    `Node ${process.version}, ${cores} cores shared by the load generator, HAProxy, PostgreSQL, Redis and the`,
    `POY processes. autocannon: ${settings.connections} connections, ${settings.warmupSeconds} s warm-up,`,
    `${settings.measuredSeconds} s measured per sample, median of ${settings.rounds} interleaved round(s), through`,
    'HAProxy (round robin).',
    `Load average (1 / 5 / 15 min) at the start: ${loadText(load[0])}; at the end: ${loadText(load[1])}.`,
    '',
    '## GET /api/poy/check (enterprise key, no limits; a verified user)',
    '',
    '| API replicas | req/s | p50 ms | p99 ms | req/s per usable core | efficiency vs 1 replica × usable cores |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...checkTable,
    '',
    '"Usable cores" is min(replicas, cores): one Node process uses one core for JavaScript.',
    '',
    `## Webhook deliveries (poy worker processes, PostgreSQL, ${integer.format(WEBHOOK_DELIVERIES_PER_ROUND)} released at once per round, median of ${WEBHOOK_ROUNDS} rounds)`,
    '',
    '| workers | deliveries | drain s | deliveries/s | vs receiver ceiling |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...webhookTable,
    '',
    `Bare receiver ceiling (autocannon POSTing the same body, same run): ${integer.format(ceiling)} req/s.`,
    '',
  ].join('\n');
}

await main();
