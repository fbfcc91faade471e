// Signed-in dashboard members for route tests, made through core's real session code (the passkey
// ceremony that normally precedes it is tested in test/routes/dashboard-auth.*.test.ts), and requests
// that carry the session cookie, the anti-forgery token and a same-origin Origin, as a browser would.
// Below them, the ceremonies themselves driven as dashboard-auth.js drives them, with a software
// authenticator (test/support/soft-authenticator.ts).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import { createId } from '../../src/core/ids.ts';
import type { MemberRole } from '../../src/core/members/member-roles.ts';
import { openMemberSession } from '../../src/core/members/member-sessions.ts';
import { SESSION_COOKIE } from '../../src/http/dashboard/session-cookie.ts';
import type { AuthenticationOptions, RegistrationOptions, SoftAuthenticator } from './soft-authenticator.ts';

export interface DashboardTestSession {
  memberId: string;
  sessionId: string;
  /** The Cookie header value: `poy_dash_session=<token>`. */
  cookie: string;
  /** The session token itself (what the cookie holds). */
  token: string;
  csrfToken: string;
}

let memberCounter = 0;

/** Adds a member with this role to the account and opens a dashboard session for them. */
export async function signInMember(
  app: FastifyInstance,
  input: { accountId: string; role: MemberRole; displayName?: string },
): Promise<DashboardTestSession> {
  const { store, clock, secrets } = app.services.verification;
  memberCounter++;
  const member = await store.insertMember({
    id: createId('mem'),
    accountId: input.accountId,
    role: input.role,
    displayName: input.displayName ?? `Member ${memberCounter} (${input.role})`,
    createdAt: clock.now(),
    removedAt: null,
  });
  const opened = await openMemberSession(
    store,
    { clock, secrets },
    {
      memberId: member.id,
      userAgent: 'test',
    },
  );
  return {
    memberId: member.id,
    sessionId: opened.sessionId,
    cookie: `${SESSION_COOKIE}=${opened.token}`,
    token: opened.token,
    csrfToken: opened.csrfToken,
  };
}

/** The deployment's own origin, as a browser on a dashboard page sends it. */
export function dashboardOrigin(app: FastifyInstance): string {
  return new URL(app.services.verification.publicUrl).origin;
}

/** GET a dashboard page as the signed-in member. */
export function getDashboardPage(
  app: FastifyInstance,
  url: string,
  session: Pick<DashboardTestSession, 'cookie'> | null,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'GET',
    url,
    headers: { ...(session ? { cookie: session.cookie } : {}), ...headers },
  });
}

/**
 * POST an HTML form as the signed-in member: the cookie, `_csrf` (unless `fields` sets its own) and a
 * same-origin Origin (unless `headers` overrides it).
 */
export function postDashboardForm(
  app: FastifyInstance,
  url: string,
  session: Pick<DashboardTestSession, 'cookie' | 'csrfToken'> | null,
  fields: Record<string, string | readonly string[]> = {},
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const form = new URLSearchParams();
  if (session && !('_csrf' in fields)) form.append('_csrf', session.csrfToken);
  for (const [name, value] of Object.entries(fields)) {
    for (const item of typeof value === 'string' ? [value] : value) form.append(name, item);
  }
  return app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: dashboardOrigin(app),
      ...(session ? { cookie: session.cookie } : {}),
      ...headers,
    },
    payload: form.toString(),
  });
}

let addressCounter = 0;

/**
 * A client address of its own for each ceremony (2001:db8::/32 is for documentation): sign-in
 * attempts are limited per address, and a test file makes more than one person would. The rate limit
 * test passes one address on purpose.
 */
export function nextTestAddress(): string {
  addressCounter++;
  return `2001:db8::${addressCounter.toString(16)}`;
}

/** Headers of a ceremony request from a dashboard page's script: JSON, from our own origin. */
export function ceremonyHeaders(
  app: FastifyInstance,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { 'content-type': 'application/json', origin: dashboardOrigin(app), ...extra };
}

/** The `poy_dash_session=<token>` pair a response set, or null. */
export function sessionCookieOf(response: LightMyRequestResponse): string | null {
  const cookie = response.cookies.find((each) => each.name === SESSION_COOKIE);
  return cookie && cookie.value !== '' ? `${SESSION_COOKIE}=${cookie.value}` : null;
}

const creationOptions = z.object({
  challenge: z.string(),
  rp: z.object({ id: z.string().optional() }),
  user: z.object({ id: z.string(), name: z.string() }),
});
const requestOptions = z.object({
  challenge: z.string(),
  rpId: z.string().optional(),
  allowCredentials: z.array(z.object({ id: z.string() })).optional(),
});

/** Opens a one-time link as the page's script does: options, the authenticator, verify. */
export async function registerThroughLink(
  app: FastifyInstance,
  authenticator: SoftAuthenticator,
  token: string,
  input: {
    displayName: string;
    registration?: Partial<RegistrationOptions>;
    headers?: Record<string, string>;
    /** The client address; a fresh one by default (nextTestAddress). */
    remoteAddress?: string;
  },
): Promise<{ verify: LightMyRequestResponse; cookie: string | null }> {
  const remoteAddress = input.remoteAddress ?? nextTestAddress();
  const options = await app.inject({
    remoteAddress,
    method: 'POST',
    url: `/dashboard/auth/links/${token}/options`,
    headers: ceremonyHeaders(app, input.headers),
    payload: { displayName: input.displayName },
  });
  if (options.statusCode !== 200) return { verify: options, cookie: null };
  const response = authenticator.createRegistrationResponse(creationOptions.parse(options.json()), {
    origin: dashboardOrigin(app),
    ...input.registration,
  });
  const verify = await app.inject({
    remoteAddress,
    method: 'POST',
    url: `/dashboard/auth/links/${token}/verify`,
    headers: ceremonyHeaders(app, input.headers),
    payload: { response },
  });
  return { verify, cookie: sessionCookieOf(verify) };
}

/** Signs in on /login as the page's script does, with the authenticator's passkey. */
export async function signInWithPasskey(
  app: FastifyInstance,
  authenticator: SoftAuthenticator,
  input: {
    authentication?: Partial<AuthenticationOptions>;
    headers?: Record<string, string>;
    next?: string;
    /** The client address; a fresh one by default (nextTestAddress). */
    remoteAddress?: string;
  } = {},
): Promise<{ verify: LightMyRequestResponse; cookie: string | null }> {
  const remoteAddress = input.remoteAddress ?? nextTestAddress();
  const options = await app.inject({
    remoteAddress,
    method: 'POST',
    url: '/dashboard/auth/sign-in/options',
    headers: ceremonyHeaders(app, input.headers),
    payload: {},
  });
  if (options.statusCode !== 200) return { verify: options, cookie: null };
  const response = authenticator.createAuthenticationResponse(requestOptions.parse(options.json()), {
    origin: dashboardOrigin(app),
    ...input.authentication,
  });
  const verify = await app.inject({
    remoteAddress,
    method: 'POST',
    url: '/dashboard/auth/sign-in/verify',
    headers: ceremonyHeaders(app, input.headers),
    payload: { response, ...(input.next === undefined ? {} : { next: input.next }) },
  });
  return { verify, cookie: sessionCookieOf(verify) };
}
