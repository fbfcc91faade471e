// Shared steps for the webhook route tests: requests on both surfaces, a real HTTP receiver on
// 127.0.0.1, a delivery worker driven one round at a time, and the receivers' side of every signature
// scheme, written the way integrators write them (the seed's verifyWebhook verbatim, an Express-style
// X-Hub-Signature-256 check, the standardwebhooks package).
import assert from 'node:assert/strict';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { DEFAULT_RETRY_SCHEDULE } from '../../src/core/webhooks/retry-schedule.ts';
import { createWebhookWorker, type WebhookWorker } from '../../src/jobs/webhook-worker.ts';
import { bodyOf, type TestApp } from '../harness.ts';

export const WEBHOOKS = '/api/poy/webhooks';
export const SANDBOX_POY = '/api/poy/sandbox/outcome';
export const CONNECT_CREATE_OR_EDIT = '/v1/webhook/admin/config/create_or_edit';
export const CONNECT_GET = '/v1/webhook/admin/config/get';
export const CONNECT_DELETE = '/v1/webhook/admin/config/delete';
export const CONNECT_ROTATE = '/v1/webhook/admin/config/rotate_secret';

export interface Reply {
  statusCode: number;
  body: string;
  json: Record<string, unknown>;
}

/** A POY request with a Bearer key. */
export async function poyRequest(
  harness: TestApp,
  key: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<Reply> {
  const response = await harness.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${key}`,
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
  });
  return { statusCode: response.statusCode, body: response.body, json: bodyOf(response) };
}

/** Parses `reply.json` with `schema`, failing with the status and body when either is unexpected. */
export function expectBody<T>(reply: Reply, status: number, schema: z.ZodType<T>): T {
  assert.equal(reply.statusCode, status, `expected ${status}, got ${reply.statusCode}: ${reply.body}`);
  const parsed = schema.safeParse(reply.json);
  assert.ok(parsed.success, `unexpected body: ${reply.body}\n${parsed.error?.message ?? ''}`);
  return parsed.data;
}

const poyErrorBody = z.object({
  error: z.object({ code: z.number().int(), message: z.string().min(1), type: z.string() }),
});

/** Asserts a POY error of `status` and `type`; returns its message. */
export function expectPoyError(reply: Reply, status: number, type: string): string {
  const { error } = expectBody(reply, status, poyErrorBody);
  assert.equal(error.code, status, reply.body);
  assert.equal(error.type, type, reply.body);
  return error.message;
}

const connectFailureBody = z.object({
  status: z.literal('failure'),
  failure_code: z.string(),
  failure_reason: z.string().min(1),
});

/** Asserts a Connect failure of `status` and `code`; returns its reason. */
export function expectConnectFailure(reply: Reply, status: number, code: string): string {
  const failure = expectBody(reply, status, connectFailureBody);
  assert.equal(failure.failure_code, code, reply.body);
  return failure.failure_reason;
}

const isoDate = z.iso.datetime();
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]{32}$/;

export const endpointView = z
  .object({
    id: z.string().regex(/^we_[0-9A-Za-z]+$/),
    url: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.enum(['manual', 'failing']).nullable(),
    failingSince: isoDate.nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .strict();
export const createdEndpoint = endpointView.extend({ secret: z.string().regex(WEBHOOK_SECRET) }).strict();
export const endpointList = z.object({ data: z.array(endpointView) }).strict();
export const rotatedSecret = z
  .object({ id: z.string(), secret: z.string().regex(WEBHOOK_SECRET), previousSecretExpiresAt: isoDate })
  .strict();
export const attemptView = z
  .object({
    attemptNumber: z.number().int().min(1),
    attemptedAt: isoDate,
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int().min(0),
    error: z.string().nullable(),
    responseExcerpt: z.string().nullable(),
  })
  .strict();
export const deliveryView = z
  .object({
    id: z.string().regex(/^msg_/),
    eventType: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attemptCount: z.number().int().min(0),
    nextAttemptAt: isoDate.nullable(),
    lastAttemptAt: isoDate.nullable(),
    createdAt: isoDate,
    completedAt: isoDate.nullable(),
    attempts: z.array(attemptView),
  })
  .strict();
export const deliveryPage = z
  .object({ data: z.array(deliveryView), nextCursor: z.string().nullable() })
  .strict();

export const connectWebhookView = z
  .object({
    webhook_type: z.string(),
    destination_url: z.string(),
    created_at: isoDate,
    enabled: z.boolean(),
  })
  .strict();
export const connectSaved = z
  .object({
    status: z.literal('success'),
    webhook: connectWebhookView,
    secret: z.string().regex(WEBHOOK_SECRET).optional(),
  })
  .strict();
export const connectList = z
  .object({ status: z.literal('success'), webhooks: z.array(connectWebhookView) })
  .strict();
export const connectRotated = z
  .object({ status: z.literal('success'), secret: z.string().regex(WEBHOOK_SECRET) })
  .strict();

/** Creates a POY endpoint and returns its id and secret. */
export async function createEndpoint(
  harness: TestApp,
  key: string,
  input: { url: string; events?: string[] },
): Promise<{ id: string; secret: string }> {
  const created = expectBody(await poyRequest(harness, key, 'POST', WEBHOOKS, input), 201, createdEndpoint);
  return { id: created.id, secret: created.secret };
}

/** Forces a POY sandbox outcome (test keys). */
export async function forcePoyOutcome(
  harness: TestApp,
  key: string,
  userId: string,
  outcome: 'verified' | 'failed' | 'duplicate' | 'expired',
): Promise<void> {
  const reply = await poyRequest(harness, key, 'POST', SANDBOX_POY, { userId, outcome });
  assert.equal(reply.statusCode, 200, reply.body);
}

export async function listDeliveries(
  harness: TestApp,
  key: string,
  endpointId: string,
  query = '',
): Promise<z.infer<typeof deliveryPage>> {
  return expectBody(
    await poyRequest(harness, key, 'GET', `${WEBHOOKS}/${endpointId}/deliveries${query}`),
    200,
    deliveryPage,
  );
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  /** The URL to register: a random path, so stray deliveries of other tests are never counted here. */
  url: string;
  requests: ReceivedRequest[];
  /** How the next requests are answered (default 200 "ok"). */
  respondWith(statusCode: number, body: string): void;
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that records every request to its path, byte for byte. */
export async function startReceiver(): Promise<Receiver> {
  const path = `/hooks/${randomBytes(8).toString('hex')}`;
  const requests: ReceivedRequest[] = [];
  let response = { statusCode: 200, body: 'ok' };
  const server = createServer((request, reply) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url !== path) {
        reply.writeHead(404).end();
        return;
      }
      requests.push({
        method: request.method ?? '',
        path: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      reply.writeHead(response.statusCode, { 'content-type': 'text/plain' }).end(response.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('receiver has no port');
  return {
    url: `http://127.0.0.1:${address.port}${path}`,
    requests,
    respondWith(statusCode, body) {
      response = { statusCode, body };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The worker as the brief configures it: no destination policy (the receiver is on loopback). */
export function createTestWorker(harness: TestApp): WebhookWorker {
  return createWebhookWorker({
    store: harness.store,
    clock: harness.clock,
    secrets: harness.app.services.webhooks.secrets,
    logger: pino({ level: 'silent' }),
    schedule: DEFAULT_RETRY_SCHEDULE,
    policy: { enforce: false, allowedHosts: new Set() },
  });
}

export function headerOf(request: ReceivedRequest, name: string): string {
  const value = request.headers[name];
  assert.equal(typeof value, 'string', `missing header ${name}: ${JSON.stringify(request.headers)}`);
  return String(value);
}

/** The JSON body a receiver got, as an object. */
export function jsonOf(request: ReceivedRequest): Record<string, unknown> {
  return bodyOf({ body: request.body });
}

// The seed's receiver code (POY docs, "Signature Verification"), verbatim, run as the CommonJS snippet
// it is, so the test checks exactly what integrators paste.
const SEED_VERIFY_WEBHOOK =
  "const crypto = require('crypto'); function verifyWebhook(body, signature, secret) { const expected = crypto .createHmac('sha256', secret) .update(body) .digest('hex'); return crypto.timingSafeEqual( Buffer.from(signature), Buffer.from(expected) ); }";

const seedFunction: unknown = runInNewContext(`${SEED_VERIFY_WEBHOOK}\nverifyWebhook;`, {
  require: createRequire(import.meta.url),
  Buffer,
});

/** The seed's verifyWebhook(body, signature, secret). It throws on a signature of another length. */
export function seedVerifyWebhook(body: string, signature: string, secret: string): boolean {
  if (typeof seedFunction !== 'function') throw new Error('the seed snippet defines no verifyWebhook');
  const result: unknown = Reflect.apply(seedFunction, undefined, [body, signature, secret]);
  assert.equal(typeof result, 'boolean');
  return result === true;
}

/** An Express-style X-Hub-Signature-256 check, as GitHub-style receivers are written. */
export function hubSignatureIsValid(rawBody: string, header: string, secret: string): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
  const given = Buffer.from(header);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Standard Webhooks verification with the reference package; false instead of throwing. */
export function standardWebhookIsValid(request: ReceivedRequest, secret: string): boolean {
  try {
    new Webhook(secret).verify(request.body, {
      'webhook-id': headerOf(request, 'webhook-id'),
      'webhook-timestamp': headerOf(request, 'webhook-timestamp'),
      'webhook-signature': headerOf(request, 'webhook-signature'),
    });
    return true;
  } catch {
    return false;
  }
}

export function hexHmac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** The `v1,` signatures of a Standard Webhooks header. */
export function standardSignaturesOf(request: ReceivedRequest): string[] {
  return headerOf(request, 'webhook-signature')
    .split(' ')
    .filter((part) => part.length > 0);
}

/** Runs worker rounds until one attempts nothing (bounded); returns how many were attempted. */
export async function drain(worker: WebhookWorker): Promise<number> {
  let total = 0;
  for (let round = 0; round < 10; round++) {
    const attempted = await worker.runOnce();
    if (attempted === 0) return total;
    total += attempted;
  }
  throw new Error('the worker never ran dry');
}

/** The `v1,` signature a secret gives this request (computed here, independent of the clock). */
export function standardSignatureFor(request: ReceivedRequest, secret: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${headerOf(request, 'webhook-id')}.${headerOf(request, 'webhook-timestamp')}.${request.body}`;
  return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}
