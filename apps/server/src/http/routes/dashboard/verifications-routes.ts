// /dashboard/p/{projectId}/{mode}/verifications[...] (docs/dashboard.md §6): the list with its GET
// filters, one verification's page, and revoking or deleting its user. Reading needs
// `dashboard.read`; revoke and delete need `verification.manage`, a ticked confirmation box, and go
// through the Connect API's own code (core/verification/manage-verification.ts), so the same webhook
// events fire, with the audit entry in the same transaction. Every lookup is bound to the project of
// the member's account and to the mode in the URL: anything else is 404, like an unknown id.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deleteVerificationUser,
  revokeVerificationUser,
} from '../../../core/verification/manage-verification.ts';
import { getVerificationDetail } from '../../../core/verification/verification-detail.ts';
import { searchProjectVerifications } from '../../../core/verification/verification-search.ts';
import type { KeyMode, Project } from '../../../store/store.ts';
import { projectPath } from '../../../web/dashboard/dashboard-layout.ts';
import { renderVerificationDetailPage } from '../../../web/dashboard/verifications-detail-page.ts';
import {
  renderVerificationsListPage,
  verificationPath,
} from '../../../web/dashboard/verifications-list-page.ts';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import {
  auditActorOf,
  DashboardRefusal,
  flashOptionsOf,
  listViewerProjects,
  openProjectRoute,
  sendDashboardPage,
  translatorOf,
} from '../../dashboard/dashboard-route-helpers.ts';
import type { DashboardViewer } from '../../dashboard/dashboard-viewer.ts';
import { setFlash, takeFlash } from '../../dashboard/flash.ts';
import { reviewsRoutes } from './reviews-routes.ts';
import { parseVerificationFilters } from './verifications-filters.ts';

/** Rows per page of the list. */
export const VERIFICATIONS_PAGE_SIZE = 50;
const VERIFICATION_ID = /^vs_[A-Za-z0-9]{1,64}$/;

const listParams = z.object({ projectId: z.string().max(200), mode: z.string().max(10) });
const itemParams = listParams.extend({ verificationId: z.string().max(200) });
const confirmBody = z.object({ confirm: z.string().max(10).optional() });

/** What a one-time notice after a change may say (the flash carries only this name). */
const NOTICES = {
  revoked: 'dash.verifications.notice.revoked',
  already_revoked: 'dash.verifications.notice.alreadyRevoked',
  deleted: 'dash.verifications.notice.deleted',
} as const satisfies Record<string, MessageKey>;
type NoticeName = keyof typeof NOTICES;

function isNoticeName(value: string): value is NoticeName {
  return Object.hasOwn(NOTICES, value);
}

export const verificationsRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  // The review queue is part of this area (one registration in dashboard-areas.ts).
  await app.register(reviewsRoutes, { deps });

  function takeNotice(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: DashboardViewer,
    subjectId: string,
  ) {
    const flash = takeFlash(request, reply, viewer.sessionId, flashOptionsOf(deps));
    if (flash?.kind !== 'notice' || flash.subjectId !== subjectId || !isNoticeName(flash.value)) return null;
    return NOTICES[flash.value];
  }

  function redirectWithNotice(
    reply: FastifyReply,
    viewer: DashboardViewer,
    to: string,
    notice: NoticeName,
    subjectId: string,
  ): FastifyReply {
    setFlash(reply, viewer.sessionId, { kind: 'notice', subjectId, value: notice }, flashOptionsOf(deps));
    return reply.redirect(to, 303);
  }

  async function sendDetailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { viewer: DashboardViewer; project: Project; mode: KeyMode; verificationId: string },
    extra: { notice: MessageKey | null; error: MessageKey | null },
    status = 200,
  ): Promise<FastifyReply> {
    const { viewer, project, mode, verificationId } = page;
    if (!VERIFICATION_ID.test(verificationId)) throw new DashboardRefusal(404);
    const detail = await getVerificationDetail(deps, { project, mode, verificationId });
    if (!detail) throw new DashboardRefusal(404);
    return sendDashboardPage(
      reply,
      renderVerificationDetailPage({
        translator: translatorOf(request),
        viewer,
        projects: await listViewerProjects(deps, viewer),
        project: { id: project.id, name: project.name },
        mode,
        detail,
        ...extra,
      }),
      status,
    );
  }

  route.get(
    '/dashboard/p/:projectId/:mode/verifications',
    { schema: { hide: true, params: listParams } },
    async (request, reply) => {
      const { viewer, mode, project } = await openProjectRoute(
        deps,
        request,
        request.params,
        'dashboard.read',
      );
      const parsed = parseVerificationFilters(request.query);
      const page =
        parsed.errors.length > 0
          ? null
          : await searchProjectVerifications(deps, {
              project,
              mode,
              filters: parsed.filters,
              after: parsed.after,
              limit: VERIFICATIONS_PAGE_SIZE,
            });
      return sendDashboardPage(
        reply,
        renderVerificationsListPage({
          translator: translatorOf(request),
          viewer,
          projects: await listViewerProjects(deps, viewer),
          project: { id: project.id, name: project.name },
          mode,
          form: parsed.form,
          errors: parsed.errors,
          page,
          paged: parsed.after !== null,
          notice: takeNotice(request, reply, viewer, `${project.id}/${mode}`),
        }),
        parsed.errors.length > 0 ? 400 : 200,
      );
    },
  );

  route.get(
    '/dashboard/p/:projectId/:mode/verifications/:verificationId',
    { schema: { hide: true, params: itemParams } },
    async (request, reply) => {
      const { viewer, mode, project } = await openProjectRoute(
        deps,
        request,
        request.params,
        'dashboard.read',
      );
      const { verificationId } = request.params;
      const notice = takeNotice(request, reply, viewer, verificationId);
      return sendDetailPage(
        request,
        reply,
        { viewer, project, mode, verificationId },
        { notice, error: null },
      );
    },
  );

  for (const action of ['revoke', 'delete'] as const) {
    route.post(
      `/dashboard/p/:projectId/:mode/verifications/:verificationId/${action}`,
      { schema: { hide: true, params: itemParams, body: confirmBody } },
      async (request, reply) => {
        const { viewer, mode, project } = await openProjectRoute(
          deps,
          request,
          request.params,
          'verification.manage',
        );
        const { verificationId } = request.params;
        if (!VERIFICATION_ID.test(verificationId)) throw new DashboardRefusal(404);
        const scope = { viewer, project, mode, verificationId };
        if (request.body.confirm !== 'yes') {
          // Not confirmed: the page again with the message, nothing changed.
          return sendDetailPage(
            request,
            reply,
            scope,
            { notice: null, error: 'dash.verifications.manage.confirmMissing' },
            400,
          );
        }
        const input = { project, mode, verificationId, actor: auditActorOf(request) };
        const result =
          action === 'revoke'
            ? await revokeVerificationUser(deps, input)
            : await deleteVerificationUser(deps, input);
        if (!result.ok && result.reason === 'not_found') throw new DashboardRefusal(404);
        if (!result.ok) {
          return sendDetailPage(
            request,
            reply,
            scope,
            { notice: null, error: 'dash.verifications.manage.noUser' },
            400,
          );
        }
        if (action === 'delete') {
          // Its verifications went with the user: back to the list.
          const list = projectPath(project.id, mode, 'verifications');
          return redirectWithNotice(reply, viewer, list, 'deleted', `${project.id}/${mode}`);
        }
        const notice = result.changed ? 'revoked' : 'already_revoked';
        return redirectWithNotice(
          reply,
          viewer,
          verificationPath(project.id, mode, verificationId),
          notice,
          verificationId,
        );
      },
    );
  }
};
