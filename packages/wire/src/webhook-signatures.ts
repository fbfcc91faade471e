// The three signatures on every webhook delivery (docs/api.md §4, §6, §7), as the server writes them;
// receivers check them with verify-webhook.ts, on the same definitions. All three are HMAC-SHA256 over
// the exact body bytes sent:
// - POY: `X-POY-Signature: <lower-case hex>`, keyed with the secret string as is;
// - Connect: `X-Hub-Signature-256: sha256=<lower-case hex>`, the same MAC;
// - Standard Webhooks (both): `webhook-signature: v1,<base64>` over `id.timestamp.body`, keyed with the
//   base64-decoded part of the secret after `whsec_`; one signature per secret, so during the 24 hours
//   after a rotation the previous secret signs too.
// The HMAC itself may be supplied (the server passes node:crypto's, several times faster than the
// pure-TS default); the bytes it is applied to, and how the result is written, are fixed here.
import { type BytesLike, base64ToBytes, bytesToBase64, bytesToHex, toBytes } from './encoding.ts';
import { hmacSha256 } from './hmac-sha256.ts';

/** Endpoint secrets are `whsec_` + base64 (24 random bytes on this server). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const CONNECT_SIGNATURE_PREFIX = 'sha256=';
/** Standard Webhooks: the only signature version defined; others are skipped when verifying. */
export const STANDARD_SIGNATURE_VERSION = 'v1';
/** Sent as `user-agent` with every delivery. */
export const WEBHOOK_USER_AGENT = 'POY-Webhooks/1';

/** HMAC-SHA256 of `message` under `key`: 32 bytes. */
export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array;

const pureHmacSha256: HmacSha256 = (key, message) => hmacSha256(key, message);

/** The HMAC key of a secret under Standard Webhooks: the base64-decoded part after `whsec_`; null if not base64. */
export function standardWebhookKey(secret: string): Uint8Array | null {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret;
  return base64ToBytes(encoded);
}

/** What a Standard Webhooks signature covers: `<webhook-id>.<webhook-timestamp>.<body bytes>`. */
export function standardSigningInput(
  webhookId: string,
  timestampSeconds: number,
  body: BytesLike,
): Uint8Array {
  const prefix = toBytes(`${webhookId}.${timestampSeconds}.`);
  const bytes = toBytes(body);
  const input = new Uint8Array(prefix.length + bytes.length);
  input.set(prefix);
  input.set(bytes, prefix.length);
  return input;
}

/** `X-POY-Signature`: lower-case hex HMAC-SHA256 of the body, keyed with the secret string as is. */
export function signPoyBody(body: BytesLike, secret: string, hmac: HmacSha256 = pureHmacSha256): string {
  return bytesToHex(hmac(toBytes(secret), toBytes(body)));
}

/** Connect's `X-Hub-Signature-256`: `sha256=` + the same lower-case hex HMAC as {@link signPoyBody}. */
export function signConnectBody(body: BytesLike, secret: string, hmac: HmacSha256 = pureHmacSha256): string {
  return `${CONNECT_SIGNATURE_PREFIX}${signPoyBody(body, secret, hmac)}`;
}

/**
 * One Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the
 * base64-decoded part of the secret after `whsec_`. Throws when that part is not base64 (this server's
 * secrets always are).
 */
export function signStandardWebhook(input: {
  secret: string;
  webhookId: string;
  timestampSeconds: number;
  body: BytesLike;
  hmac?: HmacSha256;
}): string {
  const key = standardWebhookKey(input.secret);
  if (key === null || key.length === 0) throw new Error('A webhook secret is whsec_ + base64');
  const hmac = input.hmac ?? pureHmacSha256;
  const mac = hmac(key, standardSigningInput(input.webhookId, input.timestampSeconds, input.body));
  return `${STANDARD_SIGNATURE_VERSION},${bytesToBase64(mac)}`;
}

/** The secrets that sign a delivery. */
export interface SigningSecrets {
  current: string;
  /** During the 24 hours after a rotation, the old secret signs alongside the new one. */
  previous: string | null;
}

/**
 * Every header of one delivery attempt. `webhook-id` is the delivery id: the same on retries and
 * replays. The Standard Webhooks header carries one `v1,` signature per secret (current first); the
 * surface's own header is signed with the current secret only.
 */
export function buildDeliveryHeaders(input: {
  surface: 'connect' | 'poy';
  secrets: SigningSecrets;
  webhookId: string;
  timestampSeconds: number;
  body: BytesLike;
  hmac?: HmacSha256;
}): Record<string, string> {
  const { secrets } = input;
  const body = toBytes(input.body);
  const hmac = input.hmac ?? pureHmacSha256;
  const standard = [secrets.current, ...(secrets.previous ? [secrets.previous] : [])]
    .map((secret) => signStandardWebhook({ ...input, body, secret, hmac }))
    .join(' ');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'webhook-id': input.webhookId,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': standard,
  };
  if (input.surface === 'connect')
    headers['x-hub-signature-256'] = signConnectBody(body, secrets.current, hmac);
  else headers['x-poy-signature'] = signPoyBody(body, secrets.current, hmac);
  return headers;
}
