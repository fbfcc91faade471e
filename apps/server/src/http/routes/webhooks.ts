// POY webhook endpoints (docs/api.md §6, delivery §7), managed with the project's key. An endpoint's
// secret is shown twice at most: when it is created and when it is rotated; listings never carry it.
// Ids of another project, of the other mode (live/test) or of Connect endpoints answer 404 alike, so
// a key learns nothing about endpoints it does not own.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type DeliveryWithAttempts,
  listEndpointDeliveries,
} from '../../core/webhooks/list-endpoint-deliveries.ts';
import {
  createPoyEndpoint,
  deleteWebhookEndpoint,
  POY_EVENT_TYPES,
  poySubscriptionOf,
  rotatePoyEndpointSecret,
  updateEndpoint,
  type WebhookDeps,
  type WebhookResult,
} from '../../core/webhooks/manage-webhooks.ts';
import { replayDelivery } from '../../core/webhooks/replay-deliveries.ts';
import { sendTestEvent } from '../../core/webhooks/send-test-event.ts';
import type { WebhookChangeAuthor } from '../../core/webhooks/webhook-audit.ts';
import type { WebhookEndpoint } from '../../store/store.ts';
import { apiKeyAuditActor } from '../api-key-audit-actor.ts';
import { requireAuth } from '../auth.ts';
import { ApiError } from '../error-registry.ts';

const DEFAULT_DELIVERY_PAGE = 20;
const MAX_DELIVERY_PAGE = 100;

const eventType = z.enum(POY_EVENT_TYPES);
// The URL is checked by the destination policy (scheme, credentials, private targets), which names the
// problem; here only its size.
const destinationUrl = z.string().trim().min(1).max(2048).describe('Where events are POSTed (http or https)');
const events = z
  .array(eventType)
  .min(1, 'must list at least one event type (omit it to receive every event)')
  .max(20)
  .describe('Event types to receive');
const id = z.string().trim().min(1).max(64);
const isoDate = z.iso.datetime();

const endpointView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z
    .enum(['manual', 'failing'])
    .nullable()
    .describe('manual: disabled through the API; failing: every delivery failed for 5 days'),
  failingSince: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

const attemptView = z.object({
  attemptNumber: z.number().int(),
  attemptedAt: isoDate,
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  responseExcerpt: z.string().nullable(),
});

const deliveryView = z.object({
  id: z.string().describe('Also the webhook-id header: the same on retries and redeliveries'),
  eventType: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attemptCount: z.number().int(),
  nextAttemptAt: isoDate.nullable(),
  lastAttemptAt: isoDate.nullable(),
  createdAt: isoDate,
  completedAt: isoDate.nullable(),
  attempts: z.array(attemptView),
});

/** An empty list is stored for "every event" (future types included); it reads as the full list. */
function eventsOf(endpoint: WebhookEndpoint): string[] {
  return endpoint.eventTypes.length === 0 ? [...POY_EVENT_TYPES] : endpoint.eventTypes;
}

function toEndpointView(endpoint: WebhookEndpoint): z.infer<typeof endpointView> {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: eventsOf(endpoint),
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    failingSince: endpoint.failingSince?.toISOString() ?? null,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

function toDeliveryView({
  delivery,
  eventType,
  attempts,
}: DeliveryWithAttempts): z.infer<typeof deliveryView> {
  return {
    id: delivery.id,
    eventType,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
    completedAt: delivery.completedAt?.toISOString() ?? null,
    attempts: attempts.map((attempt) => ({
      attemptNumber: attempt.attemptNumber,
      attemptedAt: attempt.attemptedAt.toISOString(),
      statusCode: attempt.statusCode,
      durationMs: attempt.durationMs,
      error: attempt.error,
      responseExcerpt: attempt.responseExcerpt,
    })),
  };
}

/** The key making a change, recorded with it in the account's audit log. */
function authorOf(request: FastifyRequest): WebhookChangeAuthor {
  return { actor: apiKeyAuditActor(request), accountId: requireAuth(request).project.accountId };
}

const endpointNotFound = () => new ApiError('not_found', 'No webhook endpoint with that id.');

/** Turns a core refusal into the one ApiError it means. */
function unwrap<T>(result: WebhookResult<T>): T {
  if (result.ok) return result.value;
  switch (result.reason) {
    case 'not_found':
      throw endpointNotFound();
    case 'invalid_url':
      throw new ApiError('invalid_request', `url ${result.detail ?? 'is not an allowed destination'}.`);
    case 'invalid_cursor':
      throw new ApiError('invalid_request', 'before is not a delivery of this endpoint.');
  }
}

export const webhooksRoutes: FastifyPluginAsync<{ webhooks: WebhookDeps }> = async (app, { webhooks }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }];
  const endpointParams = z.object({ id });

  route.post(
    '/api/poy/webhooks',
    {
      schema: {
        security,
        summary: 'Add a webhook endpoint; the answer carries its signing secret (shown only here)',
        body: z.object({ url: destinationUrl, events: events.optional() }),
        response: { 201: endpointView.extend({ secret: z.string().startsWith('whsec_') }) },
      },
    },
    async (request, reply) => {
      const { project, mode } = requireAuth(request);
      const { endpoint, secret } = unwrap(
        await createPoyEndpoint(
          webhooks,
          {
            projectId: project.id,
            mode,
            url: request.body.url,
            events: poySubscriptionOf(request.body.events ?? []),
          },
          authorOf(request),
        ),
      );
      return reply.code(201).send({ ...toEndpointView(endpoint), secret });
    },
  );

  route.get(
    '/api/poy/webhooks',
    {
      schema: {
        security,
        summary: "This project's webhook endpoints (for this key's mode), without secrets",
        response: { 200: z.object({ data: z.array(endpointView) }) },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const endpoints = await webhooks.store.listWebhookEndpoints({
        projectId: project.id,
        mode,
        surface: 'poy',
      });
      return { data: endpoints.map(toEndpointView) };
    },
  );

  route.get(
    '/api/poy/webhooks/:id',
    {
      schema: {
        security,
        summary: 'One webhook endpoint, without its secret',
        params: endpointParams,
        response: { 200: endpointView },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const endpoint = await webhooks.store.findWebhookEndpoint({
        projectId: project.id,
        mode,
        id: request.params.id,
      });
      if (endpoint?.surface !== 'poy') throw endpointNotFound();
      return toEndpointView(endpoint);
    },
  );

  route.patch(
    '/api/poy/webhooks/:id',
    {
      schema: {
        security,
        summary: "Change an endpoint's URL or events, or disable and re-enable it",
        params: endpointParams,
        body: z
          .object({
            url: destinationUrl.optional(),
            events: events.optional(),
            enabled: z
              .boolean()
              .optional()
              .describe('false pauses deliveries (they wait, pending); true resumes them'),
          })
          .refine(
            (body) => body.url !== undefined || body.events !== undefined || body.enabled !== undefined,
            { message: 'send at least one of url, events, enabled' },
          ),
        response: { 200: endpointView },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const { url, events: requested, enabled } = request.body;
      const endpoint = unwrap(
        await updateEndpoint(
          webhooks,
          {
            projectId: project.id,
            mode,
            id: request.params.id,
            surface: 'poy',
            ...(url !== undefined ? { url } : {}),
            ...(requested !== undefined ? { events: poySubscriptionOf(requested) } : {}),
            ...(enabled !== undefined ? { enabled } : {}),
          },
          authorOf(request),
        ),
      );
      return toEndpointView(endpoint);
    },
  );

  route.delete(
    '/api/poy/webhooks/:id',
    {
      schema: {
        security,
        summary: 'Delete an endpoint and its delivery log',
        params: endpointParams,
        response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }) },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const deleted = await deleteWebhookEndpoint(
        webhooks,
        { projectId: project.id, mode, id: request.params.id, surface: 'poy' },
        authorOf(request),
      );
      if (!deleted) throw endpointNotFound();
      return { id: request.params.id, deleted: true as const };
    },
  );

  route.post(
    '/api/poy/webhooks/:id/rotate-secret',
    {
      schema: {
        security,
        summary: 'Replace the signing secret; the previous one keeps signing alongside it for 24 hours',
        params: endpointParams,
        response: {
          200: z.object({
            id: z.string(),
            secret: z.string().startsWith('whsec_'),
            previousSecretExpiresAt: isoDate,
          }),
        },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const { endpoint, secret } = unwrap(
        await rotatePoyEndpointSecret(
          webhooks,
          { projectId: project.id, mode, id: request.params.id },
          authorOf(request),
        ),
      );
      const previousSecretExpiresAt = endpoint.previousSecretExpiresAt;
      if (!previousSecretExpiresAt) throw new Error('A rotated endpoint has no previous secret expiry');
      return { id: endpoint.id, secret, previousSecretExpiresAt: previousSecretExpiresAt.toISOString() };
    },
  );

  route.get(
    '/api/poy/webhooks/:id/deliveries',
    {
      schema: {
        security,
        summary: "An endpoint's deliveries, newest first, each with its attempts (status, latency, response)",
        params: endpointParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(MAX_DELIVERY_PAGE).default(DEFAULT_DELIVERY_PAGE),
          before: id.optional().describe('nextCursor of the previous page'),
        }),
        response: {
          200: z.object({
            data: z.array(deliveryView),
            nextCursor: z.string().nullable().describe('Pass as before for the next page; null on the last'),
          }),
        },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const { limit, before } = request.query;
      // One more than asked tells whether another page exists.
      const page = unwrap(
        await listEndpointDeliveries(webhooks, {
          projectId: project.id,
          mode,
          endpointId: request.params.id,
          surface: 'poy',
          limit: limit + 1,
          ...(before !== undefined ? { before } : {}),
        }),
      );
      const shown = page.slice(0, limit);
      const last = shown.at(-1);
      return {
        data: shown.map(toDeliveryView),
        nextCursor: page.length > limit && last ? last.delivery.id : null,
      };
    },
  );

  route.post(
    '/api/poy/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        security,
        summary: 'Send a delivery again: the same webhook-id and the same body',
        params: z.object({ id, deliveryId: id }),
        response: { 202: z.object({ id: z.string(), status: z.literal('pending') }) },
      },
    },
    async (request, reply) => {
      const { project, mode } = requireAuth(request);
      const result = await replayDelivery(
        webhooks,
        {
          projectId: project.id,
          mode,
          deliveryId: request.params.deliveryId,
          endpoint: { id: request.params.id, surface: 'poy' },
        },
        authorOf(request),
      );
      if (!result.ok && result.reason === 'not_found')
        throw new ApiError('not_found', 'No delivery with that id for this webhook endpoint.');
      const delivery = unwrap(result);
      return reply.code(202).send({ id: delivery.id, status: 'pending' as const });
    },
  );

  route.post(
    '/api/poy/webhooks/:id/test',
    {
      schema: {
        security,
        summary: 'Send a webhook.test event to this endpoint only, through the normal delivery path',
        params: endpointParams,
        response: { 202: z.object({ deliveryId: z.string() }) },
      },
    },
    async (request, reply) => {
      const { project, mode } = requireAuth(request);
      const delivery = unwrap(
        await sendTestEvent(
          webhooks,
          { projectId: project.id, mode, endpointId: request.params.id, surface: 'poy' },
          authorOf(request),
        ),
      );
      return reply.code(202).send({ deliveryId: delivery.id });
    },
  );
};
