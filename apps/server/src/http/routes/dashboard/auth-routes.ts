// The sign-in pages and their passkey ceremonies, outside the signed-in scope (no session yet):
// GET /login, GET /dashboard/links/{token}, and the JSON endpoints under /dashboard/auth/ the pages'
// script calls. The ceremony endpoints have no anti-forgery token to check (there is no session), so
// they accept only JSON (which a cross-site form cannot send) from our own origin, and count every
// attempt per client address. A successful ceremony opens a new session (a new id and token) and
// revokes the one the browser presented, if any.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createMemberAuthenticationOptions,
  verifyMemberAuthentication,
} from '../../../core/members/member-authentication.ts';
import { findUsableMemberLink, type LinkFailure } from '../../../core/members/member-links.ts';
import {
  createMemberRegistrationOptions,
  verifyMemberRegistration,
} from '../../../core/members/member-registration.ts';
import { revokeMemberSessionByToken } from '../../../core/members/member-sessions.ts';
import type { MemberCeremonyFailure } from '../../../core/members/member-webauthn.ts';
import { summarizeUserAgent } from '../../../core/members/user-agent-summary.ts';
import { renderLinkPage, renderLoginPage } from '../../../web/dashboard/auth-pages.ts';
import { renderDashboardMessagePage } from '../../../web/dashboard/dashboard-layout.ts';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import {
  DashboardRefusal,
  sendDashboardPage,
  translatorOf,
} from '../../dashboard/dashboard-route-helpers.ts';
import { isSameOriginRequest } from '../../dashboard/request-origin.ts';
import { readSessionToken, setSessionCookie } from '../../dashboard/session-cookie.ts';
import { countSignInAttempt } from '../../dashboard/sign-in-rate-limit.ts';
import { authenticationResponseSchema, registrationResponseSchema } from '../../schemas/webauthn-json.ts';

const FAILURES: Readonly<Record<MemberCeremonyFailure, { status: number; message: MessageKey }>> = {
  link_unknown: { status: 404, message: 'dash.auth.link.unknown.body' },
  link_used: { status: 410, message: 'dash.auth.link.used.body' },
  link_expired: { status: 410, message: 'dash.auth.link.expired.body' },
  challenge_invalid: { status: 400, message: 'dash.auth.ceremony.challengeInvalid' },
  passkey_invalid: { status: 401, message: 'dash.auth.ceremony.passkeyInvalid' },
  user_handle_invalid: { status: 401, message: 'dash.auth.ceremony.passkeyInvalid' },
  passkey_unknown: { status: 401, message: 'dash.auth.ceremony.passkeyUnknown' },
  credential_exists: { status: 409, message: 'dash.auth.ceremony.credentialExists' },
  member_removed: { status: 403, message: 'dash.auth.ceremony.memberRemoved' },
};

const LINK_PAGES: Readonly<Record<LinkFailure, { status: number; title: MessageKey; body: MessageKey }>> = {
  link_unknown: { status: 404, title: 'dash.auth.link.unknown.title', body: 'dash.auth.link.unknown.body' },
  link_used: { status: 410, title: 'dash.auth.link.used.title', body: 'dash.auth.link.used.body' },
  link_expired: { status: 410, title: 'dash.auth.link.expired.title', body: 'dash.auth.link.expired.body' },
};

/** A path inside the dashboard, or /dashboard: never another site (no open redirect). */
export function safeNextPath(next: string | undefined): string {
  if (next === undefined) return '/dashboard';
  return /^\/dashboard(?:[/?#][^\\\s]*)?$/.test(next) && !next.startsWith('//') ? next : '/dashboard';
}

const tokenParams = z.object({ token: z.string().max(200) });
const displayName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((value) => !/[\p{Cc}]/u.test(value), 'no control characters');
const nextField = z.string().max(2_000).optional();

export const authRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const memberDeps = {
    store: deps.store,
    clock: deps.clock,
    secrets: deps.verification.secrets,
    webauthn: deps.verification.webauthn,
  };
  const publicOrigin = new URL(deps.config.publicUrl).origin;

  /**
   * Every ceremony request, before its body is even read: our origin, JSON (a cross-site form cannot
   * send it), and counted against the address's limit.
   */
  const guardCeremony = async (request: FastifyRequest): Promise<void> => {
    const json = /^application\/json\s*(?:;|$)/i.test(request.headers['content-type'] ?? '');
    if (!isSameOriginRequest(request, publicOrigin) || !json) {
      throw new DashboardRefusal(403, 'dash.auth.refusal.forgery.body', {
        titleKey: 'dash.auth.refusal.forgery.title',
      });
    }
    await countSignInAttempt(deps.rateLimitBackend, request);
  };

  const sendFailure = (request: FastifyRequest, reply: FastifyReply, reason: MemberCeremonyFailure) => {
    const failure = FAILURES[reason];
    return reply
      .code(failure.status)
      .header('cache-control', 'no-store')
      .send({ error: { code: failure.status, reason, message: translatorOf(request).t(failure.message) } });
  };

  /** The new session's cookie; the session this browser had before ends (rotation). */
  const startSession = async (request: FastifyRequest, reply: FastifyReply, token: string) => {
    const previous = readSessionToken(request);
    if (previous !== null) await revokeMemberSessionByToken(memberDeps, previous);
    setSessionCookie(reply, token, deps.secureCookies);
  };

  route.get(
    '/login',
    { schema: { hide: true, querystring: z.object({ next: nextField, signedOut: z.string().optional() }) } },
    async (request, reply) =>
      sendDashboardPage(
        reply,
        renderLoginPage({
          translator: translatorOf(request),
          next: safeNextPath(request.query.next),
          signedOut: request.query.signedOut !== undefined,
        }),
      ),
  );

  route.get(
    '/dashboard/links/:token',
    { schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      const translator = translatorOf(request);
      const usable = await findUsableMemberLink(memberDeps, request.params.token);
      if (!usable.ok) {
        const page = LINK_PAGES[usable.reason];
        return sendDashboardPage(
          reply,
          renderDashboardMessagePage(translator, translator.t(page.title), translator.t(page.body)),
          page.status,
        );
      }
      const account = await deps.store.findAccountById(usable.link.accountId);
      return sendDashboardPage(
        reply,
        renderLinkPage({
          translator,
          token: request.params.token,
          kind: usable.link.kind,
          accountName: account?.name ?? '',
          role: usable.link.role,
          suggestedName: usable.link.displayName,
          expiresAt: usable.link.expiresAt,
        }),
      );
    },
  );

  route.post(
    '/dashboard/auth/links/:token/options',
    {
      onRequest: guardCeremony,
      schema: { hide: true, params: tokenParams, body: z.object({ displayName }) },
    },
    async (request, reply) => {
      const result = await createMemberRegistrationOptions(memberDeps, {
        token: request.params.token,
        displayName: request.body.displayName,
      });
      if (!result.ok) return sendFailure(request, reply, result.reason);
      return reply.header('cache-control', 'no-store').send(result.value);
    },
  );

  route.post(
    '/dashboard/auth/links/:token/verify',
    {
      onRequest: guardCeremony,
      schema: {
        hide: true,
        params: tokenParams,
        body: z.object({ response: registrationResponseSchema, next: nextField }),
      },
    },
    async (request, reply) => {
      const result = await verifyMemberRegistration(memberDeps, {
        token: request.params.token,
        response: request.body.response,
        userAgent: summarizeUserAgent(request.headers['user-agent']),
        ip: request.ip,
      });
      if (!result.ok) return sendFailure(request, reply, result.reason);
      await startSession(request, reply, result.value.session.token);
      return reply.header('cache-control', 'no-store').send({ redirect: '/dashboard' });
    },
  );

  route.post(
    '/dashboard/auth/sign-in/options',
    { onRequest: guardCeremony, schema: { hide: true, body: z.object({}).optional() } },
    async (_request, reply) => {
      const options = await createMemberAuthenticationOptions(memberDeps);
      return reply.header('cache-control', 'no-store').send(options);
    },
  );

  route.post(
    '/dashboard/auth/sign-in/verify',
    {
      onRequest: guardCeremony,
      schema: { hide: true, body: z.object({ response: authenticationResponseSchema, next: nextField }) },
    },
    async (request, reply) => {
      const result = await verifyMemberAuthentication(memberDeps, {
        response: request.body.response,
        userAgent: summarizeUserAgent(request.headers['user-agent']),
        ip: request.ip,
      });
      if (!result.ok) return sendFailure(request, reply, result.reason);
      await startSession(request, reply, result.value.session.token);
      return reply.header('cache-control', 'no-store').send({ redirect: safeNextPath(request.body.next) });
    },
  );
};
