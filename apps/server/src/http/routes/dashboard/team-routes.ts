// /dashboard/team: every member sees who is in the account; owners and admins (member.manage) invite,
// change roles and remove. Each POST is checked for the action, then for the roles involved by core
// (canAssignRole, and never the last owner), and answers 303 back to the page; bad input re-renders the
// page with 400 and changes nothing. An invite link travels to the next page in the one-time flash
// cookie (sealed, bound to this session) and is shown there once.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeMemberRole } from '../../../core/members/change-member-role.ts';
import { inviteMember } from '../../../core/members/member-links.ts';
import { canAssignRole, canPerform, isMemberRole } from '../../../core/members/member-roles.ts';
import { removeMember } from '../../../core/members/remove-member.ts';
import type { TeamChangeRefusal } from '../../../core/members/team-rules.ts';
import { renderTeamPage, type TeamPageInput } from '../../../web/dashboard/team-page.ts';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import {
  auditActorOf,
  DashboardRefusal,
  flashOptionsOf,
  listViewerProjects,
  requireAction,
  sendDashboardPage,
  translatorOf,
} from '../../dashboard/dashboard-route-helpers.ts';
import type { DashboardViewer } from '../../dashboard/dashboard-viewer.ts';
import { setFlash, takeFlash } from '../../dashboard/flash.ts';
import { clearSessionCookie } from '../../dashboard/session-cookie.ts';

const TEAM_PATH = '/dashboard/team';
/** The same bound as the members table's display_name. */
const NAME_MAX_LENGTH = 100;

/** Notices a change leaves for the next page, carried in the flash as their name. */
const NOTICES: Readonly<Record<string, MessageKey>> = {
  role_changed: 'dash.team.notice.roleChanged',
  member_removed: 'dash.team.notice.removed',
};

const memberParams = z.object({ memberId: z.string().max(200) });
const roleForm = z.object({ role: z.string().max(40) });
const inviteForm = z.object({ role: z.string().max(40), name: z.string().max(1000).optional() });

function isNoticeName(value: string): value is keyof typeof NOTICES {
  return Object.hasOwn(NOTICES, value);
}

export const teamRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const publicUrl = deps.verification.publicUrl;

  async function sendTeamPage(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: DashboardViewer,
    extra: Partial<Pick<TeamPageInput, 'notice' | 'error' | 'inviteForm'>> & {
      /** The invite this member just made (from the flash): shown with its expiry, if still open. */
      newInvite?: { linkId: string; url: string } | null;
    },
    status = 200,
  ): Promise<FastifyReply> {
    const manages = canPerform(viewer.role, 'member.manage');
    const [members, projects, invites] = await Promise.all([
      deps.store.listMembersByAccount(viewer.accountId),
      listViewerProjects(deps, viewer),
      manages ? deps.store.listOpenMemberLinks(viewer.accountId, deps.clock.now()) : Promise.resolve([]),
    ]);
    const { newInvite, ...rest } = extra;
    const invited = invites.find((link) => link.id === newInvite?.linkId);
    const page = renderTeamPage({
      translator: translatorOf(request),
      viewer,
      projects,
      members,
      invites,
      newInvite: newInvite && invited ? { url: newInvite.url, expiresAt: invited.expiresAt } : null,
      notice: null,
      error: null,
      inviteForm: { name: '', role: '' },
      ...rest,
    });
    return sendDashboardPage(reply, page, status);
  }

  /** A refusal from core: unknown members are 404 pages, the rest say why on the team page. */
  function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: DashboardViewer,
    reason: TeamChangeRefusal,
  ): Promise<FastifyReply> {
    if (reason === 'member_not_found') throw new DashboardRefusal(404);
    if (reason === 'not_allowed') throw new DashboardRefusal(403);
    return sendTeamPage(request, reply, viewer, { error: 'dash.team.error.lastOwner' }, 409);
  }

  route.get(TEAM_PATH, { schema: { hide: true } }, async (request, reply) => {
    const viewer = requireAction(request, 'dashboard.read');
    const flash = takeFlash(request, reply, viewer.sessionId, flashOptionsOf(deps));
    const newInvite = flash?.kind === 'member_invite' ? { linkId: flash.subjectId, url: flash.value } : null;
    const notice = flash?.kind === 'notice' && isNoticeName(flash.value) ? NOTICES[flash.value] : undefined;
    return sendTeamPage(request, reply, viewer, { newInvite, notice: notice ?? null });
  });

  route.post(`${TEAM_PATH}/invite`, { schema: { hide: true } }, async (request, reply) => {
    const viewer = requireAction(request, 'member.manage');
    const form = inviteForm.safeParse(request.body);
    const sent = { name: form.data?.name ?? '', role: form.data?.role ?? '' };
    if (!form.success || !isMemberRole(form.data.role)) {
      return sendTeamPage(request, reply, viewer, { error: 'dash.team.error.role', inviteForm: sent }, 400);
    }
    const name = form.data.name?.trim() ?? '';
    if (name.length > NAME_MAX_LENGTH) {
      return sendTeamPage(request, reply, viewer, { error: 'dash.team.error.name', inviteForm: sent }, 400);
    }
    // Only an owner makes owners, by invite as by promotion.
    if (!canAssignRole(viewer.role, form.data.role)) throw new DashboardRefusal(403);
    const created = await inviteMember(
      { store: deps.store, clock: deps.clock, publicUrl },
      {
        accountId: viewer.accountId,
        role: form.data.role,
        displayName: name === '' ? null : name,
        actor: auditActorOf(request),
      },
    );
    setFlash(
      reply,
      viewer.sessionId,
      { kind: 'member_invite', subjectId: created.link.id, value: created.url },
      flashOptionsOf(deps),
    );
    return reply.redirect(TEAM_PATH, 303);
  });

  route.post(
    `${TEAM_PATH}/members/:memberId/role`,
    { schema: { hide: true, params: memberParams } },
    async (request, reply) => {
      const viewer = requireAction(request, 'member.manage');
      const form = roleForm.safeParse(request.body);
      if (!form.success || !isMemberRole(form.data.role)) {
        return sendTeamPage(request, reply, viewer, { error: 'dash.team.error.role' }, 400);
      }
      const result = await changeMemberRole(deps, {
        accountId: viewer.accountId,
        actorMemberId: viewer.memberId,
        actor: auditActorOf(request),
        memberId: request.params.memberId,
        role: form.data.role,
      });
      if (!result.ok) return refuse(request, reply, viewer, result.reason);
      if (result.changed) {
        setFlash(
          reply,
          viewer.sessionId,
          { kind: 'notice', subjectId: result.member.id, value: 'role_changed' },
          flashOptionsOf(deps),
        );
      }
      return reply.redirect(TEAM_PATH, 303);
    },
  );

  route.post(
    `${TEAM_PATH}/members/:memberId/remove`,
    { schema: { hide: true, params: memberParams } },
    async (request, reply) => {
      const viewer = requireAction(request, 'member.manage');
      const result = await removeMember(deps, {
        accountId: viewer.accountId,
        actorMemberId: viewer.memberId,
        actor: auditActorOf(request),
        memberId: request.params.memberId,
      });
      if (!result.ok) return refuse(request, reply, viewer, result.reason);
      // Removing yourself ends your own sessions too: there is no team page to go back to.
      if (result.member.id === viewer.memberId) {
        clearSessionCookie(reply, deps.secureCookies);
        return reply.redirect('/login', 303);
      }
      setFlash(
        reply,
        viewer.sessionId,
        { kind: 'notice', subjectId: result.member.id, value: 'member_removed' },
        flashOptionsOf(deps),
      );
      return reply.redirect(TEAM_PATH, 303);
    },
  );
};
