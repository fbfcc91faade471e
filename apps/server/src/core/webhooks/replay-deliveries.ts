// Replaying deliveries (docs/api.md §7 "Replay"): the same `webhook-id` and body, due again at once,
// whatever the delivery's status; the attempt count continues. One delivery (API and dashboard), or
// every failed delivery of a project and mode in a time range (dashboard). Each replay commits with its
// audit event; only deliveries of the tenant's project AND mode can be touched.
import type { WebhookDelivery, WebhookSurface } from '../../store/store.ts';
import { findTenantEndpoint, type Tenant, type WebhookDeps, type WebhookResult } from './manage-webhooks.ts';
import { recordWebhookAudit, type WebhookChangeAuthor } from './webhook-audit.ts';

/**
 * Replays one delivery of this tenant. With `endpoint` (the API's nested route) the delivery must also
 * belong to that endpoint of that surface.
 */
export async function replayDelivery(
  deps: WebhookDeps,
  input: Tenant & { deliveryId: string; endpoint?: { id: string; surface: WebhookSurface } },
  by: WebhookChangeAuthor,
): Promise<WebhookResult<WebhookDelivery>> {
  const { endpoint } = input;
  if (endpoint && !(await findTenantEndpoint(deps.store, { ...input, ...endpoint }))) {
    return { ok: false, reason: 'not_found' };
  }
  const replayed = await deps.store.transaction(async (tx) => {
    const delivery = await tx.findDelivery({ ...input, id: input.deliveryId });
    if (!delivery || (endpoint && delivery.endpointId !== endpoint.id)) return null;
    const requeued = await tx.requeueDelivery(delivery.id, deps.clock.now());
    await recordWebhookAudit(tx, deps.clock, by, {
      projectId: input.projectId,
      mode: input.mode,
      action: 'webhook_delivery.replayed',
      target: { kind: 'webhook_delivery', id: delivery.id },
      details: { endpointId: delivery.endpointId, previousStatus: delivery.status },
    });
    return requeued;
  });
  return replayed ? { ok: true, value: replayed } : { ok: false, reason: 'not_found' };
}

export type ReplayFailedResult =
  | { ok: true; count: number }
  | { ok: false; reason: 'not_found' | 'invalid_range' };

/**
 * Replays every failed delivery of this project and mode created in [since, until), of one endpoint when
 * given. One audit event says how many (none when there were none: nothing changed).
 */
export async function replayFailedDeliveries(
  deps: WebhookDeps,
  input: Tenant & { since: Date; until: Date; endpointId?: string },
  by: WebhookChangeAuthor,
): Promise<ReplayFailedResult> {
  if (!(input.since.getTime() < input.until.getTime())) return { ok: false, reason: 'invalid_range' };
  const { endpointId } = input;
  if (endpointId !== undefined && !(await findTenantEndpoint(deps.store, { ...input, id: endpointId }))) {
    return { ok: false, reason: 'not_found' };
  }
  const count = await deps.store.transaction(async (tx) => {
    const requeued = await tx.requeueFailedDeliveries({
      projectId: input.projectId,
      mode: input.mode,
      since: input.since,
      until: input.until,
      ...(endpointId !== undefined ? { endpointId } : {}),
      now: deps.clock.now(),
    });
    if (requeued > 0) {
      await recordWebhookAudit(tx, deps.clock, by, {
        projectId: input.projectId,
        mode: input.mode,
        action: 'webhook_delivery.replayed',
        target: endpointId !== undefined ? { kind: 'webhook_endpoint', id: endpointId } : null,
        details: {
          scope: 'failed',
          count: requeued,
          since: input.since.toISOString(),
          until: input.until.toISOString(),
        },
      });
    }
    return requeued;
  });
  return { ok: true, count };
}
