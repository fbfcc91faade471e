// /dashboard/p/{projectId}/{mode}/keys: the project's API keys in the URL's mode (docs/dashboard.md §4).
// Creating needs `key.create`, revoking `key.revoke`. The full key exists only in the response chain
// of its creation: core returns it, it travels to the next page in the sealed one-time flash cookie
// (http/dashboard/flash.ts), and that page's response clears the cookie; the store keeps a hash. A
// revocation is announced by the store, so every process refuses the key from its next request. A key
// of another project or of the other mode is 404, like an unknown id.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiKey } from '../../../core/keys/create-api-key.ts';
import { revokeApiKey } from '../../../core/keys/revoke-api-key.ts';
import { canPerform } from '../../../core/members/member-roles.ts';
import type { ApiKey, KeyMode, Project } from '../../../store/store.ts';
import { projectPath } from '../../../web/dashboard/dashboard-layout.ts';
import { type KeyCreator, renderKeysPage } from '../../../web/dashboard/keys-page.ts';
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
import { type Flash, setFlash, takeFlash } from '../../dashboard/flash.ts';

export const KEY_NAME_MAX_LENGTH = 100;
const KEY_REVOKED_NOTICE = 'key_revoked';

const keysParams = z.object({ projectId: z.string().max(200), mode: z.string().max(10) });
const keyParams = keysParams.extend({ keyId: z.string().max(200) });
const createKeyBody = z.object({ name: z.string().max(10_000).default('') });

export const keysRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();

  /** Member ids → names, removed members included: a key outlives the person who made it. */
  async function creatorsOf(accountId: string): Promise<(createdBy: string | null) => KeyCreator> {
    const members = await deps.store.listMembersByAccount(accountId, { includeRemoved: true });
    const names = new Map(members.map((member) => [member.id, member.displayName]));
    return (createdBy) => {
      if (createdBy === 'cli') return { kind: 'cli' };
      if (createdBy === 'api') return { kind: 'api' };
      const displayName = createdBy === null ? undefined : names.get(createdBy);
      return displayName === undefined ? { kind: 'unknown' } : { kind: 'member', displayName };
    };
  }

  async function sendKeysPage(
    request: FastifyRequest,
    reply: FastifyReply,
    page: {
      viewer: DashboardViewer;
      project: Project;
      mode: KeyMode;
      flash: Flash | null;
      nameError: { value: string } | null;
    },
    status = 200,
  ): Promise<FastifyReply> {
    const { viewer, project, mode, flash } = page;
    const [keys, creatorOf, projects] = await Promise.all([
      deps.store.listApiKeysByProject(project.id, mode),
      creatorsOf(viewer.accountId),
      listViewerProjects(deps, viewer),
    ]);
    // A flash shows only beside a key of this page (this project and mode).
    const subject = flash === null ? undefined : keys.find((apiKey) => apiKey.id === flash.subjectId);
    const created: { apiKey: ApiKey; secret: string } | null =
      flash?.kind === 'api_key_created' && subject !== undefined
        ? { apiKey: subject, secret: flash.value }
        : null;
    const revoked =
      flash?.kind === 'notice' && flash.value === KEY_REVOKED_NOTICE && subject !== undefined
        ? subject
        : null;
    return sendDashboardPage(
      reply,
      renderKeysPage({
        translator: translatorOf(request),
        viewer,
        projects,
        project: { id: project.id, name: project.name },
        mode,
        keys: keys.map((apiKey) => ({ apiKey, creator: creatorOf(apiKey.createdBy) })),
        canCreate: canPerform(viewer.role, 'key.create'),
        canRevoke: canPerform(viewer.role, 'key.revoke'),
        created,
        revoked,
        nameError: page.nameError,
      }),
      status,
    );
  }

  route.get(
    '/dashboard/p/:projectId/:mode/keys',
    { schema: { hide: true, params: keysParams } },
    async (request, reply) => {
      const { viewer, mode, project } = await openProjectRoute(
        deps,
        request,
        request.params,
        'dashboard.read',
      );
      // Read and cleared by this response: a reload shows the key no more.
      const flash = takeFlash(request, reply, viewer.sessionId, flashOptionsOf(deps));
      return sendKeysPage(request, reply, { viewer, project, mode, flash, nameError: null });
    },
  );

  route.post(
    '/dashboard/p/:projectId/:mode/keys',
    { schema: { hide: true, params: keysParams, body: createKeyBody } },
    async (request, reply) => {
      const { viewer, mode, project } = await openProjectRoute(deps, request, request.params, 'key.create');
      const name = request.body.name.trim();
      if (name.length === 0 || name.length > KEY_NAME_MAX_LENGTH) {
        const nameError = { value: request.body.name.slice(0, KEY_NAME_MAX_LENGTH * 2) };
        return sendKeysPage(request, reply, { viewer, project, mode, flash: null, nameError }, 400);
      }
      const created = await createApiKey(
        { store: deps.store, clock: deps.clock },
        { projectId: project.id, mode, name, actor: auditActorOf(request) },
      );
      if (created === null) throw new DashboardRefusal(404);
      setFlash(
        reply,
        viewer.sessionId,
        { kind: 'api_key_created', subjectId: created.apiKey.id, value: created.secret },
        flashOptionsOf(deps),
      );
      return reply.redirect(projectPath(project.id, mode, 'keys'), 303);
    },
  );

  route.post(
    '/dashboard/p/:projectId/:mode/keys/:keyId/revoke',
    { schema: { hide: true, params: keyParams } },
    async (request, reply) => {
      const { viewer, mode, project } = await openProjectRoute(deps, request, request.params, 'key.revoke');
      const result = await revokeApiKey(
        { store: deps.store, clock: deps.clock },
        { keyId: request.params.keyId, projectId: project.id, mode, actor: auditActorOf(request) },
      );
      if (!result.ok && result.reason === 'not_found') throw new DashboardRefusal(404);
      // Revoking a revoked key changes nothing; the list already says so.
      if (result.ok) {
        setFlash(
          reply,
          viewer.sessionId,
          { kind: 'notice', subjectId: result.apiKey.id, value: KEY_REVOKED_NOTICE },
          flashOptionsOf(deps),
        );
      }
      return reply.redirect(projectPath(project.id, mode, 'keys'), 303);
    },
  );
};
