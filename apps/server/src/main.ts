// The composition root: the only place that reads the environment (through config.ts) and opens
// connections. Everything else receives what it needs from here.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { DEVELOPMENT_SECRET_KEY } from './config.ts';
import { systemClock } from './core/clock.ts';
import { deriveServerSecrets } from './core/secrets.ts';
import { ensureDemoTenant } from './core/tenancy/ensure-demo-tenant.ts';
import { destinationPolicyOf, retryScheduleOf } from './core/webhooks/webhook-settings.ts';
import { createMemoryRateLimitBackend, createRedisRateLimitBackend } from './http/rate-limit-backend.ts';
import { startMaintenance } from './jobs/maintenance.ts';
import { createWebhookWorker, type WebhookWorker } from './jobs/webhook-worker.ts';
import { createLogger } from './logger.ts';
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
  });
  worker.start();
  return worker;
}

/** `poy worker`: delivers webhooks only (several may run against one PostgreSQL database). */
export async function runWorkerUntilSignalled(config: Config): Promise<void> {
  const tracing = await startTracingWhenEnabled(config.tracing);
  const logger = createLogger(config, undefined, tracing?.logFields);
  tracing?.reportErrorsTo(logger);
  const store = await openConfiguredStore(config, logger, true, tracing);
  const worker = startWebhookWorker(config, store, logger, tracing);
  logger.info({ database: store.kind }, 'POY webhook worker started');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the webhook worker');
    worker
      .stop()
      .then(() => store.close())
      .then(() => tracing?.shutdown())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

export interface RunningServer {
  /** Where the server actually listens (resolves PORT=0 to the chosen port). */
  address: string;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { print?: (text: string) => void; logger?: Logger; tracing?: Tracing | null } = {},
): Promise<RunningServer> {
  const print = options.print ?? ((text: string) => process.stdout.write(text));
  const logger = options.logger ?? createLogger(config);
  if (config.secretKey === DEVELOPMENT_SECRET_KEY) {
    logger.warn('POY_SECRET_KEY is not set: using the development secret (refused in production mode)');
  }

  const { tracing } = options;
  const store = await openConfiguredStore(config, logger, true, tracing);
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : null;
  redis?.on('error', (error) => logger.error({ err: error }, 'redis error'));

  const app = createApp({
    config,
    store,
    clock: systemClock,
    logger,
    rateLimitBackend: redis ? createRedisRateLimitBackend(redis) : createMemoryRateLimitBackend(),
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

  const maintenance = startMaintenance(app.services.verification, { logger });
  const worker = config.webhooks.workerInProcess ? startWebhookWorker(config, store, logger, tracing) : null;

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await maintenance.stop();
    await worker?.stop();
    await app.close();
    await store.close();
    await redis?.quit().catch(() => {});
  };

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
  logger.info(
    { url: config.publicUrl, database: store.kind, rateLimits: redis ? 'redis' : 'memory' },
    'POY is listening',
  );

  return { address, close };
}

/** Runs until SIGINT/SIGTERM, then drains requests and closes connections before exiting. */
export async function serveUntilSignalled(config: Config): Promise<void> {
  const tracing = await startTracingWhenEnabled(config.tracing);
  const logger = createLogger(config, undefined, tracing?.logFields);
  tracing?.reportErrorsTo(logger);
  const server = await startServer(config, { logger, tracing });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forceExit = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    forceExit.unref();
    server
      .close()
      .then(() => tracing?.shutdown())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
