// Every area of the dashboard, registered inside the signed-in scope (http/dashboard/dashboard-scope.ts),
// so each route below runs with request.dashboardViewer set and the anti-forgery check done.
import type { FastifyInstance } from 'fastify';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import { webhooksRoutes } from './webhooks-routes.ts';

export async function registerDashboardAreas(scope: FastifyInstance, deps: DashboardDeps): Promise<void> {
  // One line per area: await scope.register(<area>Routes, { deps });
  await scope.register(webhooksRoutes, { deps });
  void scope;
  void deps;
}
