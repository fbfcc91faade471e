// GET /metrics: Prometheus text. Not behind API keys (a scraper has none); it can be turned off
// (METRICS_ENABLED=false) or limited to a bearer token (METRICS_BEARER_TOKEN), compared by digest in
// constant time. What it exposes holds no personal data: counts, durations and closed-set labels.
import type { FastifyPluginAsync } from 'fastify';
import { digestsEqual, hashToken } from '../../core/token-digest.ts';
import type { AppMetrics } from '../../observability/metrics.ts';
import { ApiError } from '../error-registry.ts';

export interface MetricsRoutesOptions {
  metrics: AppMetrics;
  bearerToken: string | undefined;
}

function bearerOf(header: string | undefined): string | null {
  const match = header === undefined ? null : /^Bearer +(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

export const metricsRoutes: FastifyPluginAsync<MetricsRoutesOptions> = async (app, options) => {
  const expectedDigest = options.bearerToken === undefined ? null : hashToken(options.bearerToken);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (expectedDigest !== null) {
      const presented = bearerOf(request.headers.authorization);
      if (presented === null || !digestsEqual(hashToken(presented), expectedDigest)) {
        throw new ApiError('unauthorized', 'A valid metrics bearer token is required.');
      }
    }
    reply.header('content-type', options.metrics.contentType);
    reply.header('cache-control', 'no-store');
    return options.metrics.render();
  });
};
