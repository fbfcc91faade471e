// Connect destinations (docs/api.md §4.4): one per event type per project and mode, all signed with the
// project's one Connect secret (per mode). That secret is created by the first destination saved and
// shown then, and again on every rotation, never otherwise. Each change commits in one transaction with
// its audit event; the destination check runs before it.
import type { ConnectWebhookSecret, StoreOperations, WebhookEndpoint } from '../../store/store.ts';
import { createId } from '../ids.ts';
import { PREVIOUS_SECRET_OVERLAP_MS, sealConnectSecret } from './endpoint-secrets.ts';
import { generateWebhookSecret } from './generate-webhook-secret.ts';
import {
  type ConnectEventTypeName,
  checkEndpointUrl,
  type Tenant,
  type WebhookDeps,
  type WebhookResult,
} from './manage-webhooks.ts';
import { destinationHostOf, recordWebhookAudit, type WebhookChangeAuthor } from './webhook-audit.ts';

/** The project's Connect signing secret; created on first need (then returned, to be shown once). */
async function ensureConnectSecret(
  deps: WebhookDeps,
  tx: StoreOperations,
  tenant: Tenant,
): Promise<{ secret: ConnectWebhookSecret; createdSecret: string | null }> {
  const existing = await tx.findConnectWebhookSecret(tenant.projectId, tenant.mode);
  if (existing) return { secret: existing, createdSecret: null };
  const plain = generateWebhookSecret();
  // Insert-if-absent: of two first requests at once, exactly one creates (and shows) the secret.
  const created = await tx.insertConnectWebhookSecret({
    projectId: tenant.projectId,
    mode: tenant.mode,
    secretEncrypted: sealConnectSecret(deps.secrets, tenant.projectId, tenant.mode, plain),
    previousSecretEncrypted: null,
    previousSecretExpiresAt: null,
    createdAt: deps.clock.now(),
    rotatedAt: null,
  });
  if (created) return { secret: created, createdSecret: plain };
  const winner = await tx.findConnectWebhookSecret(tenant.projectId, tenant.mode);
  if (!winner) throw new Error('Connect webhook secret vanished');
  return { secret: winner, createdSecret: null };
}

/**
 * Points each of `webhookTypes` at one URL, replacing the destination a type had. Saving re-enables a
 * destination (docs/api.md §4.4) unless `enabled: false` is asked for (the dashboard's form).
 */
export async function saveConnectDestinations(
  deps: WebhookDeps,
  input: Tenant & {
    webhookTypes: readonly ConnectEventTypeName[];
    destinationUrl: string;
    enabled?: boolean;
  },
  by: WebhookChangeAuthor,
): Promise<WebhookResult<{ endpoints: WebhookEndpoint[]; secret: string | null }>> {
  const problem = await checkEndpointUrl(deps, input.destinationUrl);
  if (problem) return { ok: false, reason: 'invalid_url', detail: problem };
  const saved = await deps.store.transaction(async (tx) => {
    const { createdSecret } = await ensureConnectSecret(deps, tx, input);
    const endpoints: WebhookEndpoint[] = [];
    for (const webhookType of new Set(input.webhookTypes)) {
      endpoints.push(await saveConnectEndpoint(deps, tx, { ...input, webhookType }, by));
    }
    return { endpoints, secret: createdSecret };
  });
  return { ok: true, value: saved };
}

/** docs/api.md §4.4: one destination per event type per project and mode. */
export async function createOrEditConnectWebhook(
  deps: WebhookDeps,
  input: Tenant & { webhookType: ConnectEventTypeName; destinationUrl: string },
  by: WebhookChangeAuthor,
): Promise<WebhookResult<{ endpoint: WebhookEndpoint; secret: string | null }>> {
  const result = await saveConnectDestinations(deps, { ...input, webhookTypes: [input.webhookType] }, by);
  if (!result.ok) return result;
  const [endpoint] = result.value.endpoints;
  if (!endpoint) throw new Error('No Connect destination was saved');
  return { ok: true, value: { endpoint, secret: result.value.secret } };
}

async function saveConnectEndpoint(
  deps: WebhookDeps,
  tx: StoreOperations,
  input: Tenant & { webhookType: ConnectEventTypeName; destinationUrl: string; enabled?: boolean },
  by: WebhookChangeAuthor,
): Promise<WebhookEndpoint> {
  const enabled = input.enabled ?? true;
  // A concurrent save of the same type may win the insert; then edit theirs (each statement sees what
  // committed before it, so a second round finds it).
  for (let round = 0; round < 3; round++) {
    const now = deps.clock.now();
    const existing = await tx.findConnectWebhookEndpoint({ ...input, eventType: input.webhookType });
    const endpoint = existing
      ? await tx.updateWebhookEndpoint(existing.id, {
          url: input.destinationUrl,
          enabled,
          disabledReason: enabled ? null : 'manual',
          ...(enabled ? { failingSince: null } : {}),
          updatedAt: now,
        })
      : await tx.insertWebhookEndpoint({
          id: createId('we'),
          projectId: input.projectId,
          mode: input.mode,
          surface: 'connect',
          url: input.destinationUrl,
          eventTypes: [input.webhookType],
          enabled,
          disabledReason: enabled ? null : 'manual',
          secretEncrypted: null,
          previousSecretEncrypted: null,
          previousSecretExpiresAt: null,
          failingSince: null,
          createdAt: now,
          updatedAt: now,
        });
    if (!endpoint) continue;
    await recordWebhookAudit(tx, deps.clock, by, {
      projectId: input.projectId,
      mode: input.mode,
      action: existing ? 'webhook_endpoint.updated' : 'webhook_endpoint.created',
      target: { kind: 'webhook_endpoint', id: endpoint.id },
      details: {
        surface: 'connect',
        events: input.webhookType,
        host: destinationHostOf(endpoint.url),
        ...(existing
          ? { previousHost: destinationHostOf(existing.url), previousEnabled: existing.enabled }
          : {}),
        enabled,
      },
    });
    return endpoint;
  }
  throw new Error('Could not save the Connect webhook endpoint');
}

export async function deleteConnectWebhook(
  deps: WebhookDeps,
  input: Tenant & { webhookType: ConnectEventTypeName },
  by: WebhookChangeAuthor,
): Promise<boolean> {
  return deps.store.transaction(async (tx) => {
    const existing = await tx.findConnectWebhookEndpoint({ ...input, eventType: input.webhookType });
    if (!existing || !(await tx.deleteWebhookEndpoint(existing.id))) return false;
    await recordWebhookAudit(tx, deps.clock, by, {
      projectId: input.projectId,
      mode: input.mode,
      action: 'webhook_endpoint.deleted',
      target: { kind: 'webhook_endpoint', id: existing.id },
      details: { surface: 'connect', host: destinationHostOf(existing.url), events: input.webhookType },
    });
    return true;
  });
}

/** Replaces the project's Connect secret (creating it if there was none); returns it, to be shown once. */
export async function rotateConnectSecret(
  deps: WebhookDeps,
  tenant: Tenant,
  by: WebhookChangeAuthor,
): Promise<string> {
  const plain = generateWebhookSecret();
  await deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const existing = await tx.findConnectWebhookSecret(tenant.projectId, tenant.mode);
    await tx.upsertConnectWebhookSecret({
      projectId: tenant.projectId,
      mode: tenant.mode,
      secretEncrypted: sealConnectSecret(deps.secrets, tenant.projectId, tenant.mode, plain),
      previousSecretEncrypted: existing?.secretEncrypted ?? null,
      previousSecretExpiresAt: existing ? new Date(now.getTime() + PREVIOUS_SECRET_OVERLAP_MS) : null,
      createdAt: existing?.createdAt ?? now,
      rotatedAt: now,
    });
    await recordWebhookAudit(tx, deps.clock, by, {
      projectId: tenant.projectId,
      mode: tenant.mode,
      action: 'webhook_endpoint.secret_rotated',
      target: { kind: 'connect_webhook_secret', id: tenant.projectId },
      details: { surface: 'connect', created: existing === null },
    });
  });
  return plain;
}
