// /dashboard/p/{projectId}/{mode}/reviews (docs/dashboard.md §6, docs/assurance.md §4): the held
// verifications with the evidence kept, and the decision on one. Reading needs `dashboard.read`,
// deciding `review.decide`. A decision goes through core/verification/review-decision.ts, the code of
// the review API, so the same state changes and webhook events follow; the member's audit entry
// commits in the decision's transaction. A verification of another project or mode is 404.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decideReview } from '../../../core/verification/review-decision.ts';
import { listReviewQueue } from '../../../core/verification/review-queue.ts';
import type { KeyMode, Project } from '../../../store/store.ts';
import { projectPath } from '../../../web/dashboard/dashboard-layout.ts';
import { renderReviewsQueuePage } from '../../../web/dashboard/reviews-queue-page.ts';
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

/** Held verifications shown at once, oldest first (as the review API's largest page). */
export const REVIEW_QUEUE_SIZE = 100;
const VERIFICATION_ID = /^vs_[A-Za-z0-9]{1,64}$/;

const queueParams = z.object({ projectId: z.string().max(200), mode: z.string().max(10) });
const decideParams = queueParams.extend({ verificationId: z.string().max(200) });
const decideBody = z.object({ decision: z.string().max(20).optional() });

const DECISION_NOTICES = {
  approve: 'dash.reviews.notice.approve',
  duplicate: 'dash.reviews.notice.duplicate',
} as const satisfies Record<string, MessageKey>;

function isDecision(value: string | undefined): value is keyof typeof DECISION_NOTICES {
  return value !== undefined && Object.hasOwn(DECISION_NOTICES, value);
}

export const reviewsRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();

  async function sendQueuePage(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { viewer: DashboardViewer; project: Project; mode: KeyMode },
    extra: { notice: MessageKey | null; error: MessageKey | null },
    status = 200,
  ): Promise<FastifyReply> {
    const { viewer, project, mode } = page;
    const queue = await listReviewQueue(deps, { project, mode, limit: REVIEW_QUEUE_SIZE });
    return sendDashboardPage(
      reply,
      renderReviewsQueuePage({
        translator: translatorOf(request),
        viewer,
        projects: await listViewerProjects(deps, viewer),
        project: { id: project.id, name: project.name },
        mode,
        queue,
        ...extra,
      }),
      status,
    );
  }

  route.get(
    '/dashboard/p/:projectId/:mode/reviews',
    { schema: { hide: true, params: queueParams } },
    async (request, reply) => {
      const { viewer, mode, project } = await openProjectRoute(
        deps,
        request,
        request.params,
        'dashboard.read',
      );
      const flash = takeFlash(request, reply, viewer.sessionId, flashOptionsOf(deps));
      const notice =
        flash?.kind === 'notice' && flash.subjectId === `${project.id}/${mode}` && isDecision(flash.value)
          ? DECISION_NOTICES[flash.value]
          : null;
      return sendQueuePage(request, reply, { viewer, project, mode }, { notice, error: null });
    },
  );

  route.post(
    '/dashboard/p/:projectId/:mode/reviews/:verificationId',
    { schema: { hide: true, params: decideParams, body: decideBody } },
    async (request, reply) => {
      const { viewer, mode, project } = await openProjectRoute(
        deps,
        request,
        request.params,
        'review.decide',
      );
      const { verificationId } = request.params;
      if (!VERIFICATION_ID.test(verificationId)) throw new DashboardRefusal(404);
      const page = { viewer, project, mode };
      const decision = request.body.decision;
      if (!isDecision(decision)) {
        return sendQueuePage(
          request,
          reply,
          page,
          { notice: null, error: 'dash.reviews.error.decision' },
          400,
        );
      }
      const result = await decideReview(deps.verification, {
        project,
        mode,
        verificationId,
        decision,
        actor: auditActorOf(request),
      });
      if (!result.ok && result.reason === 'not_found') throw new DashboardRefusal(404);
      if (!result.ok) {
        // Decided already (by another member, or through the API): nothing changed.
        return sendQueuePage(
          request,
          reply,
          page,
          { notice: null, error: 'dash.reviews.error.notHeld' },
          409,
        );
      }
      setFlash(
        reply,
        viewer.sessionId,
        { kind: 'notice', subjectId: `${project.id}/${mode}`, value: decision },
        flashOptionsOf(deps),
      );
      return reply.redirect(projectPath(project.id, mode, 'reviews'), 303);
    },
  );
};
