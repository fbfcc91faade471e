// /dashboard/audit: the account's audit log, for owners and admins (audit.read). Only the viewer's own
// account is ever queried; filters are checked one by one (audit-filters.ts) and a bad one answers 400
// with the form and its messages, listing nothing.
import type { FastifyPluginAsync } from 'fastify';
import { renderAuditPage } from '../../../web/dashboard/audit-page.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import {
  listViewerProjects,
  requireAction,
  sendDashboardPage,
  translatorOf,
} from '../../dashboard/dashboard-route-helpers.ts';
import { AUDIT_PAGE_SIZE, auditQueryString, encodeAuditCursor, parseAuditFilters } from './audit-filters.ts';

export const auditRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  app.get('/dashboard/audit', { schema: { hide: true } }, async (request, reply) => {
    const viewer = requireAction(request, 'audit.read');
    const projects = await listViewerProjects(deps, viewer);
    const translator = translatorOf(request);
    const parsed = parseAuditFilters(
      request.query,
      projects.map((project) => project.id),
    );
    if (!parsed.ok) {
      const page = renderAuditPage({
        translator,
        viewer,
        projects,
        filters: parsed.values,
        errors: parsed.errors,
        events: [],
        olderQuery: null,
        newestQuery: null,
      });
      return sendDashboardPage(reply, page, 400);
    }
    // One more than shown tells whether an older page exists.
    const found = await deps.store.listAuditEvents({
      ...parsed.filters,
      accountId: viewer.accountId,
      limit: AUDIT_PAGE_SIZE + 1,
    });
    const events = found.slice(0, AUDIT_PAGE_SIZE);
    const last = events.at(-1);
    const page = renderAuditPage({
      translator,
      viewer,
      projects,
      filters: parsed.values,
      errors: [],
      events,
      olderQuery:
        found.length > AUDIT_PAGE_SIZE && last
          ? auditQueryString(parsed.values, encodeAuditCursor(last))
          : null,
      newestQuery: parsed.paged ? auditQueryString(parsed.values) : null,
    });
    return sendDashboardPage(reply, page);
  });
};
