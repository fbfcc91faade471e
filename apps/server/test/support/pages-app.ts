// Test support: the page routes alone on a Fastify instance, fed by an InvitePageFixture instead of a
// store, with the app's error handling and zod compilers (as createApp registers them).
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerErrorHandling } from '../../src/http/error-handler.ts';
import { type PageRoutesOptions, pageRoutes } from '../../src/http/routes/pages.ts';
import type { InvitePageFixture } from './page-fixtures.ts';

export async function buildPagesApp(
  fixture: InvitePageFixture,
  overrides: Partial<PageRoutesOptions> = {},
): Promise<FastifyInstance> {
  // The router limit app.ts sets, so a long code reaches the page's own check.
  const app = Fastify({ routerOptions: { maxParamLength: 200 } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await app.register(pageRoutes, {
    loadInvite: fixture.loadInvite,
    resolveShortCode: fixture.resolveShortCode,
    subscribeToInvite: fixture.subscribeToInvite,
    loadProfile: fixture.loadProfile,
    publicUrl: 'http://localhost:8080',
    ...overrides,
  });
  return app;
}
