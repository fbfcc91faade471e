// Feeds the HTTP metrics from every response. Labels use the matched route's pattern, never the URL:
// paths carry invite codes, PoY ids and user ids, which must not reach a scraper (or become series).
import type { FastifyInstance } from 'fastify';
import type { AppMetrics } from '../observability/metrics.ts';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const PUBLIC_POY_ROUTES = new Set(['/api/poy/public-enroll', '/api/poy/profile/:poyId']);

/** Which rate limit refused a request, named from its route pattern. */
export function rateLimitSurfaceOf(route: string): 'connect' | 'poy' | 'public' | 'join' | 'other' {
  if (route === '/v1' || route.startsWith('/v1/')) return 'connect';
  if (PUBLIC_POY_ROUTES.has(route)) return 'public';
  if (route.startsWith('/api/poy')) return 'poy';
  if (route === '/join') return 'join';
  return 'other';
}

/** Call before any route is registered, so every route (and the not-found handler) is measured. */
export function registerRequestMetrics(app: FastifyInstance, metrics: AppMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.observeHttpRequest(
      {
        route,
        method: KNOWN_METHODS.has(request.method) ? request.method : 'OTHER',
        status: String(status),
      },
      reply.elapsedTime / 1000,
    );
    if (status === 429) metrics.countRateLimited(rateLimitSurfaceOf(route));
    done();
  });
}
