// The delivery log pages (docs/dashboard.md §5): the log of a project in one mode with its filters, one
// delivery with every attempt, and replay (one delivery, or every failed one in a date range). Reading
// needs dashboard.read; replaying needs webhook.replay, checked here whatever the page showed. A
// delivery of another project, of the other mode or of another account is 404 alike.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { replayDelivery, replayFailedDeliveries } from '../../../core/webhooks/replay-deliveries.ts';
import type { DeliveryLogEntry } from '../../../store/store.ts';
import { projectPath } from '../../../web/dashboard/dashboard-layout.ts';
import { renderDeliveryDetailPage } from '../../../web/dashboard/deliveries-detail-page.ts';
import {
  type DeliveryFilterErrors,
  type DeliveryFilterValues,
  type ReplayFailedErrors,
  type ReplayFailedValues,
  renderDeliveriesListPage,
} from '../../../web/dashboard/deliveries-list-page.ts';
import { deliveryPath } from '../../../web/dashboard/deliveries-table.ts';
import { dateInputValue } from '../../../web/dashboard/webhooks-format.ts';
import type { DashboardDeps } from '../../dashboard/dashboard-deps.ts';
import { DashboardRefusal } from '../../dashboard/dashboard-refusal.ts';
import { sendDashboardPage } from '../../dashboard/dashboard-route-helpers.ts';
import { parseDeliveryFilters, parseReplayFailedForm, parseUtcDay } from './deliveries-filters.ts';
import {
  flashNotice,
  loadWebhookContext,
  type ProjectParams,
  takeWebhookFlash,
  type WebhookPageContext,
} from './webhooks-context.ts';

const PAGE_SIZE = 50;

interface DeliveryParams extends ProjectParams {
  deliveryId: string;
}

const NO_FILTERS: DeliveryFilterValues = { endpoint: '', event: '', status: '', from: '', to: '' };

/** The link to the page after `last`, keeping the filters. */
function olderHref(
  context: WebhookPageContext,
  filters: DeliveryFilterValues,
  last: DeliveryLogEntry,
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== '') query.set(name, value);
  query.set('before', last.delivery.id);
  return `${projectPath(context.project.id, context.mode, 'deliveries')}?${query.toString()}`;
}

export const deliveriesRoutes: FastifyPluginAsync<{ deps: DashboardDeps }> = async (app, { deps }) => {
  const base = '/dashboard/p/:projectId/:mode/deliveries';

  async function sendLogPage(
    context: WebhookPageContext,
    reply: FastifyReply,
    page: {
      filters: DeliveryFilterValues;
      filterErrors?: DeliveryFilterErrors;
      entries: readonly DeliveryLogEntry[];
      olderHref: string | null;
      notice?: string | null;
      replay?: { values: ReplayFailedValues; errors: ReplayFailedErrors };
    },
    status = 200,
  ): Promise<FastifyReply> {
    const [poy, connect] = await Promise.all([
      deps.store.listWebhookEndpoints({ ...context.tenant, surface: 'poy' }),
      deps.store.listWebhookEndpoints({ ...context.tenant, surface: 'connect' }),
    ]);
    const today = dateInputValue(deps.clock.now());
    return sendDashboardPage(
      reply,
      renderDeliveriesListPage({
        translator: context.translator,
        viewer: context.viewer,
        projects: context.projects,
        project: context.projectRef,
        mode: context.mode,
        endpoints: [...poy, ...connect],
        filters: page.filters,
        filterErrors: page.filterErrors ?? {},
        entries: page.entries,
        olderHref: page.olderHref,
        notice: page.notice ?? null,
        replay: page.replay ?? {
          values: {
            endpoint: page.filters.endpoint,
            from: parseUtcDay(page.filters.from) === null ? today : page.filters.from,
            to: parseUtcDay(page.filters.to) === null ? today : page.filters.to,
          },
          errors: {},
        },
        permissions: context.permissions,
      }),
      status,
    );
  }

  app.get<{ Params: ProjectParams }>(base, { schema: { hide: true } }, async (request, reply) => {
    const context = await loadWebhookContext(deps, request, request.params, 'dashboard.read');
    const flash = takeWebhookFlash(deps, request, reply, context);
    const filters = await parseDeliveryFilters(deps.store, context, request.query);
    if (!filters.ok) {
      return sendLogPage(
        context,
        reply,
        { filters: filters.values, filterErrors: filters.errors, entries: [], olderHref: null },
        400,
      );
    }
    // One more than shown tells whether there is an older page.
    const found = await deps.store.listDeliveryLog({ ...filters.query, limit: PAGE_SIZE + 1 });
    const entries = found.slice(0, PAGE_SIZE);
    const last = entries.at(-1);
    return sendLogPage(context, reply, {
      filters: filters.values,
      entries,
      olderHref: found.length > PAGE_SIZE && last ? olderHref(context, filters.values, last) : null,
      notice: flash.notice,
    });
  });

  app.post<{ Params: ProjectParams }>(
    `${base}/replay-failed`,
    { schema: { hide: true } },
    async (request, reply) => {
      const context = await loadWebhookContext(deps, request, request.params, 'webhook.replay');
      const form = await parseReplayFailedForm(deps.store, context, request.body);
      if (!form.ok) {
        const entries = await deps.store.listDeliveryLog({ ...context.tenant, limit: PAGE_SIZE });
        return sendLogPage(
          context,
          reply,
          {
            filters: NO_FILTERS,
            entries,
            olderHref: null,
            replay: { values: form.values, errors: form.errors },
          },
          400,
        );
      }
      const replayed = await replayFailedDeliveries(
        deps.webhooks,
        {
          ...context.tenant,
          since: form.since,
          until: form.until,
          ...(form.endpointId !== undefined ? { endpointId: form.endpointId } : {}),
        },
        context.author,
      );
      if (!replayed.ok) throw new DashboardRefusal(replayed.reason === 'not_found' ? 404 : 400);
      flashNotice(deps, reply, context, 'replayed_failed', replayed.count);
      // The log of that range, where the replayed deliveries now show as pending.
      const query = new URLSearchParams({ from: form.values.from, to: form.values.to });
      if (form.endpointId !== undefined) query.set('endpoint', form.endpointId);
      return reply.redirect(`${projectPath(context.project.id, context.mode, 'deliveries')}?${query}`, 303);
    },
  );

  app.get<{ Params: DeliveryParams }>(
    `${base}/:deliveryId`,
    { schema: { hide: true } },
    async (request, reply) => {
      const context = await loadWebhookContext(deps, request, request.params, 'dashboard.read');
      const entry = await deps.store.findDeliveryLogEntry({
        ...context.tenant,
        id: request.params.deliveryId,
      });
      if (entry === null) throw new DashboardRefusal(404);
      const [attempts, event] = await Promise.all([
        deps.store.listAttempts([entry.delivery.id]),
        deps.store.findOutboxEvent(entry.delivery.eventId),
      ]);
      const flash = takeWebhookFlash(deps, request, reply, context);
      return sendDashboardPage(
        reply,
        renderDeliveryDetailPage({
          translator: context.translator,
          viewer: context.viewer,
          projects: context.projects,
          project: context.projectRef,
          mode: context.mode,
          entry,
          attempts,
          body: event === null ? null : JSON.stringify(event.body, null, 2),
          notice: flash.notice,
          permissions: context.permissions,
        }),
      );
    },
  );

  app.post<{ Params: DeliveryParams }>(
    `${base}/:deliveryId/replay`,
    { schema: { hide: true } },
    async (request, reply) => {
      const context = await loadWebhookContext(deps, request, request.params, 'webhook.replay');
      const replayed = await replayDelivery(
        deps.webhooks,
        { ...context.tenant, deliveryId: request.params.deliveryId },
        context.author,
      );
      if (!replayed.ok) throw new DashboardRefusal(404);
      flashNotice(deps, reply, context, 'replayed');
      return reply.redirect(deliveryPath(context.project.id, context.mode, replayed.value.id), 303);
    },
  );
};
