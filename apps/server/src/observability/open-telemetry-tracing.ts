// The OpenTelemetry SDK, loaded only when tracing is on (tracing.ts imports this module on demand).
// Spans go to an OTLP/HTTP (JSON) collector in batches. Like the request spans (request-spans.ts), the
// statement and webhook spans carry no personal data or secret: statements are the SQL text without
// their parameters, database errors are recorded by SQLSTATE only (a driver's message can quote the
// offending value), and a webhook attempt names the destination host, never its path or query (a
// receiver's URL often embeds its own token).
import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { setGlobalErrorHandler, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { Logger } from 'pino';
import type { DeliveryAttemptTracer } from '../jobs/send-delivery.ts';
import type { DatabaseTracing } from '../store/drivers/database-tracing.ts';
import { createRequestSpanHooks, headerGetter } from './request-spans.ts';
import type { Tracing } from './tracing.ts';
import type { TracingSettings } from './tracing-settings.ts';

const INSTRUMENTATION_SCOPE = 'poy';

export function samplerOf(settings: Pick<TracingSettings, 'sampler' | 'samplerRatio'>): Sampler {
  switch (settings.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(settings.samplerRatio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.samplerRatio) });
  }
}

/** The statement's first keyword (`SELECT`, `INSERT`, `WITH`, `BEGIN`): a low-cardinality span name. */
function operationOf(statement: string): string | null {
  return /^\s*([A-Za-z]+)/.exec(statement)?.[1]?.toUpperCase() ?? null;
}

/** A PostgreSQL error's SQLSTATE, or the error class name: never its message. */
function errorTypeOf(error: unknown): string {
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  return error instanceof Error ? error.name : 'error';
}

/** Host and port of a destination, nothing else of its URL. */
function destinationOf(url: string): { host: string; port: number } | null {
  try {
    const parsed = new URL(url);
    const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
    return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  } catch {
    return null;
  }
}

export function startOpenTelemetryTracing(settings: TracingSettings): Tracing {
  let reportError: (error: unknown) => void = () => {};
  setGlobalErrorHandler((error) => reportError(error));

  const contextManager = new AsyncLocalStorageContextManager();
  context.setGlobalContextManager(contextManager.enable());
  // W3C trace context only: baggage is not read, since callers could put anything in it.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    sampler: samplerOf(settings),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: settings.tracesUrl }),
        scheduledDelayMillis: settings.batch.scheduleDelayMs,
        exportTimeoutMillis: settings.batch.exportTimeoutMs,
        maxQueueSize: settings.batch.maxQueueSize,
        maxExportBatchSize: Math.min(settings.batch.maxExportBatchSize, settings.batch.maxQueueSize),
      }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  const tracer = provider.getTracer(INSTRUMENTATION_SCOPE);

  const database: DatabaseTracing = {
    async traceStatement(statement, run) {
      const parent = context.active();
      // Statements outside any trace (the worker's polling, maintenance) would each be a root span of
      // their own, every second: they are left untraced.
      if (!trace.getSpan(parent)) return run();
      const operation = operationOf(statement);
      const span = tracer.startSpan(
        operation ?? 'postgresql',
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'db.system': 'postgresql',
            'db.system.name': 'postgresql',
            'db.query.text': statement,
            ...(operation ? { 'db.operation.name': operation } : {}),
          },
        },
        parent,
      );
      try {
        return await run();
      } catch (error) {
        span.setAttribute('error.type', errorTypeOf(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
    currentTraceparent() {
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      return carrier.traceparent ?? null;
    },
  };

  const traceDeliveryAttempt: DeliveryAttemptTracer = async ({ url, traceparent }, send) => {
    // Continue the trace of the request that enqueued the delivery, when it was traced.
    const parent = traceparent
      ? propagation.extract(ROOT_CONTEXT, { traceparent }, headerGetter)
      : ROOT_CONTEXT;
    const destination = destinationOf(url);
    const span = tracer.startSpan(
      'POST',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': 'POST',
          ...(destination ? { 'server.address': destination.host, 'server.port': destination.port } : {}),
        },
      },
      parent,
    );
    try {
      const result = await context.with(trace.setSpan(parent, span), send);
      if (result.statusCode === null) {
        span.setAttribute('error.type', 'no_response');
        span.setStatus({ code: SpanStatusCode.ERROR });
      } else {
        span.setAttribute('http.response.status_code', result.statusCode);
        if (result.statusCode >= 400) {
          span.setAttribute('error.type', String(result.statusCode));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
      }
      return result;
    } finally {
      span.end();
    }
  };

  return {
    traceRequests: createRequestSpanHooks(tracer),
    database,
    traceDeliveryAttempt,
    logFields(): Record<string, string> {
      const spanContext = trace.getSpan(context.active())?.spanContext();
      if (!spanContext || !isSpanContextValid(spanContext)) return {};
      return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
    },
    reportErrorsTo(logger: Pick<Logger, 'warn'>) {
      reportError = (error) => logger.warn({ err: error }, 'trace export failed');
    },
    async shutdown() {
      await provider.shutdown();
      // Unregistered, so that a later start in the same process (tests) registers its own.
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
