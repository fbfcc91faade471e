// /dashboard/projects: the account's projects and the form that creates one (docs/dashboard.md §3).
// Creating needs `project.create`; the new project's `project.created` audit event is written in the
// same transaction, and the member lands on its test keys. This plugin also registers the project's
// settings and keys pages, the rest of this area.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canPerform } from '../../../core/members/member-roles.ts';
import { PROJECT_NAME_MAX_LENGTH } from '../../../core/tenancy/change-project-settings.ts';
import { createProject } from '../../../core/tenancy/create-project.ts';
import { PLANS, type Plan } from '../../../store/store.ts';
import { projectPath } from '../../../web/dashboard/dashboard-layout.ts';
import { renderProjectsPage } from '../../../web/dashboard/projects-page.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import {
  auditActorOf,
  DashboardRefusal,
  requireAction,
  sendDashboardPage,
  translatorOf,
} from '../../dashboard/dashboard-route-helpers.ts';
import { keysRoutes } from './keys-routes.ts';
import { settingsRoutes } from './settings-routes.ts';

const createProjectBody = z.object({
  name: z.string().max(10_000).default(''),
  plan: z.string().max(100).default('free'),
});

function isPlan(value: string): value is Plan {
  return PLANS.some((plan) => plan === value);
}

export const projectsRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  await app.register(settingsRoutes, { deps });
  await app.register(keysRoutes, { deps });

  route.get('/dashboard/projects', { schema: { hide: true } }, async (request, reply) => {
    const viewer = requireAction(request, 'dashboard.read');
    const projects = await deps.store.listProjectsByAccount(viewer.accountId);
    return sendDashboardPage(
      reply,
      renderProjectsPage({
        translator: translatorOf(request),
        viewer,
        projects,
        canCreate: canPerform(viewer.role, 'project.create'),
        form: null,
      }),
    );
  });

  route.post(
    '/dashboard/projects',
    { schema: { hide: true, body: createProjectBody } },
    async (request, reply) => {
      const viewer = requireAction(request, 'project.create');
      const name = request.body.name.trim();
      const { plan } = request.body;
      const invalid = new Set<'name' | 'plan'>();
      if (name.length === 0 || name.length > PROJECT_NAME_MAX_LENGTH) invalid.add('name');
      if (!isPlan(plan)) invalid.add('plan');
      if (invalid.size > 0 || !isPlan(plan)) {
        const projects = await deps.store.listProjectsByAccount(viewer.accountId);
        return sendDashboardPage(
          reply,
          renderProjectsPage({
            translator: translatorOf(request),
            viewer,
            projects,
            canCreate: true,
            form: { name: request.body.name.slice(0, PROJECT_NAME_MAX_LENGTH * 2), plan, invalid },
          }),
          400,
        );
      }
      const created = await createProject(
        { store: deps.store, clock: deps.clock },
        { accountId: viewer.accountId, name, plan, actor: auditActorOf(request) },
      );
      // The account is the viewer's own, and a derived public id gets a fresh suffix when taken.
      if (!created.ok) throw new DashboardRefusal(400);
      return reply.redirect(projectPath(created.project.id, 'test', 'keys'), 303);
    },
  );
};
