// One endpoint's deliveries with their attempts, newest first (the POY API's delivery log, docs/api.md
// §6; the dashboard reads the project-wide log through the store's delivery-log slice).
import type { WebhookAttempt, WebhookDelivery, WebhookSurface } from '../../store/store.ts';
import { findTenantEndpoint, type Tenant, type WebhookDeps, type WebhookResult } from './manage-webhooks.ts';

export interface DeliveryWithAttempts {
  delivery: WebhookDelivery;
  eventType: string;
  attempts: WebhookAttempt[];
}

export async function listEndpointDeliveries(
  deps: WebhookDeps,
  input: Tenant & { endpointId: string; surface: WebhookSurface; limit: number; before?: string },
): Promise<WebhookResult<DeliveryWithAttempts[]>> {
  const endpoint = await findTenantEndpoint(deps.store, { ...input, id: input.endpointId });
  if (!endpoint) return { ok: false, reason: 'not_found' };
  if (input.before !== undefined) {
    // The store ignores an unknown anchor (and would answer the first page again): refuse it instead,
    // so a client paging with a bad cursor stops rather than looping.
    const anchor = await deps.store.findDelivery({ ...input, id: input.before });
    if (!anchor || anchor.endpointId !== endpoint.id) return { ok: false, reason: 'invalid_cursor' };
  }
  const deliveries = await deps.store.listDeliveries({
    endpointId: endpoint.id,
    limit: input.limit,
    ...(input.before !== undefined ? { before: input.before } : {}),
  });
  const attempts = await deps.store.listAttempts(deliveries.map((delivery) => delivery.id));
  const events = await Promise.all(
    deliveries.map((delivery) => deps.store.findOutboxEvent(delivery.eventId)),
  );
  return {
    ok: true,
    value: deliveries.map((delivery, index) => ({
      delivery,
      eventType: events[index]?.eventType ?? 'unknown',
      attempts: attempts.filter((attempt) => attempt.deliveryId === delivery.id),
    })),
  };
}
