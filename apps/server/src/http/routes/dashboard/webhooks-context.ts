// What every webhook and delivery route starts from: the member's permission for the action, their own
// project (another account's id answers 404 like an unknown one), the mode in the URL, and what the
// page frame and the audit log need. Notices travel in the one-time flash cookie as a code the pages
// know, never as free text.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canPerform, type DashboardAction } from '../../../core/members/member-roles.ts';
import type { Tenant } from '../../../core/webhooks/manage-webhooks.ts';
import type { WebhookChangeAuthor } from '../../../core/webhooks/webhook-audit.ts';
import type { KeyMode, Project } from '../../../store/store.ts';
import type { DashboardProjectRef } from '../../../web/dashboard/dashboard-layout.ts';
import type { WebhookPermissions } from '../../../web/dashboard/webhooks-list-page.ts';
import type { MessageKey, Translator } from '../../../web/i18n/translate.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import {
  auditActorOf,
  flashOptionsOf,
  listViewerProjects,
  openProjectRoute,
  translatorOf,
} from '../../dashboard/dashboard-route-helpers.ts';
import type { DashboardViewer } from '../../dashboard/dashboard-viewer.ts';
import { type Flash, setFlash, takeFlash } from '../../dashboard/flash.ts';

export interface ProjectParams {
  projectId: string;
  mode: string;
}

export interface WebhookPageContext {
  viewer: DashboardViewer;
  project: Project;
  projectRef: DashboardProjectRef;
  mode: KeyMode;
  tenant: Tenant;
  translator: Translator;
  projects: DashboardProjectRef[];
  permissions: WebhookPermissions;
  /** Who the audit log names for a change made in this request. */
  author: WebhookChangeAuthor;
}

/** Checks the action first (403), then the mode (404) and the project (404), and loads the frame. */
export async function loadWebhookContext(
  deps: DashboardDeps,
  request: FastifyRequest,
  params: ProjectParams,
  action: DashboardAction,
): Promise<WebhookPageContext> {
  const { viewer, mode, project } = await openProjectRoute(deps, request, params, action);
  return {
    viewer,
    project,
    projectRef: { id: project.id, name: project.name },
    mode,
    tenant: { projectId: project.id, mode },
    translator: translatorOf(request),
    projects: await listViewerProjects(deps, viewer),
    permissions: {
      manage: canPerform(viewer.role, 'webhook.manage'),
      replay: canPerform(viewer.role, 'webhook.replay'),
    },
    author: { actor: auditActorOf(request), accountId: viewer.accountId },
  };
}

const NOTICES = {
  created: 'dash.webhooks.notice.created',
  saved: 'dash.webhooks.notice.saved',
  deleted: 'dash.webhooks.notice.deleted',
  test_sent: 'dash.webhooks.notice.testSent',
  replayed: 'dash.webhooks.notice.replayed',
  replayed_failed: 'dash.webhooks.notice.replayedFailed',
} as const satisfies Record<string, MessageKey>;

export type WebhookNotice = keyof typeof NOTICES;

function isNotice(code: string): code is WebhookNotice {
  return Object.hasOwn(NOTICES, code);
}

export function flashNotice(
  deps: DashboardDeps,
  reply: FastifyReply,
  context: WebhookPageContext,
  notice: WebhookNotice,
  count = 0,
): void {
  setFlash(
    reply,
    context.viewer.sessionId,
    { kind: 'notice', subjectId: String(count), value: notice },
    flashOptionsOf(deps),
  );
}

export function flashSecret(
  deps: DashboardDeps,
  reply: FastifyReply,
  context: WebhookPageContext,
  subjectId: string,
  secret: string,
): void {
  setFlash(
    reply,
    context.viewer.sessionId,
    { kind: 'webhook_secret', subjectId, value: secret },
    flashOptionsOf(deps),
  );
}

/** What the one-time flash holds for a webhook page: a secret to show once, or a notice. */
export function takeWebhookFlash(
  deps: DashboardDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  context: WebhookPageContext,
): { secret: { subjectId: string; value: string } | null; notice: string | null } {
  const flash: Flash | null = takeFlash(request, reply, context.viewer.sessionId, flashOptionsOf(deps));
  if (flash?.kind === 'webhook_secret') {
    return { secret: { subjectId: flash.subjectId, value: flash.value }, notice: null };
  }
  if (flash?.kind === 'notice' && isNotice(flash.value)) {
    const count = Number.parseInt(flash.subjectId, 10);
    return {
      secret: null,
      notice: context.translator.t(NOTICES[flash.value], { count: Number.isFinite(count) ? count : 0 }),
    };
  }
  return { secret: null, notice: null };
}
