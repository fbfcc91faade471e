// Which secrets sign a delivery. POY endpoints have their own; Connect endpoints share the project's
// Connect secret (docs/api.md §4.4). After a rotation the previous secret keeps signing alongside the new
// one for 24 hours, so receivers can switch without dropping events.
import type { SigningSecrets } from '@poy/wire';
import type { ClaimedDelivery, ConnectWebhookSecret, KeyMode, WebhookEndpoint } from '../../store/store.ts';
import { openSecret, sealSecret } from '../sealed-secret.ts';
import type { ServerSecrets } from '../secrets.ts';

export const PREVIOUS_SECRET_OVERLAP_MS = 24 * 3_600_000;

export function endpointSecretContext(endpointId: string): string {
  return `poy-webhook-endpoint/v1|${endpointId}`;
}

export function connectSecretContext(projectId: string, mode: KeyMode): string {
  return `poy-connect-webhook-secret/v1|${projectId}|${mode}`;
}

export function sealEndpointSecret(secrets: ServerSecrets, endpointId: string, secret: string): string {
  return sealSecret(secret, secrets.webhookSecretEncryptionKey, endpointSecretContext(endpointId));
}

export function sealConnectSecret(
  secrets: ServerSecrets,
  projectId: string,
  mode: KeyMode,
  secret: string,
): string {
  return sealSecret(secret, secrets.webhookSecretEncryptionKey, connectSecretContext(projectId, mode));
}

function openPair(
  secrets: ServerSecrets,
  context: string,
  current: string,
  previous: string | null,
  previousExpiresAt: Date | null,
  now: Date,
): SigningSecrets {
  const key = secrets.webhookSecretEncryptionKey;
  const previousValid = previous !== null && previousExpiresAt !== null && previousExpiresAt > now;
  return {
    current: openSecret(current, key, context),
    previous: previousValid ? openSecret(previous, key, context) : null,
  };
}

export function resolveEndpointSigningSecrets(
  secrets: ServerSecrets,
  endpoint: WebhookEndpoint,
  now: Date,
): SigningSecrets {
  if (endpoint.secretEncrypted === null) throw new Error(`Endpoint ${endpoint.id} has no secret`);
  return openPair(
    secrets,
    endpointSecretContext(endpoint.id),
    endpoint.secretEncrypted,
    endpoint.previousSecretEncrypted,
    endpoint.previousSecretExpiresAt,
    now,
  );
}

export function resolveConnectSigningSecrets(
  secrets: ServerSecrets,
  secret: ConnectWebhookSecret,
  now: Date,
): SigningSecrets {
  return openPair(
    secrets,
    connectSecretContext(secret.projectId, secret.mode),
    secret.secretEncrypted,
    secret.previousSecretEncrypted,
    secret.previousSecretExpiresAt,
    now,
  );
}

export function resolveSigningSecrets(
  secrets: ServerSecrets,
  claimed: ClaimedDelivery,
  now: Date,
): SigningSecrets {
  if (claimed.endpoint.surface === 'poy')
    return resolveEndpointSigningSecrets(secrets, claimed.endpoint, now);
  if (!claimed.connectSecret)
    throw new Error(`Project ${claimed.endpoint.projectId} has no Connect webhook secret`);
  return resolveConnectSigningSecrets(secrets, claimed.connectSecret, now);
}
