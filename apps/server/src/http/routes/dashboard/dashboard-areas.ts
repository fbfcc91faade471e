// Every area of the dashboard, registered inside the signed-in scope (http/dashboard/dashboard-scope.ts),
// so each route below runs with request.dashboardViewer set and the anti-forgery check done.
import type { FastifyInstance } from 'fastify';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import { auditRoutes } from './audit-routes.ts';
import { overviewRoutes } from './overview-routes.ts';
import { projectsRoutes } from './projects-routes.ts';
import { teamRoutes } from './team-routes.ts';
import { verificationsRoutes } from './verifications-routes.ts';
import { webhooksRoutes } from './webhooks-routes.ts';

export async function registerDashboardAreas(scope: FastifyInstance, deps: DashboardDeps): Promise<void> {
  await scope.register(projectsRoutes, { deps });
  await scope.register(webhooksRoutes, { deps });
  await scope.register(verificationsRoutes, { deps });
  await scope.register(overviewRoutes, { deps });
  await scope.register(teamRoutes, { deps });
  await scope.register(auditRoutes, { deps });
}
