// The three signatures on every delivery (contract §4.5, §6, §7). Receivers verify them to know a
// request came from this deployment and was not altered; all three are HMAC-SHA256 over the exact
// body bytes sent. Formats are versioned where the scheme allows (`v1,` in Standard Webhooks).
import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** `whsec_` + base64 of 24 random bytes: usable as a string key and, decoded, as Standard Webhooks' key. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}

/** Connect: `X-Hub-Signature-256: sha256=<hex HMAC of the body, key = the secret string>`. */
export function signConnectBody(bodyJson: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(bodyJson).digest('hex')}`;
}

/** POY: `X-POY-Signature: <hex HMAC of the body, key = the secret string>` (the seed's verifyWebhook). */
export function signPoyBody(bodyJson: string, secret: string): string {
  return createHmac('sha256', secret).update(bodyJson).digest('hex');
}

/** Standard Webhooks: `v1,<base64 HMAC of "id.timestamp.body", key = base64-decoded part of whsec_>`. */
export function signStandardWebhook(input: {
  secret: string;
  webhookId: string;
  timestampSeconds: number;
  bodyJson: string;
}): string {
  const key = Buffer.from(
    input.secret.startsWith(SECRET_PREFIX) ? input.secret.slice(SECRET_PREFIX.length) : input.secret,
    'base64',
  );
  const mac = createHmac('sha256', key).update(
    `${input.webhookId}.${input.timestampSeconds}.${input.bodyJson}`,
  );
  return `v1,${mac.digest('base64')}`;
}

export interface SigningSecrets {
  current: string;
  /** During the 24 hours after a rotation, the old secret signs alongside the new one. */
  previous: string | null;
}

/** Every header of one attempt. `webhook-id` is the delivery id: the same on retries and replays. */
export function buildDeliveryHeaders(input: {
  surface: 'connect' | 'poy';
  secrets: SigningSecrets;
  webhookId: string;
  timestampSeconds: number;
  bodyJson: string;
}): Record<string, string> {
  const { secrets } = input;
  const standard = [secrets.current, ...(secrets.previous ? [secrets.previous] : [])]
    .map((secret) => signStandardWebhook({ ...input, secret }))
    .join(' ');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'POY-Webhooks/1',
    'webhook-id': input.webhookId,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': standard,
  };
  if (input.surface === 'connect')
    headers['x-hub-signature-256'] = signConnectBody(input.bodyJson, secrets.current);
  else headers['x-poy-signature'] = signPoyBody(input.bodyJson, secrets.current);
  return headers;
}
