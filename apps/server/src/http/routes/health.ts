import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const healthBody = z.object({ status: z.enum(['ok', 'unavailable']) });

export interface HealthRoutesOptions {
  /** Each check throws when its dependency is not usable (database, Redis). */
  readinessChecks: ReadonlyArray<{ name: string; check: () => Promise<void> }>;
  /** True once a shutdown began: not ready, whatever the dependencies say. */
  isDraining?: () => boolean;
}

export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, options) => {
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.get(
    '/healthz',
    { schema: { summary: 'Liveness: the process is up', response: { 200: healthBody } } },
    async () => ({ status: 'ok' as const }),
  );

  route.get(
    '/readyz',
    {
      schema: {
        summary:
          'Readiness: the process can reach its database (and Redis when configured) and is not shutting down',
        response: {
          200: healthBody.extend({ checks: z.record(z.string(), z.enum(['ok', 'failing'])) }),
          503: healthBody.extend({ checks: z.record(z.string(), z.enum(['ok', 'failing'])) }),
        },
      },
    },
    async (request, reply) => {
      if (options.isDraining?.()) {
        return reply.code(503).send({ status: 'unavailable', checks: { shutdown: 'failing' } });
      }
      const checks: Record<string, 'ok' | 'failing'> = {};
      await Promise.all(
        options.readinessChecks.map(async ({ name, check }) => {
          try {
            await check();
            checks[name] = 'ok';
          } catch (error) {
            request.log.warn({ err: error, check: name }, 'readiness check failed');
            checks[name] = 'failing';
          }
        }),
      );
      const ready = Object.values(checks).every((state) => state === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
    },
  );
};
