// What the rest of the server sees of tracing: a few hooks, handed out by main.ts only when tracing is
// on. When it is off this module loads nothing else (the OpenTelemetry SDK is imported on demand
// below), and no hook is installed anywhere: the request path, the pool and the worker run unwrapped.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DeliveryAttemptTracer } from '../jobs/send-delivery.ts';
import type { DatabaseTracing } from '../store/drivers/database-tracing.ts';
import type { TracingSettings } from './tracing-settings.ts';

export interface Tracing {
  /** Adds the request-span hooks to a new Fastify instance (before any other hook). */
  traceRequests(app: FastifyInstance): void;
  /** One span per SQL statement, and the trace kept with each webhook delivery. */
  database: DatabaseTracing;
  /** One span per webhook attempt, in the trace of the request that enqueued it. */
  traceDeliveryAttempt: DeliveryAttemptTracer;
  /** The active span's ids for a log line; empty when no span is active. */
  logFields(): Record<string, string>;
  /** Where export failures (collector unreachable, refused) are logged, as warnings. */
  reportErrorsTo(logger: Pick<Logger, 'warn'>): void;
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Starts the SDK when the settings turn tracing on; null (and nothing loaded) otherwise. */
export async function startTracingWhenEnabled(settings: TracingSettings): Promise<Tracing | null> {
  if (!settings.enabled) return null;
  const { startOpenTelemetryTracing } = await import('./open-telemetry-tracing.ts');
  return startOpenTelemetryTracing(settings);
}
