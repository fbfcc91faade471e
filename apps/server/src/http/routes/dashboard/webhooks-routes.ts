// The dashboard's webhooks pages (docs/dashboard.md §5): the endpoints of a project in one mode on both
// surfaces, adding, changing and deleting them, rotating secrets (shown once, through the flash cookie)
// and sending a test event. Every change goes through the same core functions as the APIs (the same
// destination policy, the same audit event in the change's transaction) and answers 303 to a page.
// Reading needs dashboard.read; changes need webhook.manage, test events webhook.replay, each checked
// here whatever the page showed. Ids of another project, of the other mode or of another account are
// 404 alike.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import {
  rotateConnectSecret,
  saveConnectDestinations,
} from '../../../core/webhooks/manage-connect-webhooks.ts';
import {
  createPoyEndpoint,
  deleteWebhookEndpoint,
  findTenantEndpoint,
  poySubscriptionOf,
  rotatePoyEndpointSecret,
  updateEndpoint,
} from '../../../core/webhooks/manage-webhooks.ts';
import { sendTestEvent } from '../../../core/webhooks/send-test-event.ts';
import type { WebhookEndpoint } from '../../../store/store.ts';
import { projectPath } from '../../../web/dashboard/dashboard-layout.ts';
import { deliveryPath } from '../../../web/dashboard/deliveries-table.ts';
import { endpointPath, renderWebhookEndpointPage } from '../../../web/dashboard/webhooks-endpoint-page.ts';
import {
  EMPTY_WEBHOOK_FORM,
  type WebhookFormErrors,
  type WebhookFormValues,
} from '../../../web/dashboard/webhooks-form.ts';
import { type EndpointRow, renderWebhooksListPage } from '../../../web/dashboard/webhooks-list-page.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import { DashboardRefusal } from '../../dashboard/dashboard-refusal.ts';
import { sendDashboardPage } from '../../dashboard/dashboard-route-helpers.ts';
import { deliveriesRoutes } from './deliveries-routes.ts';
import {
  flashNotice,
  flashSecret,
  loadWebhookContext,
  type ProjectParams,
  takeWebhookFlash,
  type WebhookPageContext,
} from './webhooks-context.ts';
import { parseEndpointForm } from './webhooks-form-input.ts';

const HEALTH_WINDOW_MS = 24 * 3_600_000;
const RECENT_DELIVERIES = 10;

interface EndpointParams extends ProjectParams {
  endpointId: string;
}

/** Every endpoint of the tenant, POY first then Connect, each with its last 24 hours. */
async function listEndpointRows(deps: DashboardDeps, context: WebhookPageContext): Promise<EndpointRow[]> {
  const [poy, connect, counts] = await Promise.all([
    deps.store.listWebhookEndpoints({ ...context.tenant, surface: 'poy' }),
    deps.store.listWebhookEndpoints({ ...context.tenant, surface: 'connect' }),
    deps.store.countEndpointDeliveries({
      ...context.tenant,
      since: new Date(deps.clock.now().getTime() - HEALTH_WINDOW_MS),
    }),
  ]);
  const byEndpoint = new Map(counts.map((count) => [count.endpointId, count]));
  return [...poy, ...connect].map((endpoint) => ({ endpoint, recent: byEndpoint.get(endpoint.id) ?? null }));
}

async function loadEndpoint(
  deps: DashboardDeps,
  context: WebhookPageContext,
  endpointId: string,
): Promise<WebhookEndpoint> {
  const endpoint = await findTenantEndpoint(deps.store, { ...context.tenant, id: endpointId });
  if (endpoint === null) throw new DashboardRefusal(404);
  return endpoint;
}

function formValuesOf(endpoint: WebhookEndpoint): WebhookFormValues {
  return {
    surface: endpoint.surface,
    url: endpoint.url,
    events: endpoint.surface === 'poy' ? endpoint.eventTypes : [],
    enabled: endpoint.enabled,
  };
}

export const webhooksRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const base = '/dashboard/p/:projectId/:mode/webhooks';

  async function sendListPage(
    context: WebhookPageContext,
    reply: FastifyReply,
    page: {
      form?: { values: WebhookFormValues; errors: WebhookFormErrors };
      revealed?: { subjectId: string; secret: string } | null;
      notice?: string | null;
    },
    status = 200,
  ): Promise<FastifyReply> {
    const [endpoints, connectSecret] = await Promise.all([
      listEndpointRows(deps, context),
      deps.store.findConnectWebhookSecret(context.project.id, context.mode),
    ]);
    return sendDashboardPage(
      reply,
      renderWebhooksListPage({
        translator: context.translator,
        viewer: context.viewer,
        projects: context.projects,
        project: context.projectRef,
        mode: context.mode,
        endpoints,
        connectSecret:
          connectSecret === null
            ? null
            : { createdAt: connectSecret.createdAt, rotatedAt: connectSecret.rotatedAt },
        revealed: page.revealed ?? null,
        notice: page.notice ?? null,
        form: page.form ?? { values: EMPTY_WEBHOOK_FORM, errors: {} },
        permissions: context.permissions,
      }),
      status,
    );
  }

  async function sendEndpointPage(
    context: WebhookPageContext,
    reply: FastifyReply,
    endpoint: WebhookEndpoint,
    page: {
      form?: { values: WebhookFormValues; errors: WebhookFormErrors };
      revealedSecret?: string | null;
      notice?: string | null;
    },
    status = 200,
  ): Promise<FastifyReply> {
    const [counts, recentDeliveries] = await Promise.all([
      deps.store.countEndpointDeliveries({
        ...context.tenant,
        since: new Date(deps.clock.now().getTime() - HEALTH_WINDOW_MS),
      }),
      deps.store.listDeliveryLog({ ...context.tenant, endpointId: endpoint.id, limit: RECENT_DELIVERIES }),
    ]);
    return sendDashboardPage(
      reply,
      renderWebhookEndpointPage({
        translator: context.translator,
        viewer: context.viewer,
        projects: context.projects,
        project: context.projectRef,
        mode: context.mode,
        row: { endpoint, recent: counts.find((count) => count.endpointId === endpoint.id) ?? null },
        recentDeliveries,
        revealedSecret: page.revealedSecret ?? null,
        notice: page.notice ?? null,
        form: page.form ?? { values: formValuesOf(endpoint), errors: {} },
        permissions: context.permissions,
        now: deps.clock.now(),
      }),
      status,
    );
  }

  app.get<{ Params: ProjectParams }>(base, { schema: { hide: true } }, async (request, reply) => {
    const context = await loadWebhookContext(deps, request, request.params, 'dashboard.read');
    const flash = takeWebhookFlash(deps, request, reply, context);
    return sendListPage(context, reply, {
      revealed:
        flash.secret === null ? null : { subjectId: flash.secret.subjectId, secret: flash.secret.value },
      notice: flash.notice,
    });
  });

  app.post<{ Params: ProjectParams }>(base, { schema: { hide: true } }, async (request, reply) => {
    const context = await loadWebhookContext(deps, request, request.params, 'webhook.manage');
    const form = parseEndpointForm(context.translator, request.body, null);
    if (!form.ok) return sendListPage(context, reply, { form }, 400);
    const listPath = projectPath(context.project.id, context.mode, 'webhooks');
    if (form.surface === 'poy') {
      const created = await createPoyEndpoint(
        deps.webhooks,
        {
          ...context.tenant,
          url: form.url,
          events: poySubscriptionOf(form.poyEvents),
          enabled: form.enabled,
        },
        context.author,
      );
      if (!created.ok) return refuseUrl(context, reply, form.values, created.detail);
      flashSecret(deps, reply, context, created.value.endpoint.id, created.value.secret);
      return reply.redirect(listPath, 303);
    }
    const saved = await saveConnectDestinations(
      deps.webhooks,
      {
        ...context.tenant,
        webhookTypes: form.connectEvents,
        destinationUrl: form.url,
        enabled: form.enabled,
      },
      context.author,
    );
    if (!saved.ok) return refuseUrl(context, reply, form.values, saved.detail);
    if (saved.value.secret !== null) flashSecret(deps, reply, context, 'connect', saved.value.secret);
    else flashNotice(deps, reply, context, 'created');
    return reply.redirect(listPath, 303);
  });

  /** The destination policy refused the URL: the form again, with its reason beside the field. */
  function refuseUrl(
    context: WebhookPageContext,
    reply: FastifyReply,
    values: WebhookFormValues,
    reason: string | undefined,
  ): Promise<FastifyReply> {
    const errors = { url: context.translator.t('dash.webhooks.error.urlRefused', { reason: reason ?? '' }) };
    return sendListPage(context, reply, { form: { values, errors } }, 400);
  }

  app.post<{ Params: ProjectParams }>(
    `${base}/connect-secret/rotate`,
    { schema: { hide: true } },
    async (request, reply) => {
      const context = await loadWebhookContext(deps, request, request.params, 'webhook.manage');
      const secret = await rotateConnectSecret(deps.webhooks, context.tenant, context.author);
      flashSecret(deps, reply, context, 'connect', secret);
      return reply.redirect(
        `${projectPath(context.project.id, context.mode, 'webhooks')}#connect-secret`,
        303,
      );
    },
  );

  app.get<{ Params: EndpointParams }>(
    `${base}/:endpointId`,
    { schema: { hide: true } },
    async (request, reply) => {
      const context = await loadWebhookContext(deps, request, request.params, 'dashboard.read');
      const endpoint = await loadEndpoint(deps, context, request.params.endpointId);
      const flash = takeWebhookFlash(deps, request, reply, context);
      return sendEndpointPage(context, reply, endpoint, {
        revealedSecret: flash.secret?.subjectId === endpoint.id ? flash.secret.value : null,
        notice: flash.notice,
      });
    },
  );

  app.post<{ Params: EndpointParams }>(
    `${base}/:endpointId`,
    { schema: { hide: true } },
    async (request, reply) => {
      const context = await loadWebhookContext(deps, request, request.params, 'webhook.manage');
      const endpoint = await loadEndpoint(deps, context, request.params.endpointId);
      const form = parseEndpointForm(context.translator, request.body, endpoint.surface);
      if (!form.ok) return sendEndpointPage(context, reply, endpoint, { form }, 400);
      const updated = await updateEndpoint(
        deps.webhooks,
        {
          ...context.tenant,
          id: endpoint.id,
          surface: endpoint.surface,
          url: form.url,
          ...(endpoint.surface === 'poy' ? { events: poySubscriptionOf(form.poyEvents) } : {}),
          // Only a change of state: saving an enabled endpoint must not restart its failure clock.
          ...(form.enabled !== endpoint.enabled ? { enabled: form.enabled } : {}),
        },
        context.author,
      );
      if (!updated.ok && updated.reason === 'invalid_url') {
        const errors = {
          url: context.translator.t('dash.webhooks.error.urlRefused', { reason: updated.detail ?? '' }),
        };
        return sendEndpointPage(context, reply, endpoint, { form: { values: form.values, errors } }, 400);
      }
      if (!updated.ok) throw new DashboardRefusal(404);
      flashNotice(deps, reply, context, 'saved');
      return reply.redirect(endpointPath(context.project.id, context.mode, endpoint.id), 303);
    },
  );

  app.post<{ Params: EndpointParams }>(
    `${base}/:endpointId/delete`,
    { schema: { hide: true } },
    async (request, reply) => {
      const context = await loadWebhookContext(deps, request, request.params, 'webhook.manage');
      const endpoint = await loadEndpoint(deps, context, request.params.endpointId);
      const deleted = await deleteWebhookEndpoint(
        deps.webhooks,
        { ...context.tenant, id: endpoint.id, surface: endpoint.surface },
        context.author,
      );
      if (!deleted) throw new DashboardRefusal(404);
      flashNotice(deps, reply, context, 'deleted');
      return reply.redirect(projectPath(context.project.id, context.mode, 'webhooks'), 303);
    },
  );

  app.post<{ Params: EndpointParams }>(
    `${base}/:endpointId/rotate-secret`,
    { schema: { hide: true } },
    async (request, reply) => {
      const context = await loadWebhookContext(deps, request, request.params, 'webhook.manage');
      // A Connect destination has no secret of its own (the project's Connect secret signs it): 404.
      const rotated = await rotatePoyEndpointSecret(
        deps.webhooks,
        { ...context.tenant, id: request.params.endpointId },
        context.author,
      );
      if (!rotated.ok) throw new DashboardRefusal(404);
      flashSecret(deps, reply, context, rotated.value.endpoint.id, rotated.value.secret);
      return reply.redirect(endpointPath(context.project.id, context.mode, rotated.value.endpoint.id), 303);
    },
  );

  app.post<{ Params: EndpointParams }>(
    `${base}/:endpointId/test`,
    { schema: { hide: true } },
    async (request, reply) => {
      const context = await loadWebhookContext(deps, request, request.params, 'webhook.replay');
      const endpoint = await loadEndpoint(deps, context, request.params.endpointId);
      const sent = await sendTestEvent(
        deps.webhooks,
        { ...context.tenant, endpointId: endpoint.id, surface: endpoint.surface },
        context.author,
      );
      if (!sent.ok) throw new DashboardRefusal(404);
      flashNotice(deps, reply, context, 'test_sent');
      return reply.redirect(deliveryPath(context.project.id, context.mode, sent.value.id), 303);
    },
  );

  await app.register(deliveriesRoutes, { deps });
};
