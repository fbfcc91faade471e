// Fan-out: an event becomes one delivery per endpoint subscribed to it at the time, written in the same
// transaction as the event (and so as the state change), so no committed change loses its webhooks.
import type { KeyMode, StoreOperations, WebhookEndpoint, WebhookSurface } from '../../store/store.ts';
import { createId } from '../ids.ts';

export function isSubscribed(endpoint: WebhookEndpoint, eventType: string): boolean {
  if (!endpoint.enabled) return false;
  if (endpoint.surface === 'connect') return endpoint.eventTypes[0] === eventType;
  return endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(eventType);
}

export async function enqueueWebhookDeliveries(
  tx: StoreOperations,
  input: {
    eventId: string;
    projectId: string;
    mode: KeyMode;
    surface: WebhookSurface;
    eventType: string;
    now: Date;
  },
): Promise<number> {
  const endpoints = await tx.listWebhookEndpoints({
    projectId: input.projectId,
    mode: input.mode,
    surface: input.surface,
  });
  const subscribed = endpoints.filter((endpoint) => isSubscribed(endpoint, input.eventType));
  await tx.insertWebhookDeliveries(
    subscribed.map((endpoint) => ({
      id: createId('msg'),
      eventId: input.eventId,
      endpointId: endpoint.id,
      projectId: input.projectId,
      mode: input.mode,
      status: 'pending',
      nextAttemptAt: input.now,
      createdAt: input.now,
    })),
  );
  return subscribed.length;
}
