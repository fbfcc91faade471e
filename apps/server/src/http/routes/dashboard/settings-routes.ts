// /dashboard/p/{projectId}/{mode}/settings: a project's settings (docs/dashboard.md §3). Anyone in the
// account reads them; saving needs `project.update`. A refused save answers 400 with the form as
// typed and a message beside each wrong field, and changes nothing; a save writes its audit event in
// the same transaction (core/tenancy/change-project-settings.ts).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canPerform } from '../../../core/members/member-roles.ts';
import {
  changeProjectSettings,
  type ProjectSettingField,
} from '../../../core/tenancy/change-project-settings.ts';
import type { KeyMode, Project } from '../../../store/store.ts';
import { projectPath } from '../../../web/dashboard/dashboard-layout.ts';
import {
  renderSettingsPage,
  type SettingsFormValues,
  settingsFormValuesOf,
} from '../../../web/dashboard/settings-page.ts';
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
import { editedSettingsOf, settingsFormBody, settingsFormValuesFromBody } from './settings-form.ts';

const settingsParams = z.object({ projectId: z.string().max(200), mode: z.string().max(10) });

/** What the flash after a save says; the page maps it to a sentence. */
const SAVED = 'settings_saved';
const UNCHANGED = 'settings_unchanged';

export const settingsRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();

  async function sendSettingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    page: {
      viewer: DashboardViewer;
      project: Project;
      mode: KeyMode;
      values: SettingsFormValues;
      invalid: ReadonlySet<ProjectSettingField>;
      notice: 'saved' | 'unchanged' | null;
    },
    status = 200,
  ): Promise<FastifyReply> {
    const projects = await listViewerProjects(deps, page.viewer);
    return sendDashboardPage(
      reply,
      renderSettingsPage({
        translator: translatorOf(request),
        viewer: page.viewer,
        projects,
        project: { id: page.project.id, name: page.project.name },
        mode: page.mode,
        values: page.values,
        invalid: page.invalid,
        canEdit: canPerform(page.viewer.role, 'project.update'),
        defaultInviteTtlSeconds: deps.config.inviteTtlSeconds,
        notice: page.notice,
      }),
      status,
    );
  }

  route.get(
    '/dashboard/p/:projectId/:mode/settings',
    { schema: { hide: true, params: settingsParams } },
    async (request, reply) => {
      const { viewer, mode, project } = await openProjectRoute(
        deps,
        request,
        request.params,
        'dashboard.read',
      );
      const flash = takeFlash(request, reply, viewer.sessionId, flashOptionsOf(deps));
      const saved = flash?.kind === 'notice' && flash.subjectId === project.id ? flash.value : null;
      return sendSettingsPage(request, reply, {
        viewer,
        project,
        mode,
        values: settingsFormValuesOf(project),
        invalid: new Set(),
        notice: saved === SAVED ? 'saved' : saved === UNCHANGED ? 'unchanged' : null,
      });
    },
  );

  route.post(
    '/dashboard/p/:projectId/:mode/settings',
    { schema: { hide: true, params: settingsParams, body: settingsFormBody } },
    async (request, reply) => {
      const { viewer, mode, project } = await openProjectRoute(
        deps,
        request,
        request.params,
        'project.update',
      );
      const values = settingsFormValuesFromBody(request.body);
      const result = await changeProjectSettings(
        { store: deps.store, clock: deps.clock, publicUrl: deps.verification.publicUrl },
        {
          accountId: viewer.accountId,
          projectId: project.id,
          actor: auditActorOf(request),
          settings: editedSettingsOf(values),
        },
      );
      if (!result.ok && result.reason === 'project_not_found') throw new DashboardRefusal(404);
      if (!result.ok) {
        return sendSettingsPage(
          request,
          reply,
          { viewer, project, mode, values, invalid: new Set(result.fields), notice: null },
          400,
        );
      }
      setFlash(
        reply,
        viewer.sessionId,
        { kind: 'notice', subjectId: project.id, value: result.changed.length > 0 ? SAVED : UNCHANGED },
        flashOptionsOf(deps),
      );
      return reply.redirect(projectPath(project.id, mode, 'settings'), 303);
    },
  );
};
