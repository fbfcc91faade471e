// The signed-in member's own entry points: /dashboard (to the first project's test overview) and
// sign-out of this session. The session hook and the anti-forgery check have run before these.
import type { FastifyPluginAsync } from 'fastify';
import { revokeMemberSession } from '../../../core/members/member-sessions.ts';
import { projectPath } from '../../../web/dashboard/dashboard-layout.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import { requireAction } from '../../dashboard/dashboard-route-helpers.ts';
import { clearSessionCookie } from '../../dashboard/session-cookie.ts';

export const authSignedInRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const sessionDeps = { store: deps.store, clock: deps.clock, secrets: deps.verification.secrets };

  app.get('/dashboard', { schema: { hide: true } }, async (request, reply) => {
    const viewer = requireAction(request, 'dashboard.read');
    const [first] = await deps.store.listProjectsByAccount(viewer.accountId);
    // Test mode first: a new member looks around without touching live data.
    return reply.redirect(first ? projectPath(first.id, 'test', 'overview') : '/dashboard/projects', 303);
  });

  app.post('/dashboard/sign-out', { schema: { hide: true } }, async (request, reply) => {
    const viewer = requireAction(request, 'dashboard.read');
    await revokeMemberSession(sessionDeps, viewer.sessionId);
    clearSessionCookie(reply, deps.secureCookies);
    return reply.redirect('/login?signedOut=1', 303);
  });
};
