// createApp(deps) builds the whole HTTP service from its dependencies. It never listens and never
// reads the environment: main.ts does both, and tests call createApp with a real store.

import { createServer as createHttpsServer } from 'node:https';
import fastifySwagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerFactory,
  LogController,
} from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Clock } from './core/clock.ts';
import type { CoreContext } from './core/context.ts';
import { createId } from './core/ids.ts';
import { type ApiKeyAuthenticator, createApiKeyAuthenticator } from './core/keys/api-key-authenticator.ts';
import type { FaceAnalyzer } from './core/liveness/face-analyzer.ts';
import type { CoreMetrics } from './core/metrics/core-metrics.ts';
import { deriveServerSecrets } from './core/secrets.ts';
import { createSigningKeyRing } from './core/signing/signing-key-ring.ts';
import { createFaceIndex, type FaceIndex } from './core/uniqueness/face-index.ts';
import { type ApiUsageCounter, createApiUsageCounter } from './core/usage/api-usage-counter.ts';
import { createHumanCheckCache } from './core/users/check-cache.ts';
import { getPublicProfile } from './core/users/get-profile.ts';
import { loadInviteView, resolveShortCode, subscribeToInvite } from './core/verification/invite-view.ts';
import type { WebhookDeps } from './core/webhooks/manage-webhooks.ts';
import { destinationPolicyOf } from './core/webhooks/webhook-settings.ts';
import { createAuthHook } from './http/auth.ts';
import { createClientErrorHandler } from './http/client-error.ts';
import { registerDashboard } from './http/dashboard/dashboard-scope.ts';
import { registerErrorHandling, renderFrameworkError } from './http/error-handler.ts';
import { createIdempotencyHooks } from './http/idempotency.ts';
import { finishOpenApiDocument } from './http/openapi/finish-document.ts';
import { createMemoryRateLimitBackend, type RateLimitBackend } from './http/rate-limit-backend.ts';
import { createRouteRateLimitHook, type PublicRateLimits } from './http/rate-limit-routes.ts';
import type { Readiness } from './http/readiness.ts';
import { registerRequestMetrics } from './http/request-metrics.ts';
import { connectRoutes } from './http/routes/connect.ts';
import { connectWebhooksRoutes } from './http/routes/connect-webhooks.ts';
import { docsRoutes } from './http/routes/docs.ts';
import { flowRoutes } from './http/routes/flow.ts';
import { healthRoutes } from './http/routes/health.ts';
import { metricsRoutes } from './http/routes/metrics.ts';
import { pageRoutes } from './http/routes/pages.ts';
import { passkeysRoutes } from './http/routes/passkeys.ts';
import { projectRoutes } from './http/routes/project.ts';
import { publicApiRoutes } from './http/routes/public-api.ts';
import { reviewsRoutes } from './http/routes/reviews.ts';
import { sessionsRoutes } from './http/routes/sessions.ts';
import { stampsRoutes } from './http/routes/stamps.ts';
import { usersRoutes } from './http/routes/users.ts';
import { webhooksRoutes } from './http/routes/webhooks.ts';
import { wellKnownRoutes } from './http/routes/well-known.ts';
import { registerStorableStringRule } from './http/storable-strings.ts';
import { type AppMetrics, createMetrics } from './observability/metrics.ts';
import type { Store } from './store/store.ts';

export interface AppDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Defaults to in-memory counters (one process). */
  rateLimitBackend?: RateLimitBackend;
  /** The limits of the pages and the hosted flow; defaults to PUBLIC_RATE_LIMITS. */
  publicRateLimits?: PublicRateLimits;
  /** Extra readiness checks beyond the database (e.g. Redis). */
  readinessChecks?: ReadonlyArray<{ name: string; check: () => Promise<void> }>;
  /** Flipped by main.ts on a shutdown signal; /readyz then answers 503. Defaults to always ready. */
  readiness?: Readiness;
  /** This app's metrics registry; defaults to a fresh one without process metrics. */
  metrics?: AppMetrics;
  /** PEM certificate and key (read by main.ts from TLS_CERT_FILE / TLS_KEY_FILE): serve HTTPS. */
  tls?: { certPem: Buffer; keyPem: Buffer };
  /** Set only when tracing is on: adds the request-span hooks, before any other hook. */
  traceRequests?: (app: FastifyInstance) => void;
  /** Analyses camera frames for liveness and uniqueness; the caller owns it (main.ts closes it). */
  faceAnalyzer?: FaceAnalyzer;
}

export interface AppServices {
  authenticator: ApiKeyAuthenticator;
  verification: CoreContext;
  metrics: AppMetrics;
  webhooks: WebhookDeps;
  /** API requests and rate-limit refusals per key, counted in memory and written every few seconds. */
  usage: ApiUsageCounter;
}

/** The hosted flow's relying party is the deployment itself (docs/api.md §9: the PoY identity). */
export function createCoreContext(
  config: Config,
  store: Store,
  clock: Clock,
  metrics?: CoreMetrics,
  faceIndex?: FaceIndex,
): CoreContext {
  const publicUrl = new URL(config.publicUrl);
  return {
    ...(metrics ? { metrics } : {}),
    store,
    clock,
    secrets: deriveServerSecrets(config.secretKey),
    publicUrl: config.publicUrl,
    inviteTtlSeconds: config.inviteTtlSeconds,
    webauthn: { rpId: publicUrl.hostname, rpName: 'POY', origin: publicUrl.origin },
    faceMatch: config.faceMatch,
    ...(faceIndex ? { faceIndex } : {}),
  };
}

/**
 * Request ids need to be unique, not secret: a random per-process prefix and a counter, so the hot
 * path draws no randomness per request.
 */
function createRequestIdGenerator(): () => string {
  const prefix = createId('req').slice(0, 14);
  let counter = 0;
  return () => `${prefix}${(counter++).toString(36).padStart(6, '0')}`;
}

const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

/** HTTPS for trying the phone flow on a real phone without a proxy (docs/operations.md). */
function httpsServerFactory(tls: { certPem: Buffer; keyPem: Buffer }): FastifyServerFactory {
  return (handler) => createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, handler);
}

/** Builds the app with every plugin queued; the caller awaits `app.ready()` or `app.listen()`. */
export function createApp(deps: AppDeps): FastifyInstance {
  const { config, store, clock, logger } = deps;
  const nextRequestId = createRequestIdGenerator();
  // Widened to Fastify's logger interface so plugins type-check against the default instance type.
  const loggerInstance: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : nextRequestId();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Every error in the surface's format, including the router's and the HTTP parser's own.
    frameworkErrors: renderFrameworkError,
    clientErrorHandler: createClientErrorHandler({ nextRequestId, logger: loggerInstance }),
    ...(deps.tls ? { serverFactory: httpsServerFactory(deps.tls) } : {}),
  });
  deps.traceRequests?.(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text/plain body would otherwise reach the schemas as a string.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('auth', null);
  app.decorateRequest('idempotencyKey', null);
  const idempotency = createIdempotencyHooks({
    store,
    clock,
    secrets: deriveServerSecrets(config.secretKey),
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  registerErrorHandling(app);
  const metrics = deps.metrics ?? createMetrics({ store, clock });
  registerRequestMetrics(app, metrics);
  // Before any route is registered, so that every route, including ones added later, inherits it.
  registerStorableStringRule(app);

  const authenticator = createApiKeyAuthenticator({
    store,
    clock,
    onBackgroundError: (error) => logger.error({ err: error }, 'failed to record API key use'),
  });
  const rateLimitBackend = deps.rateLimitBackend ?? createMemoryRateLimitBackend();
  const usage = createApiUsageCounter({
    store,
    clock,
    onError: (error) => logger.error({ err: error }, 'failed to record API usage'),
  });
  usage.start();
  app.addHook('onClose', async () => {
    await authenticator.close();
    // Counts not written now are lost; say so rather than failing the shutdown.
    await usage.close().catch((error: unknown) => logger.error({ err: error }, 'failed to record API usage'));
  });

  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'POY API',
        version: '0.1.0',
        description:
          'Proof of You: the POY API under /api/poy (Bearer keys, camelCase) and the Connect API under /v1 ' +
          '(API-KEY header, snake_case).',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'poy_live_… or poy_test_… key' },
          apiKeyHeader: {
            type: 'apiKey',
            in: 'header',
            name: 'API-KEY',
            description: 'Connect routes only: poy_live_… or poy_test_… key (Bearer works there too)',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (built) =>
      'openapiObject' in built ? finishOpenApiDocument(built.openapiObject) : built.swaggerObject,
  });
  // The guides and the API reference, in their own scope with the docs headers (http/routes/docs.ts).
  app.register(docsRoutes, { loadOpenApiDocument: () => app.swagger() });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.register(healthRoutes, {
    readinessChecks: [{ name: 'database', check: () => store.ping() }, ...(deps.readinessChecks ?? [])],
    ...(deps.readiness ? { isDraining: () => deps.readiness?.draining === true } : {}),
  });
  if (config.metrics.enabled) {
    app.register(metricsRoutes, { metrics, bearerToken: config.metrics.bearerToken });
  }

  // One face index per process; the store's invalidations tell it which humans were erased.
  const faceIndex = createFaceIndex();
  const stopFaceInvalidations = store.onInvalidation((invalidation) =>
    faceIndex.noteInvalidation(invalidation),
  );
  app.addHook('onClose', async () => stopFaceInvalidations());
  const verification = {
    ...createCoreContext(config, store, clock, metrics.core, faceIndex),
    ...(deps.faceAnalyzer ? { faceAnalyzer: deps.faceAnalyzer } : {}),
  };

  const keyRing = createSigningKeyRing({ store, clock, secrets: verification.secrets });
  const checkCache = createHumanCheckCache(store);
  const webhooks: WebhookDeps = {
    store,
    clock,
    secrets: verification.secrets,
    policy: destinationPolicyOf(config),
  };
  // Signs the `poy_result` of the hosted flow's final redirect (core/verification/redirect-result.ts).
  const redirects = { keyRing, clock, issuer: verification.publicUrl };
  app.addHook('onClose', async () => checkCache.close());
  app.addHook('onClose', async () => keyRing.close());

  // Authenticated POY API routes.
  app.register(async (scope) => {
    scope.addHook(
      'onRequest',
      createAuthHook({ authenticator, rateLimitBackend, acceptApiKeyHeader: false, usage }),
    );
    scope.addHook('preHandler', idempotency.preHandler);
    scope.addHook('onSend', idempotency.onSend);
    await scope.register(projectRoutes, { store, defaultInviteTtlSeconds: config.inviteTtlSeconds });
    await scope.register(usersRoutes, { verification, checkCache });
    await scope.register(reviewsRoutes, { verification });
    await scope.register(webhooksRoutes, { webhooks });
    await scope.register(passkeysRoutes, { verification, keyRing });
    await scope.register(stampsRoutes, { verification, keyRing });
    await scope.register(sessionsRoutes, { verification, keyRing });
  });

  // POY API routes without a key: public enrollment and profiles.
  app.register(publicApiRoutes, { verification, rateLimitBackend });

  // Public keys for offline verification of stamps, session tokens and redirect results.
  app.register(wellKnownRoutes, { verification, keyRing });

  // Authenticated Connect API routes: API-KEY or Bearer.
  app.register(async (scope) => {
    scope.addHook(
      'onRequest',
      createAuthHook({ authenticator, rateLimitBackend, acceptApiKeyHeader: true, usage }),
    );
    scope.addHook('preHandler', idempotency.preHandler);
    scope.addHook('onSend', idempotency.onSend);
    await scope.register(connectRoutes, { verification });
    await scope.register(connectWebhooksRoutes, { webhooks });
  });

  // The hosted flow (the invite code is the capability) and the pages a person sees, limited per route
  // (per IP, and per invite for the flow) whatever the spelling of the URL: http/rate-limit-routes.ts.
  app.register(async (scope) => {
    scope.addHook('onRequest', createRouteRateLimitHook(rateLimitBackend, deps.publicRateLimits));
    await scope.register(flowRoutes, { verification, redirects });
    await scope.register(pageRoutes, {
      publicUrl: config.publicUrl,
      loadInvite: (code, deviceSecret) => loadInviteView(verification, redirects, code, deviceSecret),
      resolveShortCode: (shortCode) => resolveShortCode(verification, shortCode),
      subscribeToInvite: (code, onChange) => subscribeToInvite(verification, code, onChange),
      loadProfile: (poyCode) => getPublicProfile(verification, poyCode),
    });
  });

  // The dashboard (server-rendered pages for account members): http/dashboard/dashboard-scope.ts.
  registerDashboard(app, {
    config,
    store,
    clock,
    verification,
    webhooks,
    authenticator,
    rateLimitBackend,
    secureCookies: config.publicUrl.startsWith('https:') || config.mode === 'production',
  });

  app.decorate('services', { authenticator, verification, webhooks, metrics, usage });
  return app;
}
