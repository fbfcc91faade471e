// What every dashboard route uses: the permission check, the viewer's own project (another account's
// id answers 404 exactly like an unknown one), the mode in the URL, the translator, the page sender
// with its security headers, and the audit actor. Each refusal is a DashboardRefusal, rendered by the
// scope's error handler (http/dashboard/dashboard-scope.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditActor } from '../../core/audit/record-audit-event.ts';
import { canPerform, type DashboardAction } from '../../core/members/member-roles.ts';
import type { KeyMode, Project } from '../../store/store.ts';
import type { DashboardProjectRef } from '../../web/dashboard/dashboard-layout.ts';
import type { SafeHtml } from '../../web/html.ts';
import { CONTENT_SECURITY_POLICY } from '../routes/pages.ts';
import type { DashboardDeps } from './dashboard-deps.ts';
import { DashboardRefusal } from './dashboard-refusal.ts';
import type { DashboardViewer } from './dashboard-viewer.ts';
import type { FlashOptions } from './flash.ts';

export { DashboardRefusal } from './dashboard-refusal.ts';

/** The signed-in member, if their role allows `action`; otherwise a 401 or 403 refusal. */
export function requireAction(request: FastifyRequest, action: DashboardAction): DashboardViewer {
  const viewer = request.dashboardViewer;
  if (viewer === null) throw new DashboardRefusal(401);
  if (!canPerform(viewer.role, action)) throw new DashboardRefusal(403);
  return viewer;
}

/** The project, if it is the viewer's account's; otherwise 404 (the same answer as an unknown id). */
export async function loadViewerProject(
  deps: DashboardDeps,
  viewer: DashboardViewer,
  projectId: string,
): Promise<Project> {
  const project = await deps.store.findProjectById(projectId);
  if (project === null || project.accountId !== viewer.accountId) throw new DashboardRefusal(404);
  return project;
}

/** `live` or `test` from the URL; anything else is 404. */
export function parseModeParam(value: string): KeyMode {
  if (value === 'live' || value === 'test') return value;
  throw new DashboardRefusal(404);
}

/**
 * Where every project page and form starts: the member's permission for `action`, the mode in the URL,
 * and the project if it is the member's account's (404 otherwise, like an unknown id), in that order.
 */
export async function openProjectRoute(
  deps: DashboardDeps,
  request: FastifyRequest,
  params: { projectId: string; mode: string },
  action: DashboardAction,
): Promise<{ viewer: DashboardViewer; mode: KeyMode; project: Project }> {
  const viewer = requireAction(request, action);
  const mode = parseModeParam(params.mode);
  const project = await loadViewerProject(deps, viewer, params.projectId);
  return { viewer, mode, project };
}

/** The account's projects, for the layout's switcher. */
export async function listViewerProjects(
  deps: DashboardDeps,
  viewer: DashboardViewer,
): Promise<DashboardProjectRef[]> {
  const projects = await deps.store.listProjectsByAccount(viewer.accountId);
  return projects.map((project) => ({ id: project.id, name: project.name }));
}

// The language of a dashboard page is chosen like a hosted page's (the scope's languageSwitchHook
// adds Vary to every dashboard response).
export { translatorOf } from '../page-language.ts';

/**
 * Headers of every dashboard page: no caching, no framing, no inline script, no sniffing. The referrer
 * goes to our own origin only, never elsewhere: `no-referrer` would make browsers send `Origin: null`
 * on the pages' own form posts, and the anti-forgery check needs the real origin. (The one-time link
 * page, whose URL is a secret, sets `no-referrer` in its own markup; its requests are fetch() calls.)
 */
export const DASHBOARD_PAGE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
} as const;

export function sendDashboardPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).headers(DASHBOARD_PAGE_HEADERS).type('text/html; charset=utf-8').send(page.value);
}

/** The signed-in member as the audit log records them (name and client address). */
export function auditActorOf(request: FastifyRequest): AuditActor {
  const viewer = request.dashboardViewer;
  if (viewer === null) throw new DashboardRefusal(401);
  return { kind: 'member', memberId: viewer.memberId, displayName: viewer.displayName, ip: request.ip };
}

/** Flash cookie settings for this deployment, with the time taken now from the injected clock. */
export function flashOptionsOf(deps: DashboardDeps): FlashOptions {
  return {
    key: deps.verification.secrets.dashboardFlashKey,
    secure: deps.secureCookies,
    nowMs: deps.clock.now().getTime(),
  };
}
