// Managing webhook endpoints for both surfaces (docs/api.md §4.4 and §6). Secrets are shown once, when
// created or rotated; after a rotation the old secret signs alongside the new one for 24 hours.
import { randomUUID } from 'node:crypto';
import type { ConnectEventType, ConnectTestWebhookEvent, PoyTestWebhookEvent } from '@poy/wire';
import type {
  ConnectWebhookSecret,
  KeyMode,
  Store,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookSurface,
} from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';
import type { ServerSecrets } from '../secrets.ts';
import { checkDestinationUrl, type DestinationPolicy } from './destination-policy.ts';
import { PREVIOUS_SECRET_OVERLAP_MS, sealConnectSecret, sealEndpointSecret } from './endpoint-secrets.ts';
import { generateWebhookSecret } from './generate-webhook-secret.ts';

// The event types are part of the wire format: one list for the server and the SDK.
export { CONNECT_EVENT_TYPES, POY_EVENT_TYPES } from '@poy/wire';
export type ConnectEventTypeName = ConnectEventType;

export interface WebhookDeps {
  store: Store;
  clock: Clock;
  secrets: ServerSecrets;
  policy: DestinationPolicy;
}

export type WebhookResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'not_found' | 'invalid_url' | 'invalid_cursor'; detail?: string };

interface Tenant {
  projectId: string;
  mode: KeyMode;
}

/** An endpoint of this tenant on this surface: ids of the other surface are unknown here. */
async function findTenantEndpoint(
  deps: WebhookDeps,
  input: Tenant & { id: string; surface: WebhookSurface },
): Promise<WebhookEndpoint | null> {
  const endpoint = await deps.store.findWebhookEndpoint(input);
  return endpoint && endpoint.surface === input.surface ? endpoint : null;
}

async function checkUrl(deps: WebhookDeps, url: string): Promise<string | null> {
  const check = await checkDestinationUrl(deps.policy, url);
  return check.ok ? null : check.reason;
}

export async function createPoyEndpoint(
  deps: WebhookDeps,
  input: Tenant & { url: string; events: string[] },
): Promise<WebhookResult<{ endpoint: WebhookEndpoint; secret: string }>> {
  const problem = await checkUrl(deps, input.url);
  if (problem) return { ok: false, reason: 'invalid_url', detail: problem };
  const now = deps.clock.now();
  const id = createId('we');
  const secret = generateWebhookSecret();
  const endpoint = await deps.store.insertWebhookEndpoint({
    id,
    projectId: input.projectId,
    mode: input.mode,
    surface: 'poy',
    url: input.url,
    eventTypes: [...new Set(input.events)],
    enabled: true,
    disabledReason: null,
    secretEncrypted: sealEndpointSecret(deps.secrets, id, secret),
    previousSecretEncrypted: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
  });
  if (!endpoint) throw new Error('Endpoint id collision');
  return { ok: true, value: { endpoint, secret } };
}

export async function updatePoyEndpoint(
  deps: WebhookDeps,
  input: Tenant & { id: string; url?: string; events?: string[]; enabled?: boolean },
): Promise<WebhookResult<WebhookEndpoint>> {
  const endpoint = await deps.store.findWebhookEndpoint(input);
  if (endpoint?.surface !== 'poy') return { ok: false, reason: 'not_found' };
  if (input.url !== undefined) {
    const problem = await checkUrl(deps, input.url);
    if (problem) return { ok: false, reason: 'invalid_url', detail: problem };
  }
  const updated = await deps.store.updateWebhookEndpoint(endpoint.id, {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.events !== undefined ? { eventTypes: [...new Set(input.events)] } : {}),
    // Enabling starts afresh (the 5-day failure clock too); disabling by hand says so.
    ...(input.enabled === true ? { enabled: true, disabledReason: null, failingSince: null } : {}),
    ...(input.enabled === false ? { enabled: false, disabledReason: 'manual' } : {}),
    updatedAt: deps.clock.now(),
  });
  return { ok: true, value: updated };
}

export async function deleteWebhookEndpoint(
  deps: WebhookDeps,
  input: Tenant & { id: string; surface: WebhookSurface },
): Promise<boolean> {
  const endpoint = await findTenantEndpoint(deps, input);
  if (!endpoint) return false;
  return deps.store.deleteWebhookEndpoint(endpoint.id);
}

export async function rotatePoyEndpointSecret(
  deps: WebhookDeps,
  input: Tenant & { id: string },
): Promise<WebhookResult<{ endpoint: WebhookEndpoint; secret: string }>> {
  const endpoint = await deps.store.findWebhookEndpoint(input);
  if (endpoint?.surface !== 'poy') return { ok: false, reason: 'not_found' };
  const now = deps.clock.now();
  const secret = generateWebhookSecret();
  const updated = await deps.store.updateWebhookEndpoint(endpoint.id, {
    secretEncrypted: sealEndpointSecret(deps.secrets, endpoint.id, secret),
    previousSecretEncrypted: endpoint.secretEncrypted,
    previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_OVERLAP_MS),
    updatedAt: now,
  });
  return { ok: true, value: { endpoint: updated, secret } };
}

export interface DeliveryWithAttempts {
  delivery: WebhookDelivery;
  eventType: string;
  attempts: WebhookAttempt[];
}

export async function listEndpointDeliveries(
  deps: WebhookDeps,
  input: Tenant & { endpointId: string; surface: WebhookSurface; limit: number; before?: string },
): Promise<WebhookResult<DeliveryWithAttempts[]>> {
  const endpoint = await findTenantEndpoint(deps, { ...input, id: input.endpointId });
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

/** Replays a delivery: the same `webhook-id` and body, attempted again now. */
export async function redeliver(
  deps: WebhookDeps,
  input: Tenant & { endpointId: string; surface: WebhookSurface; deliveryId: string },
): Promise<WebhookResult<WebhookDelivery>> {
  const endpoint = await findTenantEndpoint(deps, { ...input, id: input.endpointId });
  if (!endpoint) return { ok: false, reason: 'not_found' };
  const delivery = await deps.store.findDelivery({ ...input, id: input.deliveryId });
  if (!delivery || delivery.endpointId !== input.endpointId) return { ok: false, reason: 'not_found' };
  return { ok: true, value: await deps.store.requeueDelivery(delivery.id, deps.clock.now()) };
}

/** A `webhook.test` event to this endpoint only, through the normal delivery path. */
export async function sendTestEvent(
  deps: WebhookDeps,
  input: Tenant & { endpointId: string; surface: WebhookSurface },
): Promise<WebhookResult<WebhookDelivery>> {
  const endpoint = await findTenantEndpoint(deps, { ...input, id: input.endpointId });
  if (!endpoint) return { ok: false, reason: 'not_found' };
  const now = deps.clock.now();
  const eventId = createId('evt');
  const deliveryId = createId('msg');
  const body: PoyTestWebhookEvent | ConnectTestWebhookEvent =
    endpoint.surface === 'poy'
      ? { event: 'webhook.test', timestamp: now.toISOString(), data: { endpointId: endpoint.id } }
      : {
          transaction_id: `ewh:${randomUUID()}`,
          user_id: null,
          reference_user_id: null,
          type: 'WEBHOOK_TEST',
          payload: { webhook_type: endpoint.eventTypes[0] ?? null },
          created_at: now.toISOString(),
        };
  await deps.store.transaction(async (tx) => {
    await tx.insertOutboxEvent({
      id: eventId,
      projectId: endpoint.projectId,
      mode: endpoint.mode,
      surface: endpoint.surface,
      eventType: endpoint.surface === 'poy' ? 'webhook.test' : 'WEBHOOK_TEST',
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
  });
  const delivery = await deps.store.findDelivery({ ...input, id: deliveryId });
  if (!delivery) throw new Error('Test delivery vanished');
  return { ok: true, value: delivery };
}

/** The project's Connect signing secret; created on first need (then returned, to be shown once). */
async function ensureConnectSecret(
  deps: WebhookDeps,
  tenant: Tenant,
): Promise<{ secret: ConnectWebhookSecret; createdSecret: string | null }> {
  const existing = await deps.store.findConnectWebhookSecret(tenant.projectId, tenant.mode);
  if (existing) return { secret: existing, createdSecret: null };
  const plain = generateWebhookSecret();
  // Insert-if-absent: of two first requests at once, exactly one creates (and shows) the secret.
  const created = await deps.store.insertConnectWebhookSecret({
    projectId: tenant.projectId,
    mode: tenant.mode,
    secretEncrypted: sealConnectSecret(deps.secrets, tenant.projectId, tenant.mode, plain),
    previousSecretEncrypted: null,
    previousSecretExpiresAt: null,
    createdAt: deps.clock.now(),
    rotatedAt: null,
  });
  if (created) return { secret: created, createdSecret: plain };
  const winner = await deps.store.findConnectWebhookSecret(tenant.projectId, tenant.mode);
  if (!winner) throw new Error('Connect webhook secret vanished');
  return { secret: winner, createdSecret: null };
}

/** docs/api.md §4.4: one destination per event type per project and mode. */
export async function createOrEditConnectWebhook(
  deps: WebhookDeps,
  input: Tenant & { webhookType: ConnectEventTypeName; destinationUrl: string },
): Promise<WebhookResult<{ endpoint: WebhookEndpoint; secret: string | null }>> {
  const problem = await checkUrl(deps, input.destinationUrl);
  if (problem) return { ok: false, reason: 'invalid_url', detail: problem };
  const { createdSecret } = await ensureConnectSecret(deps, input);
  // A concurrent create of the same type may win the insert; then edit theirs (a second round always
  // finds it). The secret created above is still returned: it is shown only this once.
  for (let round = 0; round < 3; round++) {
    const endpoint = await saveConnectEndpoint(deps, input);
    if (endpoint) return { ok: true, value: { endpoint, secret: createdSecret } };
  }
  throw new Error('Could not save the Connect webhook endpoint');
}

async function saveConnectEndpoint(
  deps: WebhookDeps,
  input: Tenant & { webhookType: ConnectEventTypeName; destinationUrl: string },
): Promise<WebhookEndpoint | null> {
  const now = deps.clock.now();
  const existing = await deps.store.findConnectWebhookEndpoint({ ...input, eventType: input.webhookType });
  if (existing) {
    return deps.store.updateWebhookEndpoint(existing.id, {
      url: input.destinationUrl,
      enabled: true,
      disabledReason: null,
      failingSince: null,
      updatedAt: now,
    });
  }
  return deps.store.insertWebhookEndpoint({
    id: createId('we'),
    projectId: input.projectId,
    mode: input.mode,
    surface: 'connect',
    url: input.destinationUrl,
    eventTypes: [input.webhookType],
    enabled: true,
    disabledReason: null,
    secretEncrypted: null,
    previousSecretEncrypted: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
  });
}

export async function deleteConnectWebhook(
  deps: WebhookDeps,
  input: Tenant & { webhookType: ConnectEventTypeName },
): Promise<boolean> {
  const existing = await deps.store.findConnectWebhookEndpoint({ ...input, eventType: input.webhookType });
  return existing ? deps.store.deleteWebhookEndpoint(existing.id) : false;
}

export async function rotateConnectSecret(deps: WebhookDeps, tenant: Tenant): Promise<string> {
  const now = deps.clock.now();
  const existing = await deps.store.findConnectWebhookSecret(tenant.projectId, tenant.mode);
  const plain = generateWebhookSecret();
  await deps.store.upsertConnectWebhookSecret({
    projectId: tenant.projectId,
    mode: tenant.mode,
    secretEncrypted: sealConnectSecret(deps.secrets, tenant.projectId, tenant.mode, plain),
    previousSecretEncrypted: existing?.secretEncrypted ?? null,
    previousSecretExpiresAt: existing ? new Date(now.getTime() + PREVIOUS_SECRET_OVERLAP_MS) : null,
    createdAt: existing?.createdAt ?? now,
    rotatedAt: now,
  });
  return plain;
}
