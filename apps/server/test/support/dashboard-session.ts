// Signed-in dashboard members for route tests, made through core's real session code (the passkey
// ceremony that normally precedes it is tested in test/routes/dashboard-auth.*.test.ts), and requests
// that carry the session cookie, the anti-forgery token and a same-origin Origin, as a browser would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createId } from '../../src/core/ids.ts';
import type { MemberRole } from '../../src/core/members/member-roles.ts';
import { openMemberSession } from '../../src/core/members/member-sessions.ts';
import { SESSION_COOKIE } from '../../src/http/dashboard/session-cookie.ts';

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
