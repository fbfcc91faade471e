// /dashboard/security: the member's own sessions, and sign-out everywhere (every session of theirs,
// this one too). Every member may see and end their own sessions, whatever their role.
import type { FastifyPluginAsync } from 'fastify';
import { listMemberSessions } from '../../../core/members/member-sessions.ts';
import { signOutEverywhere } from '../../../core/members/sign-out-everywhere.ts';
import { renderDashboardPage } from '../../../web/dashboard/dashboard-layout.ts';
import { renderSecurityBody } from '../../../web/dashboard/security-page.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import {
  auditActorOf,
  listViewerProjects,
  requireAction,
  sendDashboardPage,
  translatorOf,
} from '../../dashboard/dashboard-route-helpers.ts';
import { clearSessionCookie } from '../../dashboard/session-cookie.ts';

export const securityRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const sessionDeps = { store: deps.store, clock: deps.clock, secrets: deps.verification.secrets };

  app.get('/dashboard/security', { schema: { hide: true } }, async (request, reply) => {
    const viewer = requireAction(request, 'dashboard.read');
    const translator = translatorOf(request);
    const [sessions, projects] = await Promise.all([
      listMemberSessions(sessionDeps, viewer.memberId),
      listViewerProjects(deps, viewer),
    ]);
    return sendDashboardPage(
      reply,
      renderDashboardPage({
        translator,
        viewer,
        title: translator.t('dash.auth.security.title'),
        body: renderSecurityBody({ translator, viewer, sessions }),
        projects,
        current: null,
        section: 'security',
      }),
    );
  });

  app.post('/dashboard/security/sign-out-everywhere', { schema: { hide: true } }, async (request, reply) => {
    const viewer = requireAction(request, 'dashboard.read');
    await signOutEverywhere(deps, {
      accountId: viewer.accountId,
      memberId: viewer.memberId,
      actor: auditActorOf(request),
    });
    clearSessionCookie(reply, deps.secureCookies);
    return reply.redirect('/login?signedOut=everywhere', 303);
  });
};
