// /dashboard/security: the member's own sessions, and sign-out everywhere.
import type { FastifyPluginAsync } from 'fastify';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';

export const securityRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  void app;
  void deps;
};
