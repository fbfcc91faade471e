// The dashboard: one Fastify scope holding every dashboard page. Order of protection for a request:
// 1. cookies and HTML form bodies are parsed only here (the APIs take neither);
// 2. the sign-in pages and their ceremony endpoints (/login, /dashboard/links/…, /dashboard/auth/…)
//    need no session (http/routes/dashboard/auth-routes.ts);
// 3. everything else runs in the signed-in scope: the session hook finds the member from the cookie
//    (none: a GET is sent to /login, anything else is 401), then every request that can change
//    something (not GET/HEAD) must carry the session's anti-forgery token (`_csrf` field or
//    `x-csrf-token` header, compared in constant time) and come from our own origin — else 403 before
//    any handler runs, so nothing changes;
// 4. each area registers its routes in registerDashboardAreas.
// Refusals and errors render as HTML pages (JSON on the ceremony endpoints, which scripts call). Pages
// are compressed only for requests our own pages or the member started: each holds the session's
// anti-forgery token (http/compression/compress-responses.ts says why).
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
  preValidationAsyncHookHandler,
} from 'fastify';
import { csrfTokenMatches, verifyMemberSession } from '../../core/members/member-sessions.ts';
import { renderDashboardMessagePage } from '../../web/dashboard/dashboard-layout.ts';
import type { MessageKey } from '../../web/i18n/translate.ts';
import { createCompressionHook } from '../compression/compress-responses.ts';
import { ApiError } from '../error-registry.ts';
import { languageSwitchHook } from '../page-language.ts';
import { authRoutes } from '../routes/dashboard/auth-routes.ts';
import { authSignedInRoutes } from '../routes/dashboard/auth-signed-in-routes.ts';
import { registerDashboardAreas } from '../routes/dashboard/dashboard-areas.ts';
import { securityRoutes } from '../routes/dashboard/security-routes.ts';
import type { DashboardDeps } from './dashboard-deps.ts';
import { DashboardRefusal } from './dashboard-refusal.ts';
import { sendDashboardPage, translatorOf } from './dashboard-route-helpers.ts';
import { isSameOriginRequest } from './request-origin.ts';
import { clearSessionCookie, readSessionToken } from './session-cookie.ts';

/** The ceremony endpoints answer JSON: they are called by the sign-in pages' script. */
const JSON_PREFIX = '/dashboard/auth/';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where /login sends the member after sign-in: only a dashboard path, never another site. */
export function loginPathFor(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

function sendRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: MessageKey,
  body: MessageKey,
  headers: Readonly<Record<string, string>> = {},
): FastifyReply {
  const translator = translatorOf(request);
  if (request.url.startsWith(JSON_PREFIX)) {
    return reply
      .code(status)
      .headers({ ...headers, 'cache-control': 'no-store' })
      .send({ error: { code: status, message: translator.t(body) } });
  }
  reply.headers(headers);
  return sendDashboardPage(
    reply,
    renderDashboardMessagePage(translator, translator.t(title), translator.t(body)),
    status,
  );
}

function handleDashboardError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DashboardRefusal) {
    return sendRefusal(request, reply, error.status, error.titleKey, error.messageKey, error.headers);
  }
  // ApiError: the app-wide rules that run on every request (storable strings) refuse with one.
  const status = error instanceof ApiError ? error.status : (error.statusCode ?? 500);
  if (error.validation || (status >= 400 && status < 500)) {
    return sendRefusal(
      request,
      reply,
      error.validation ? 400 : status,
      'dash.auth.refusal.badRequest.title',
      'dash.auth.refusal.badRequest.body',
    );
  }
  request.log.error({ err: error }, 'unhandled dashboard error');
  return sendRefusal(
    request,
    reply,
    500,
    'dash.auth.refusal.internal.title',
    'dash.auth.refusal.internal.body',
  );
}

function createSessionHook(deps: DashboardDeps): onRequestAsyncHookHandler {
  const sessionDeps = { store: deps.store, clock: deps.clock, secrets: deps.verification.secrets };
  return async (request, reply) => {
    const token = readSessionToken(request);
    const viewer = token === null ? null : await verifyMemberSession(sessionDeps, token);
    if (viewer !== null) {
      request.dashboardViewer = viewer;
      return;
    }
    // A cookie that no longer works is cleared, so the browser stops sending it.
    if (token !== null) clearSessionCookie(reply, deps.secureCookies);
    if (request.method === 'GET' || request.method === 'HEAD') {
      return reply.redirect(loginPathFor(request.url), 303);
    }
    throw new DashboardRefusal(401);
  };
}

function presentedCsrfToken(request: FastifyRequest): string | null {
  const body: unknown = request.body;
  if (typeof body === 'object' && body !== null && '_csrf' in body && typeof body._csrf === 'string') {
    return body._csrf;
  }
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : null;
}

/** Runs after the body is parsed and before it is validated or any handler sees it. */
function createForgeryCheck(deps: DashboardDeps): preValidationAsyncHookHandler {
  const publicOrigin = new URL(deps.config.publicUrl).origin;
  return async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const viewer = request.dashboardViewer;
    if (viewer === null) throw new DashboardRefusal(401);
    const presented = presentedCsrfToken(request);
    if (
      !isSameOriginRequest(request, publicOrigin) ||
      presented === null ||
      !csrfTokenMatches(viewer.csrfToken, presented)
    ) {
      throw new DashboardRefusal(403, 'dash.auth.refusal.forgery.body', {
        titleKey: 'dash.auth.refusal.forgery.title',
      });
    }
  };
}

/** Registers the whole dashboard on the app (called once by createApp). */
export function registerDashboard(app: FastifyInstance, deps: DashboardDeps): void {
  app.decorateRequest('dashboardViewer', null);
  app.register(async (dashboard) => {
    await dashboard.register(fastifyCookie);
    await dashboard.register(fastifyFormbody);
    dashboard.addHook('onSend', createCompressionHook({ onlyOwnRequests: true }));
    // Before the session hook, so that a signed-out `?lang=` is stored too (then /login follows).
    dashboard.addHook('onRequest', languageSwitchHook);
    dashboard.setErrorHandler(handleDashboardError);
    // Unknown paths under /dashboard get the dashboard's 404 page rather than the API's JSON.
    await dashboard.register(
      async (prefixed) => {
        prefixed.setNotFoundHandler((request, reply) =>
          sendRefusal(
            request,
            reply,
            404,
            'dash.auth.refusal.notFound.title',
            'dash.auth.refusal.notFound.body',
          ),
        );
      },
      { prefix: '/dashboard' },
    );
    await dashboard.register(authRoutes, { deps });
    await dashboard.register(async (signedIn) => {
      signedIn.addHook('onRequest', createSessionHook(deps));
      signedIn.addHook('preValidation', createForgeryCheck(deps));
      await signedIn.register(authSignedInRoutes, { deps });
      await signedIn.register(securityRoutes, { deps });
      await registerDashboardAreas(signedIn, deps);
    });
  });
}
