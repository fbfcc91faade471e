// Managing webhook endpoints (docs/api.md §6; Connect destinations: manage-connect-webhooks.ts). Secrets
// are shown once, when created or rotated; after a rotation the old secret signs alongside the new one
// for 24 hours. Each change commits in one transaction with its audit event (webhook-audit.ts); the
// destination check, which may ask DNS, runs before that transaction, never inside it.
import { type ConnectEventType, POY_EVENT_TYPES } from '@poy/wire';
import type { KeyMode, Store, StoreOperations, WebhookEndpoint, WebhookSurface } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';
import type { ServerSecrets } from '../secrets.ts';
import { checkDestinationUrl, type DestinationPolicy } from './destination-policy.ts';
import { PREVIOUS_SECRET_OVERLAP_MS, sealEndpointSecret } from './endpoint-secrets.ts';
import { generateWebhookSecret } from './generate-webhook-secret.ts';
import {
  describeEventTypes,
  destinationHostOf,
  recordWebhookAudit,
  type WebhookChangeAuthor,
} from './webhook-audit.ts';

// The event types are part of the wire format: one list for the server and the SDK.
export { CONNECT_EVENT_TYPES, POY_EVENT_TYPES } from '@poy/wire';
export type ConnectEventTypeName = ConnectEventType;

/**
 * The stored subscription of a POY endpoint: every current type listed is the same as none listed
 * ("all", which also takes types added later), so it is stored as none.
 */
export function poySubscriptionOf(requested: readonly string[]): string[] {
  const unique = [...new Set(requested)];
  return POY_EVENT_TYPES.every((type) => unique.includes(type)) ? [] : unique;
}

export interface WebhookDeps {
  store: Store;
  clock: Clock;
  secrets: ServerSecrets;
  policy: DestinationPolicy;
}

export type WebhookResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'not_found' | 'invalid_url' | 'invalid_cursor'; detail?: string };

export interface Tenant {
  projectId: string;
  mode: KeyMode;
}

/** An endpoint of this tenant (on this surface, when given): ids of the other surface are unknown there. */
export async function findTenantEndpoint(
  store: Pick<StoreOperations, 'findWebhookEndpoint'>,
  input: Tenant & { id: string; surface?: WebhookSurface },
): Promise<WebhookEndpoint | null> {
  const endpoint = await store.findWebhookEndpoint(input);
  return endpoint && (input.surface === undefined || endpoint.surface === input.surface) ? endpoint : null;
}

/** The destination policy's objection to a URL, or null when it may be saved. */
export async function checkEndpointUrl(deps: WebhookDeps, url: string): Promise<string | null> {
  const check = await checkDestinationUrl(deps.policy, url);
  return check.ok ? null : check.reason;
}

export async function createPoyEndpoint(
  deps: WebhookDeps,
  input: Tenant & { url: string; events: string[]; enabled?: boolean },
  by: WebhookChangeAuthor,
): Promise<WebhookResult<{ endpoint: WebhookEndpoint; secret: string }>> {
  const problem = await checkEndpointUrl(deps, input.url);
  if (problem) return { ok: false, reason: 'invalid_url', detail: problem };
  const now = deps.clock.now();
  const id = createId('we');
  const secret = generateWebhookSecret();
  const enabled = input.enabled ?? true;
  const endpoint = await deps.store.transaction(async (tx) => {
    const inserted = await tx.insertWebhookEndpoint({
      id,
      projectId: input.projectId,
      mode: input.mode,
      surface: 'poy',
      url: input.url,
      eventTypes: [...new Set(input.events)],
      enabled,
      disabledReason: enabled ? null : 'manual',
      secretEncrypted: sealEndpointSecret(deps.secrets, id, secret),
      previousSecretEncrypted: null,
      previousSecretExpiresAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    });
    if (!inserted) throw new Error('Endpoint id collision');
    await recordWebhookAudit(tx, deps.clock, by, {
      projectId: input.projectId,
      mode: input.mode,
      action: 'webhook_endpoint.created',
      target: { kind: 'webhook_endpoint', id },
      details: {
        surface: 'poy',
        host: destinationHostOf(input.url),
        events: describeEventTypes(inserted.eventTypes),
        enabled,
      },
    });
    return inserted;
  });
  return { ok: true, value: { endpoint, secret } };
}

/**
 * Changes an endpoint's URL, events (POY only: a Connect destination has its one type for life) or
 * enabled state. Enabling starts afresh (the 5-day failure clock too); disabling by hand says so.
 */
export async function updateEndpoint(
  deps: WebhookDeps,
  input: Tenant & { id: string; surface: WebhookSurface; url?: string; events?: string[]; enabled?: boolean },
  by: WebhookChangeAuthor,
): Promise<WebhookResult<WebhookEndpoint>> {
  if (!(await findTenantEndpoint(deps.store, input))) return { ok: false, reason: 'not_found' };
  if (input.url !== undefined) {
    const problem = await checkEndpointUrl(deps, input.url);
    if (problem) return { ok: false, reason: 'invalid_url', detail: problem };
  }
  const events =
    input.surface === 'poy' && input.events !== undefined ? [...new Set(input.events)] : undefined;
  const updated = await deps.store.transaction(async (tx) => {
    // Read again inside: the old values the audit event names are the ones this change replaces.
    const endpoint = await findTenantEndpoint(tx, input);
    if (!endpoint) return null;
    const changed = await tx.updateWebhookEndpoint(endpoint.id, {
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(events !== undefined ? { eventTypes: events } : {}),
      ...(input.enabled === true ? { enabled: true, disabledReason: null, failingSince: null } : {}),
      ...(input.enabled === false ? { enabled: false, disabledReason: 'manual' as const } : {}),
      updatedAt: deps.clock.now(),
    });
    const details: Record<string, string | boolean> = { surface: endpoint.surface };
    if (input.url !== undefined) {
      details.previousHost = destinationHostOf(endpoint.url);
      details.host = destinationHostOf(changed.url);
      details.urlChanged = endpoint.url !== changed.url;
    }
    if (events !== undefined) {
      details.previousEvents = describeEventTypes(endpoint.eventTypes);
      details.events = describeEventTypes(changed.eventTypes);
    }
    if (input.enabled !== undefined) {
      details.previousEnabled = endpoint.enabled;
      details.enabled = changed.enabled;
    }
    await recordWebhookAudit(tx, deps.clock, by, {
      projectId: input.projectId,
      mode: input.mode,
      action: 'webhook_endpoint.updated',
      target: { kind: 'webhook_endpoint', id: endpoint.id },
      details,
    });
    return changed;
  });
  return updated ? { ok: true, value: updated } : { ok: false, reason: 'not_found' };
}

/** Deletes an endpoint and, with it, its delivery log. False when it is not this tenant's. */
export async function deleteWebhookEndpoint(
  deps: WebhookDeps,
  input: Tenant & { id: string; surface: WebhookSurface },
  by: WebhookChangeAuthor,
): Promise<boolean> {
  return deps.store.transaction(async (tx) => {
    const endpoint = await findTenantEndpoint(tx, input);
    if (!endpoint || !(await tx.deleteWebhookEndpoint(endpoint.id))) return false;
    await recordWebhookAudit(tx, deps.clock, by, {
      projectId: input.projectId,
      mode: input.mode,
      action: 'webhook_endpoint.deleted',
      target: { kind: 'webhook_endpoint', id: endpoint.id },
      details: {
        surface: endpoint.surface,
        host: destinationHostOf(endpoint.url),
        events: describeEventTypes(endpoint.eventTypes),
      },
    });
    return true;
  });
}

export async function rotatePoyEndpointSecret(
  deps: WebhookDeps,
  input: Tenant & { id: string },
  by: WebhookChangeAuthor,
): Promise<WebhookResult<{ endpoint: WebhookEndpoint; secret: string }>> {
  const secret = generateWebhookSecret();
  const now = deps.clock.now();
  const rotated = await deps.store.transaction(async (tx) => {
    const endpoint = await findTenantEndpoint(tx, { ...input, surface: 'poy' });
    if (!endpoint) return null;
    const updated = await tx.updateWebhookEndpoint(endpoint.id, {
      secretEncrypted: sealEndpointSecret(deps.secrets, endpoint.id, secret),
      previousSecretEncrypted: endpoint.secretEncrypted,
      previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_OVERLAP_MS),
      updatedAt: now,
    });
    await recordWebhookAudit(tx, deps.clock, by, {
      projectId: input.projectId,
      mode: input.mode,
      action: 'webhook_endpoint.secret_rotated',
      target: { kind: 'webhook_endpoint', id: endpoint.id },
      details: { surface: 'poy' },
    });
    return updated;
  });
  return rotated ? { ok: true, value: { endpoint: rotated, secret } } : { ok: false, reason: 'not_found' };
}
