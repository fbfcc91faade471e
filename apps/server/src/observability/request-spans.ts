// Incoming request spans. Trace storage is read by more people and systems than the API is, and a span
// name or attribute is as permanent there as a log line: request paths carry capabilities (the invite
// code in /i/{code} and /flow/{code}/…) and personal data (/api/poy/trust/{email}), query strings carry
// short codes and enrollment tokens, and headers carry keys. So a span is named by the method and the
// route *pattern* (`GET /i/:code`), and records the method, the pattern, the scheme and the status
// code: never the URL, the query, a header, the client's address or its user agent. Of the caller's
// trace context only `traceparent` is read: `tracestate` is free-form text a caller chooses, and would
// otherwise be copied into every span of the trace.
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Reads the `traceparent` header and nothing else. */
export const headerGetter: TextMapGetter<Record<string, string | string[] | undefined>> = {
  keys: () => ['traceparent'],
  get: (carrier, key) => (key === 'traceparent' ? carrier.traceparent : undefined),
};

/** Probes answer every few seconds per replica; a span each would bury the traces that matter. */
const UNTRACED_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/** The caller's trace when it sent a valid W3C `traceparent`, else a new root. */
export function parentContextOf(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers, headerGetter);
}

export function createRequestSpanHooks(tracer: Tracer): (app: FastifyInstance) => void {
  const spans = new WeakMap<FastifyRequest, Span>();

  const finish = (request: FastifyRequest, statusCode: number | null): void => {
    const span = spans.get(request);
    if (!span) return;
    spans.delete(request);
    // The pattern the router matched; unmatched requests (404) are named by the method alone.
    const route = request.routeOptions.url;
    if (route) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    if (statusCode === null) {
      span.setAttribute('error.type', 'aborted');
      span.setStatus({ code: SpanStatusCode.ERROR });
    } else {
      span.setAttribute('http.response.status_code', statusCode);
      if (statusCode >= 500) {
        span.setAttribute('error.type', String(statusCode));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
    }
    span.end();
  };

  return (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      const route = request.routeOptions.url;
      if (route !== undefined && UNTRACED_ROUTES.has(route)) {
        done();
        return;
      }
      const parent = parentContextOf(request.headers);
      const span = tracer.startSpan(
        request.method,
        {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': request.method, 'url.scheme': request.protocol },
        },
        parent,
      );
      spans.set(request, span);
      const active = trace.setSpan(parent, span);
      // The body arrives in socket events, outside this call: bind the request and response streams so
      // that the parsers, the handler and its SQL run in the request's context.
      context.bind(active, request.raw);
      context.bind(active, reply.raw);
      context.with(active, done);
    });
    app.addHook('onResponse', (request, reply, done) => {
      finish(request, reply.statusCode);
      done();
    });
    app.addHook('onRequestAbort', (request, done) => {
      finish(request, null);
      done();
    });
  };
}
