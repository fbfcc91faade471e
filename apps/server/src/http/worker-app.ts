// The small HTTP listener of a `poy worker` process (WORKER_PORT): liveness, readiness (database
// reachable, not shutting down) and the worker's metrics, so it can be probed and scraped like the API.
// Nothing else: a worker serves no API. main.ts listens; this only builds the instance.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { AppMetrics } from '../observability/metrics.ts';
import type { Store } from '../store/store.ts';
import { registerErrorHandling } from './error-handler.ts';
import type { Readiness } from './readiness.ts';
import { registerRequestMetrics } from './request-metrics.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';

export interface WorkerAppDeps {
  config: Pick<Config, 'metrics'>;
  store: Pick<Store, 'ping'>;
  logger: Logger;
  readiness: Readiness;
  metrics: AppMetrics;
}

export function createWorkerApp(deps: WorkerAppDeps): FastifyInstance {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({ loggerInstance, disableRequestLogging: true });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerRequestMetrics(app, deps.metrics);
  app.register(healthRoutes, {
    readinessChecks: [{ name: 'database', check: () => deps.store.ping() }],
    isDraining: () => deps.readiness.draining,
  });
  if (deps.config.metrics.enabled) {
    app.register(metricsRoutes, { metrics: deps.metrics, bearerToken: deps.config.metrics.bearerToken });
  }
  return app;
}
