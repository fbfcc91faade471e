// Connect webhook admin (docs/api.md §4.4): one destination per event type per project and mode, all
// signed with the project's one Connect secret (per mode). That secret is shown when it is first
// created (by the first create_or_edit) and on every rotate_secret, never otherwise.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createOrEditConnectWebhook,
  deleteConnectWebhook,
  rotateConnectSecret,
} from '../../core/webhooks/manage-connect-webhooks.ts';
import { CONNECT_EVENT_TYPES, type WebhookDeps } from '../../core/webhooks/manage-webhooks.ts';
import type { WebhookChangeAuthor } from '../../core/webhooks/webhook-audit.ts';
import type { WebhookEndpoint } from '../../store/store.ts';
import { apiKeyAuditActor } from '../api-key-audit-actor.ts';
import { requireAuth } from '../auth.ts';
import { ApiError } from '../error-registry.ts';

const webhookType = z.enum(CONNECT_EVENT_TYPES).describe('The event type this destination receives');
const secret = z.string().startsWith('whsec_');

const webhookView = z.object({
  webhook_type: z.string(),
  destination_url: z.string(),
  created_at: z.iso.datetime(),
  enabled: z.boolean().describe('false after 5 days of failed deliveries; create_or_edit re-enables'),
});

/** The key making a change, recorded with it in the account's audit log. */
function authorOf(request: FastifyRequest): WebhookChangeAuthor {
  return { actor: apiKeyAuditActor(request), accountId: requireAuth(request).project.accountId };
}

function toWebhookView(endpoint: WebhookEndpoint): z.infer<typeof webhookView> {
  return {
    webhook_type: endpoint.eventTypes[0] ?? '',
    destination_url: endpoint.url,
    created_at: endpoint.createdAt.toISOString(),
    enabled: endpoint.enabled,
  };
}

export const connectWebhooksRoutes: FastifyPluginAsync<{ webhooks: WebhookDeps }> = async (
  app,
  { webhooks },
) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const security: Array<Record<string, string[]>> = [{ apiKeyHeader: [] }, { bearerAuth: [] }];

  route.post(
    '/v1/webhook/admin/config/create_or_edit',
    {
      schema: {
        security,
        summary:
          'Set the destination of one event type (replacing any); the first call also returns the signing secret',
        body: z.object({
          webhook_type: webhookType,
          // Checked by the destination policy, which names the problem.
          destination_url: z
            .string()
            .trim()
            .min(1)
            .max(2048)
            .describe('Where events are POSTed (http or https)'),
        }),
        response: {
          200: z.object({
            status: z.literal('success'),
            webhook: webhookView,
            secret: secret
              .optional()
              .describe("The project's Connect signing secret, only when this call created it"),
          }),
        },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const result = await createOrEditConnectWebhook(
        webhooks,
        {
          projectId: project.id,
          mode,
          webhookType: request.body.webhook_type,
          destinationUrl: request.body.destination_url,
        },
        authorOf(request),
      );
      if (!result.ok) {
        throw new ApiError(
          'invalid_request',
          `destination_url ${result.detail ?? 'is not an allowed destination'}.`,
        );
      }
      const { endpoint, secret: createdSecret } = result.value;
      return {
        status: 'success' as const,
        webhook: toWebhookView(endpoint),
        ...(createdSecret !== null ? { secret: createdSecret } : {}),
      };
    },
  );

  route.post(
    '/v1/webhook/admin/config/get',
    {
      schema: {
        security,
        summary: "This project's webhook destinations (for this key's mode)",
        body: z.object({}).nullish(),
        response: { 200: z.object({ status: z.literal('success'), webhooks: z.array(webhookView) }) },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const endpoints = await webhooks.store.listWebhookEndpoints({
        projectId: project.id,
        mode,
        surface: 'connect',
      });
      return { status: 'success' as const, webhooks: endpoints.map(toWebhookView) };
    },
  );

  route.post(
    '/v1/webhook/admin/config/delete',
    {
      schema: {
        security,
        summary: 'Remove the destination of one event type',
        body: z.object({ webhook_type: webhookType }),
        response: {
          200: z.object({ status: z.literal('success'), webhook_type: z.string(), deleted: z.literal(true) }),
        },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const deleted = await deleteConnectWebhook(
        webhooks,
        {
          projectId: project.id,
          mode,
          webhookType: request.body.webhook_type,
        },
        authorOf(request),
      );
      if (!deleted) throw new ApiError('not_found', 'No webhook is configured for that webhook_type.');
      return { status: 'success' as const, webhook_type: request.body.webhook_type, deleted: true as const };
    },
  );

  route.post(
    '/v1/webhook/admin/config/rotate_secret',
    {
      schema: {
        security,
        summary:
          'Replace the Connect signing secret; the previous one keeps signing alongside it for 24 hours',
        body: z.object({}).nullish(),
        response: { 200: z.object({ status: z.literal('success'), secret }) },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const rotated = await rotateConnectSecret(webhooks, { projectId: project.id, mode }, authorOf(request));
      return { status: 'success' as const, secret: rotated };
    },
  );
};
