// Sends one claimed webhook delivery: signs the stored body bytes (@poy/wire's headers, node:crypto's
// HMAC) and POSTs it with undici under a timeout, outside any transaction. The destination was checked
// when saved; an address literal is checked again here and DNS answers by the dispatcher's guarded
// lookup (the SSRF policy, docs/api.md §7). Secrets are opened in memory for signing only, never logged.
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { buildDeliveryHeaders } from '@poy/wire';
import type { Logger } from 'pino';
import { type Dispatcher, request } from 'undici';
import type { Clock } from '../core/clock.ts';
import type { ServerSecrets } from '../core/secrets.ts';
import { type DestinationPolicy, isRefusedAddressLiteral } from '../core/webhooks/destination-policy.ts';
import { resolveSigningSecrets } from '../core/webhooks/endpoint-secrets.ts';
import { nodeHmacSha256 } from '../core/webhooks/node-hmac-sha256.ts';
import type { ClaimedDelivery } from '../store/store.ts';

const RESPONSE_EXCERPT_BYTES = 1_024;

export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

/**
 * Wraps one attempt in a span when tracing is on (observability/ supplies it). It is given the
 * destination URL to take the host from, and the trace that enqueued the delivery to join.
 */
export type DeliveryAttemptTracer = (
  target: { url: string; traceparent: string | null },
  send: () => Promise<AttemptResult>,
) => Promise<AttemptResult>;

export interface SendDeliveryDeps {
  clock: Clock;
  logger: Logger;
  policy: DestinationPolicy;
  secrets: ServerSecrets;
  dispatcher: Dispatcher;
  timeoutMs: number;
}

/** Signs and POSTs one claimed delivery; never throws (every failure is an attempt result). */
export async function sendDelivery(claimed: ClaimedDelivery, deps: SendDeliveryDeps): Promise<AttemptResult> {
  const { clock, logger, policy, dispatcher, timeoutMs } = deps;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { endpoint, event, delivery } = claimed;
  if (isRefusedAddressLiteral(endpoint.url, policy)) {
    return {
      statusCode: null,
      error: 'refused: private or loopback address',
      responseExcerpt: null,
      durationMs: 0,
    };
  }
  const now = clock.now();
  let headers: Record<string, string>;
  try {
    headers = buildDeliveryHeaders({
      surface: endpoint.surface,
      secrets: resolveSigningSecrets(deps.secrets, claimed, now),
      webhookId: delivery.id,
      timestampSeconds: Math.floor(now.getTime() / 1000),
      body: event.bodyJson,
      hmac: nodeHmacSha256,
    });
  } catch (error) {
    // A secret that cannot be opened (e.g. POY_SECRET_KEY changed) must not throw out of the attempt:
    // unrecorded, the delivery would be re-claimed at every lease expiry, forever and invisibly.
    logger.error({ err: error, endpointId: endpoint.id }, 'could not sign a webhook delivery');
    return {
      statusCode: null,
      error: 'could not sign the delivery: its signing secret is unavailable',
      responseExcerpt: null,
      durationMs: elapsed(),
    };
  }
  try {
    const response = await request(endpoint.url, {
      method: 'POST',
      headers,
      body: event.bodyJson,
      dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      chunks.push(buffer);
      size += buffer.length;
      if (size >= RESPONSE_EXCERPT_BYTES) break;
    }
    // A StringDecoder holds back a character cut at the 1 KiB boundary instead of turning it into
    // U+FFFD (3 bytes), so the excerpt never exceeds 1 KiB.
    const excerpt = new StringDecoder('utf8').write(
      Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES),
    );
    return {
      statusCode: response.statusCode,
      error: null,
      responseExcerpt: excerpt || null,
      durationMs: elapsed(),
    };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : 'request failed';
    return { statusCode: null, error: message.slice(0, 500), responseExcerpt: null, durationMs: elapsed() };
  }
}
