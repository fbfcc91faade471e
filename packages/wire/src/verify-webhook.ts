// Receiver-side checks of the three signatures on every webhook delivery (docs/api.md §4, §6, §7);
// the format itself is webhook-signatures.ts's, where the server signs. Threat: anyone can POST to a
// webhook URL; only POY and the receiver know the endpoint secret. Duties of a receiver: pass the RAW
// request body exactly as received (re-serialised JSON has other bytes), keep the secret server-side,
// and deduplicate on `webhook-id` (deliveries are at least once).
// Every check is synchronous on purpose: an async check that returns Promise<boolean> passes when a
// caller forgets `await` (hence the pure-TS HMAC, not WebCrypto's). MACs are compared in constant time.
import { type BytesLike, base64ToBytes, constantTimeEqual, hexToBytes, toBytes } from './encoding.ts';
import { hmacSha256 } from './hmac-sha256.ts';
import {
  CONNECT_SIGNATURE_PREFIX,
  STANDARD_SIGNATURE_VERSION,
  standardWebhookKey,
} from './webhook-signatures.ts';

/** Standard Webhooks' default tolerance between `webhook-timestamp` and the receiver's clock. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** Request headers in any common shape: a fetch `Headers`, or Node's `IncomingHttpHeaders`-style record. */
export type WebhookHeaders =
  | { get(name: string): string | null }
  | Record<string, string | readonly string[] | undefined>;

/** Options of {@link verifyStandardWebhook} and {@link verifyWebhook}. */
export interface StandardWebhookOptions {
  /** Largest accepted gap, either way, between `webhook-timestamp` and `now`, in seconds. Default `300`. */
  toleranceSeconds?: number;
  /** The receiver's clock. Default: the current time. */
  now?: Date;
}

function hasGetter(headers: WebhookHeaders): headers is { get(name: string): string | null } {
  return typeof Reflect.get(headers, 'get') === 'function';
}

/** A header's value, case-insensitively; null when absent. Repeated headers are joined with a space. */
function headerOf(headers: WebhookHeaders, name: string): string | null {
  if (hasGetter(headers)) return headers.get(name);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(' ');
  }
  return null;
}

function hmacOf(secret: string, body: BytesLike): Uint8Array {
  return hmacSha256(toBytes(secret), toBytes(body));
}

/**
 * Checks `X-POY-Signature` (docs/api.md §6): the lower-case hex HMAC-SHA256 of the raw body, keyed with
 * the endpoint secret string (`whsec_…`, used as is). Never throws.
 *
 * @param body The raw request body (string, Buffer, Uint8Array or ArrayBuffer), not re-serialised JSON.
 * @param signature The `X-POY-Signature` header value.
 * @param secret The endpoint secret returned by `webhooks.create` or `webhooks.rotateSecret`.
 * @returns true when the signature matches; false otherwise (including a missing or malformed header).
 * @example
 * if (!verifyPoySignature(rawBody, req.headers['x-poy-signature'], process.env.POY_WEBHOOK_SECRET)) {
 *   return res.status(400).end();
 * }
 */
export function verifyPoySignature(
  body: BytesLike,
  signature: string | null | undefined,
  secret: string,
): boolean {
  if (typeof signature !== 'string' || secret.length === 0) return false;
  const given = hexToBytes(signature.trim());
  return given !== null && constantTimeEqual(given, hmacOf(secret, body));
}

/**
 * Checks Connect's `X-Hub-Signature-256` (docs/api.md §4): `sha256=` + lower-case hex HMAC-SHA256 of the
 * raw body, keyed with the project's Connect secret string. Never throws.
 *
 * @param body The raw request body.
 * @param header The `X-Hub-Signature-256` header value, e.g. `sha256=9f2c…`.
 * @param secret The Connect secret from `connect.webhooks.createOrEdit` or `connect.webhooks.rotateSecret`.
 * @returns true when the signature matches.
 * @example
 * const ok = verifyConnectSignature(rawBody, req.headers['x-hub-signature-256'], connectSecret);
 */
export function verifyConnectSignature(
  body: BytesLike,
  header: string | null | undefined,
  secret: string,
): boolean {
  if (typeof header !== 'string' || secret.length === 0) return false;
  const trimmed = header.trim();
  if (!trimmed.startsWith(CONNECT_SIGNATURE_PREFIX)) return false;
  const given = hexToBytes(trimmed.slice(CONNECT_SIGNATURE_PREFIX.length));
  return given !== null && constantTimeEqual(given, hmacOf(secret, body));
}

/**
 * Checks the Standard Webhooks headers every POY and Connect delivery carries (docs/api.md §7):
 * `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature` (one or more space-separated
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the base64-decoded part of the secret
 * after `whsec_`). Signatures of versions other than `v1` are skipped; any matching `v1` signature
 * passes (after a secret rotation the old and new secrets both sign for 24 hours). The timestamp must
 * be within `toleranceSeconds` of `now`, which stops replays of old deliveries. Never throws.
 *
 * @param body The raw request body.
 * @param headers The request headers (fetch `Headers` or a Node-style record; names are case-insensitive).
 * @param secret The endpoint secret (`whsec_…`).
 * @param options `toleranceSeconds` (default 300) and `now` (default: the current time).
 * @returns true when a `v1` signature matches and the timestamp is fresh.
 * @example
 * if (!verifyStandardWebhook(rawBody, request.headers, secret)) return new Response(null, { status: 400 });
 */
export function verifyStandardWebhook(
  body: BytesLike,
  headers: WebhookHeaders,
  secret: string,
  options: StandardWebhookOptions = {},
): boolean {
  const id = headerOf(headers, 'webhook-id');
  const timestamp = headerOf(headers, 'webhook-timestamp');
  const signatures = headerOf(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) return false;
  // Standard Webhooks: the timestamp is integer Unix seconds.
  if (!/^\d{1,15}$/.test(timestamp.trim())) return false;
  const timestampSeconds = Number.parseInt(timestamp.trim(), 10);
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  // Standard Webhooks: refuse timestamps too far in the past (replay) or in the future.
  if (Math.abs(nowSeconds - timestampSeconds) > tolerance) return false;
  const key = standardWebhookKey(secret);
  if (key === null || key.length === 0) return false;
  // The same bytes as standardSigningInput, without copying the body.
  const expected = hmacSha256(key, toBytes(`${id}.${timestampSeconds}.`), toBytes(body));
  let matched = false;
  for (const part of signatures.split(' ')) {
    const comma = part.indexOf(',');
    if (comma < 0) continue;
    // Formats carry a version; versions this code does not know are skipped, never trusted.
    if (part.slice(0, comma) !== STANDARD_SIGNATURE_VERSION) continue;
    const given = base64ToBytes(part.slice(comma + 1));
    // Every candidate is compared (no early exit), so timing does not reveal which one matched.
    if (given !== null && constantTimeEqual(given, expected)) matched = true;
  }
  return matched;
}

/**
 * One call for any POY delivery. With a signature string it works like the POY docs' `verifyWebhook`
 * (`X-POY-Signature` hex; a `sha256=…` value is taken as Connect's `X-Hub-Signature-256`). With the
 * request's headers it prefers the Standard Webhooks headers (they add replay protection), then
 * `X-POY-Signature`, then `X-Hub-Signature-256`. Synchronous; returns false instead of throwing.
 *
 * @param body The raw request body.
 * @param signatureOrHeaders A signature header value, or all request headers.
 * @param secret The endpoint (or Connect) secret, `whsec_…`.
 * @param options Standard Webhooks timestamp tolerance and clock (used with headers only).
 * @returns true when the delivery is authentic.
 * @example
 * import { verifyWebhook } from '@poyverify/sdk';
 * if (!verifyWebhook(rawBody, req.headers, process.env.POY_WEBHOOK_SECRET)) return res.sendStatus(400);
 */
export function verifyWebhook(
  body: BytesLike,
  signatureOrHeaders: string | WebhookHeaders | null | undefined,
  secret: string,
  options: StandardWebhookOptions = {},
): boolean {
  if (signatureOrHeaders === null || signatureOrHeaders === undefined) return false;
  if (typeof signatureOrHeaders === 'string') {
    return signatureOrHeaders.trim().startsWith(CONNECT_SIGNATURE_PREFIX)
      ? verifyConnectSignature(body, signatureOrHeaders, secret)
      : verifyPoySignature(body, signatureOrHeaders, secret);
  }
  if (headerOf(signatureOrHeaders, 'webhook-signature') !== null) {
    return verifyStandardWebhook(body, signatureOrHeaders, secret, options);
  }
  const poy = headerOf(signatureOrHeaders, 'x-poy-signature');
  if (poy !== null) return verifyPoySignature(body, poy, secret);
  return verifyConnectSignature(body, headerOf(signatureOrHeaders, 'x-hub-signature-256'), secret);
}
