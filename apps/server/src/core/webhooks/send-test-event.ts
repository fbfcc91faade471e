// "Send test event" (docs/api.md §6 `webhook.test`, §4.5 `WEBHOOK_TEST`): a real outbox event of the
// documented test type, queued to one endpoint only and delivered by the workers like any other (signed
// as its surface signs, retried, logged), so a receiver is tested exactly as it will be used.
import { randomUUID } from 'node:crypto';
import type { ConnectTestWebhookEvent, PoyTestWebhookEvent } from '@poy/wire';
import type { WebhookDelivery, WebhookSurface } from '../../store/store.ts';
import { createId } from '../ids.ts';
import { findTenantEndpoint, type Tenant, type WebhookDeps, type WebhookResult } from './manage-webhooks.ts';
import { recordWebhookAudit, type WebhookChangeAuthor } from './webhook-audit.ts';

export const POY_TEST_EVENT_TYPE = 'webhook.test';
export const CONNECT_TEST_EVENT_TYPE = 'WEBHOOK_TEST';

export async function sendTestEvent(
  deps: WebhookDeps,
  input: Tenant & { endpointId: string; surface: WebhookSurface },
  by: WebhookChangeAuthor,
): Promise<WebhookResult<WebhookDelivery>> {
  const endpoint = await findTenantEndpoint(deps.store, { ...input, id: input.endpointId });
  if (!endpoint) return { ok: false, reason: 'not_found' };
  const now = deps.clock.now();
  const eventId = createId('evt');
  const deliveryId = createId('msg');
  const body: PoyTestWebhookEvent | ConnectTestWebhookEvent =
    endpoint.surface === 'poy'
      ? { event: POY_TEST_EVENT_TYPE, timestamp: now.toISOString(), data: { endpointId: endpoint.id } }
      : {
          transaction_id: `ewh:${randomUUID()}`,
          user_id: null,
          reference_user_id: null,
          type: CONNECT_TEST_EVENT_TYPE,
          payload: { webhook_type: endpoint.eventTypes[0] ?? null },
          created_at: now.toISOString(),
        };
  const delivery = await deps.store.transaction(async (tx) => {
    await tx.insertOutboxEvent({
      id: eventId,
      projectId: endpoint.projectId,
      mode: endpoint.mode,
      surface: endpoint.surface,
      eventType: endpoint.surface === 'poy' ? POY_TEST_EVENT_TYPE : CONNECT_TEST_EVENT_TYPE,
      body,
      createdAt: now,
    });
    await tx.insertWebhookDeliveries([
      {
        id: deliveryId,
        eventId,
        endpointId: endpoint.id,
        projectId: endpoint.projectId,
        mode: endpoint.mode,
        status: 'pending',
        nextAttemptAt: now,
        createdAt: now,
      },
    ]);
    await recordWebhookAudit(tx, deps.clock, by, {
      projectId: endpoint.projectId,
      mode: endpoint.mode,
      action: 'webhook_endpoint.test_sent',
      target: { kind: 'webhook_endpoint', id: endpoint.id },
      details: { surface: endpoint.surface, deliveryId },
    });
    return tx.findDelivery({ ...input, id: deliveryId });
  });
  if (!delivery) throw new Error('Test delivery vanished');
  return { ok: true, value: delivery };
}
