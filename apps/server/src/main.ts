// The composition root: the only place that reads the environment (through config.ts) and opens
// connections. Everything else receives what it needs from here.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createSecureContext } from 'node:tls';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { ConfigError, DEVELOPMENT_SECRET_KEY } from './config.ts';
import { systemClock } from './core/clock.ts';
import { ensureFirstOwnerLink } from './core/members/first-owner-link.ts';
import type { CoreMetrics } from './core/metrics/core-metrics.ts';
import { deriveServerSecrets } from './core/secrets.ts';
import { ensureDemoTenant } from './core/tenancy/ensure-demo-tenant.ts';
import { destinationPolicyOf, retryScheduleOf } from './core/webhooks/webhook-settings.ts';
import { createFaceAnalyzer } from './face/create-face-analyzer.ts';
import { createMemoryRateLimitBackend, createRedisRateLimitBackend } from './http/rate-limit-backend.ts';
import { createReadiness, type Readiness } from './http/readiness.ts';
import { createWorkerApp } from './http/worker-app.ts';
import { startMaintenance } from './jobs/maintenance.ts';
import { createWebhookWorker, type WebhookWorker } from './jobs/webhook-worker.ts';
import { createLogger } from './logger.ts';
import { type AppMetrics, createMetrics } from './observability/metrics.ts';
import { startTracingWhenEnabled, type Tracing } from './observability/tracing.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export function openConfiguredStore(
  config: Config,
  logger: Logger,
  migrate: boolean,
  tracing?: Tracing | null,
): Promise<Store> {
  return openStore({
    tracing: tracing?.database,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    migrate,
    onBackgroundError: (error) => logger.error({ err: error }, 'database background error'),
  });
}

export function startWebhookWorker(
  config: Config,
  store: Store,
  logger: Logger,
  metrics?: Pick<CoreMetrics, 'countWebhookAttempt'>,
  tracing?: Tracing | null,
): WebhookWorker {
  const worker = createWebhookWorker({
    traceAttempt: tracing?.traceDeliveryAttempt,
    store,
    clock: systemClock,
    secrets: deriveServerSecrets(config.secretKey),
    logger,
    schedule: retryScheduleOf(config),
    policy: destinationPolicyOf(config),
    leaseMs: config.webhooks.leaseSeconds * 1000,
    ...(metrics ? { metrics } : {}),
  });
  worker.start();
  return worker;
}

/**
 * What a process runs. `all`: the API and the background work (today's `poy serve`); `api`: only HTTP
 * (scale it separately from `poy worker`, which runs only the background work).
 */
export type ServeRole = 'all' | 'api';

/** The one line the first start prints (the e2e test reads the link from it). */
export function firstOwnerLinkLine(url: string): string {
  return `Dashboard sign-in link (one use, expires in 24 hours): ${url}`;
}

export interface RunningServer {
  /** Where the server actually listens (resolves PORT=0 to the chosen port). */
  address: string;
  /** /readyz answers 503 once this drains (close() starts it too). */
  readiness: Readiness;
  /** Drains and closes everything; see closeInOrder. */
  close(): Promise<void>;
}

/**
 * The shutdown order. Readiness goes to 503 at once; the background jobs stop claiming and finish the
 * attempts they hold while HTTP keeps answering (a load balancer still routing here meanwhile gets
 * answers and a 503 /readyz, not refused connections); then the listener stops accepting and the
 * requests in flight finish; the store and Redis close last, once nothing can use them.
 */
function closeInOrder(parts: {
  readiness: Readiness;
  background: ReadonlyArray<{ stop(): Promise<void> }>;
  http: { close(): Promise<unknown> } | null;
  connections: ReadonlyArray<() => Promise<unknown>>;
}): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => {
    closing ??= (async () => {
      parts.readiness.startDraining();
      await Promise.all(parts.background.map((job) => job.stop()));
      await parts.http?.close();
      for (const close of parts.connections) await close();
    })();
    return closing;
  };
}

function createProcessMetrics(store: Store, logger: Logger): AppMetrics {
  return createMetrics({
    store,
    clock: systemClock,
    processMetrics: true,
    onCollectError: (error) => logger.warn({ err: error }, 'reading the webhook queue for metrics failed'),
  });
}

/** Read before anything opens, so a wrong path stops the start with one line that names the setting. */
function readTlsCredentials(config: Config): { certPem: Buffer; keyPem: Buffer } | undefined {
  if (!config.tls) return undefined;
  const read = (variable: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      throw new ConfigError([`${variable}: cannot read ${path} (${code})`]);
    }
  };
  const credentials = {
    certPem: read('TLS_CERT_FILE', config.tls.certFile),
    keyPem: read('TLS_KEY_FILE', config.tls.keyFile),
  };
  try {
    createSecureContext({ cert: credentials.certPem, key: credentials.keyPem });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([
      `TLS_CERT_FILE, TLS_KEY_FILE: not a PEM certificate and its matching key (${reason})`,
    ]);
  }
  return credentials;
}

/** Loaded only when REDIS_URL is set: the embedded default never pays for the client at start. */
async function connectRedis(url: string): Promise<Redis> {
  const { Redis: RedisClient } = await import('ioredis');
  return new RedisClient(url, { maxRetriesPerRequest: 2 });
}

export async function startServer(
  config: Config,
  options: {
    print?: (text: string) => void;
    logger?: Logger;
    role?: ServeRole;
    tracing?: Tracing | null;
  } = {},
): Promise<RunningServer> {
  const print = options.print ?? ((text: string) => process.stdout.write(text));
  const logger = options.logger ?? createLogger(config);
  const role = options.role ?? 'all';
  if (config.secretKey === DEVELOPMENT_SECRET_KEY) {
    logger.warn('POY_SECRET_KEY is not set: using the development secret (refused in production mode)');
  }

  const { tracing } = options;
  const tls = readTlsCredentials(config);
  const store = await openConfiguredStore(config, logger, true, tracing);
  const redis = config.redisUrl ? await connectRedis(config.redisUrl) : null;
  redis?.on('error', (error) => logger.error({ err: error }, 'redis error'));
  const readiness = createReadiness();
  const metrics = createProcessMetrics(store, logger);
  const faceAnalyzer = createFaceAnalyzer({ threads: config.faceAnalysisThreads });
  if (config.mode === 'production') {
    // Models load in the background while the server starts, so no visitor waits for them; elsewhere
    // (development, tests) the threads start with the first frame.
    faceAnalyzer
      .whenReady()
      .catch((error: unknown) => logger.error({ err: error }, 'face analysis could not start'));
  }

  const rateLimitBackend = redis ? createRedisRateLimitBackend(redis) : createMemoryRateLimitBackend();
  const app = createApp({
    faceAnalyzer,
    ...(tls ? { tls } : {}),
    config,
    store,
    clock: systemClock,
    logger,
    readiness,
    metrics,
    rateLimitBackend,
    ...(tracing ? { traceRequests: tracing.traceRequests } : {}),
    readinessChecks: redis
      ? [
          {
            name: 'redis',
            check: async () => {
              await redis.ping();
            },
          },
        ]
      : [],
  });

  const background: Array<{ stop(): Promise<void> }> = [];
  if (role === 'all') {
    background.push(startMaintenance(app.services.verification, { logger }));
    if (config.webhooks.workerInProcess) {
      background.push(startWebhookWorker(config, store, logger, metrics.core, tracing));
    }
  }

  const close = closeInOrder({
    readiness,
    background,
    http: app,
    // Face analysis stops once no request can use it, before the store.
    connections: [
      () => faceAnalyzer.close(),
      () => store.close(),
      // Counts admitted since the last push reach Redis before the connection goes.
      async () => {
        await rateLimitBackend.close().catch(() => {});
        await redis?.quit().catch(() => {});
      },
    ],
  });

  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await close();
    throw error;
  }

  // First start of an empty embedded database in development: something to try at once.
  if (config.mode === 'development' && store.kind === 'pglite') {
    const demo = await ensureDemoTenant({ store, clock: systemClock });
    if (demo) {
      print(
        [
          '',
          'Created a demo account and project on this new embedded database.',
          `Test API key (shown once, store it now): ${demo.testKey}`,
          'Try it:',
          `  curl -H "Authorization: Bearer ${demo.testKey}" ${config.publicUrl}/api/poy/project`,
          '',
        ].join('\n'),
      );
    }
  }
  // A deployment nobody can sign in to yet (any database, any mode): a one-time link for the first
  // owner of the first account, on one line of its own that scripts can read. Printed at every start
  // until someone has used one (docs/dashboard.md §1).
  const firstOwner = await ensureFirstOwnerLink({ store, clock: systemClock, publicUrl: config.publicUrl });
  if (firstOwner) print(`${firstOwnerLinkLine(firstOwner.url)}\n`);
  logger.info(
    {
      url: config.publicUrl,
      database: store.kind,
      rateLimits: redis ? 'redis' : 'memory',
      role,
      webhookWorker: role === 'all' && config.webhooks.workerInProcess,
    },
    'POY is listening',
  );

  return { address, readiness, close };
}

export interface RunningWorker {
  /** Where the probe listener listens, when WORKER_PORT is set. */
  address: string | null;
  readiness: Readiness;
  close(): Promise<void>;
}

/** `poy worker`: the background work only (webhook delivery and maintenance), several per database. */
export async function startWorker(
  config: Config,
  options: { logger?: Logger; tracing?: Tracing | null } = {},
): Promise<RunningWorker> {
  const logger = options.logger ?? createLogger(config);
  const { tracing } = options;
  const store = await openConfiguredStore(config, logger, true, tracing);
  const readiness = createReadiness();
  const metrics = createProcessMetrics(store, logger);
  const probes =
    config.workerPort === undefined ? null : createWorkerApp({ config, store, logger, readiness, metrics });
  const background = [
    startMaintenance({ store, clock: systemClock }, { logger }),
    startWebhookWorker(config, store, logger, metrics.core, tracing),
  ];
  const close = closeInOrder({ readiness, background, http: probes, connections: [() => store.close()] });
  let address: string | null = null;
  if (probes && config.workerPort !== undefined) {
    try {
      address = await probes.listen({ port: config.workerPort, host: config.host });
    } catch (error) {
      await close();
      throw error;
    }
  }
  logger.info({ database: store.kind, probes: address }, 'POY worker started (webhooks, maintenance)');
  return { address, readiness, close };
}

/**
 * Closes on SIGTERM or SIGINT within SHUTDOWN_GRACE_SECONDS: exit 0 once everything drained, exit 1
 * with one error line if the grace period runs out first (webhook attempts cut off then are sent again
 * when their lease runs out).
 */
function closeOnSignal(logger: Logger, graceSeconds: number, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    logger.info({ signal, graceSeconds }, 'shutting down: draining');
    const forceExit = setTimeout(() => {
      logger.error(
        { graceSeconds },
        `shutdown did not finish within SHUTDOWN_GRACE_SECONDS=${graceSeconds}; exiting with work in flight`,
      );
      process.exit(1);
    }, graceSeconds * 1000);
    forceExit.unref();
    close()
      .then(() => {
        logger.info({ durationMs: Math.round(performance.now() - started) }, 'shut down cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** `poy serve`: runs until SIGINT/SIGTERM, then drains (closeInOrder) and exits. */
export async function serveUntilSignalled(config: Config, role: ServeRole = 'all'): Promise<void> {
  const tracing = await startTracingWhenEnabled(config.tracing);
  const logger = createLogger(config, undefined, tracing?.logFields);
  tracing?.reportErrorsTo(logger);
  const server = await startServer(config, { logger, role, tracing });
  // Spans buffered until the end (the drain's own) are exported before the process exits.
  closeOnSignal(logger, config.shutdownGraceSeconds, async () => {
    await server.close();
    await tracing?.shutdown();
  });
}

/** `poy worker`: runs until SIGINT/SIGTERM, then finishes its attempts and exits. */
export async function runWorkerUntilSignalled(config: Config): Promise<void> {
  const tracing = await startTracingWhenEnabled(config.tracing);
  const logger = createLogger(config, undefined, tracing?.logFields);
  tracing?.reportErrorsTo(logger);
  const worker = await startWorker(config, { logger, tracing });
  closeOnSignal(logger, config.shutdownGraceSeconds, async () => {
    await worker.close();
    await tracing?.shutdown();
  });
}
