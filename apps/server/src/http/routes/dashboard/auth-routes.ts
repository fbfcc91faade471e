// The sign-in pages and their passkey ceremonies, outside the signed-in scope.
import type { FastifyPluginAsync } from 'fastify';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';

export const authRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  void app;
  void deps;
};
