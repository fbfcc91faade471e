// /dashboard/p/{projectId}/{mode}/overview: the project's usage in one mode (docs/dashboard.md §7).
// Every member may read it; another account's project answers 404 like an unknown one, and test and
// live numbers never mix (every query is scoped to the mode in the URL).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadUsageReport } from '../../../core/usage/load-usage-report.ts';
import { renderOverviewPage } from '../../../web/dashboard/overview-page.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import {
  listViewerProjects,
  openProjectRoute,
  sendDashboardPage,
  translatorOf,
} from '../../dashboard/dashboard-route-helpers.ts';

/** Loose on purpose: a malformed id or mode is as unknown as a missing one (404), not a bad request. */
const projectParams = z.object({ projectId: z.string().max(200), mode: z.string().max(20) });

export const overviewRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.get(
    '/dashboard/p/:projectId/:mode/overview',
    { schema: { hide: true, params: projectParams } },
    async (request, reply) => {
      const { viewer, mode, project } = await openProjectRoute(
        deps,
        request,
        request.params,
        'dashboard.read',
      );
      const [projects, report] = await Promise.all([
        listViewerProjects(deps, viewer),
        loadUsageReport(deps, { project, mode }),
      ]);
      return sendDashboardPage(
        reply,
        renderOverviewPage({
          translator: translatorOf(request),
          viewer,
          projects,
          project: { id: project.id, name: project.name },
          mode,
          report,
        }),
      );
    },
  );
};
