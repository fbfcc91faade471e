// The TypeScript SDK (packages/sdk) against the REAL server over HTTP: every call of both surfaces,
// the error mapping for each documented status, retries against a real local HTTP server, the
// Idempotency-Key the server honours, passkeys through the SDK's browser code, offline stamp and
// session checks with the served JWKS, and webhook deliveries made by the server's own worker,
// verified with the SDK's helpers.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { runPasskeyAuthentication, runPasskeyRegistration } from '../../../../packages/sdk/src/browser.ts';
import {
  APIError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  hashContent,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  POYError,
  POYVerify,
  RateLimitError,
  verifyConnectSignature,
  verifyPoySignature,
  verifySessionTokenOffline,
  verifyStampOffline,
  verifyStandardWebhook,
  verifyWebhook,
} from '../../../../packages/sdk/src/index.ts';
import { DEFAULT_RETRY_SCHEDULE } from '../../src/core/webhooks/retry-schedule.ts';
import { createWebhookWorker, type WebhookWorker } from '../../src/jobs/webhook-worker.ts';
import { createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { createVerifiedUser } from '../routes/developer-api-helpers.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../webhooks/webhook-receiver.ts';
import { PUBLIC_URL, softCredentials, startListeningApp, startScriptedServer } from './sdk-support.ts';

async function rejectionOf(action: () => Promise<unknown>): Promise<POYError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof POYError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function uniqueId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

describe('TypeScript SDK against the real server', () => {
  let harness: TestApp;
  let baseUrl: string;
  let close: () => Promise<void>;
  let tenant: TestTenant;
  let poy: POYVerify;
  let live: POYVerify;

  before(async () => {
    ({ harness, baseUrl, close } = await startListeningApp());
    tenant = await createTestTenant(harness);
    poy = new POYVerify({ apiKey: tenant.testKey, baseUrl });
    live = new POYVerify({ apiKey: tenant.liveKey, baseUrl });
  });
  after(async () => {
    await close();
  });

  describe('POY calls', () => {
    it('verify sends an unverified user to enrollment; the sandbox makes them a trusted human', async () => {
      const userId = uniqueId('usr');
      const before = await poy.verify(userId);
      assert.equal(before.isHuman, false);
      assert.equal(before.poyId, null);
      assert.deepEqual(before.checks, { liveness: 'pending', device: 'pending', behavioral: 'pending' });
      assert.match(before.enrollmentUrl ?? '', /\/i\//);
      assert.ok(before.expiresAt);
      assert.deepEqual(await poy.check(userId), { isHuman: false, poyId: null });

      const forced = await poy.sandboxOutcome(userId, 'verified');
      assert.equal(forced.isHuman, true);
      const after = await poy.verify(userId, {
        checkType: 'quick',
        metadata: { ip: '203.0.113.42', userAgent: 'sdk-test' },
      });
      assert.equal(after.isHuman, true);
      assert.match(after.poyId ?? '', /^PoY #[0-9A-F]{7}$/);
      assert.equal(after.enrollmentUrl, undefined);
      assert.deepEqual(await poy.check(userId), { isHuman: true, poyId: after.poyId });

      const trust = await poy.getTrust(userId);
      assert.equal(trust.userId, userId);
      assert.ok(['high', 'medium', 'low', 'none'].includes(trust.level));
      // Sandbox identities have no public profile.
      assert.ok((await rejectionOf(() => poy.getProfile(after.poyId ?? ''))) instanceof NotFoundError);
    });

    it('getProfile shows a live verified human, by full PoY ID or by its 7 hex characters', async () => {
      const userId = uniqueId('usr');
      const { poyId } = await createVerifiedUser(harness, { project: tenant.project, mode: 'live', userId });
      assert.equal((await live.verify(userId)).poyId, poyId);
      const anonymous = new POYVerify({ baseUrl });
      const profile = await anonymous.getProfile(poyId);
      assert.equal(profile.poyId, poyId);
      assert.equal(profile.isVerified, true);
      assert.equal(profile.badgeLevel, 'verified');
      assert.deepEqual(await anonymous.getProfile(poyId.replace('PoY #', '')), profile);
    });

    it('public enrollment needs no key; project and keys describe the key', async () => {
      const anonymous = new POYVerify({ baseUrl });
      const enrolled = await anonymous.publicEnroll({
        email: 'jane@example.com',
        displayName: 'Jane Doe',
        platform: tenant.project.publicId,
      });
      assert.match(enrolled.poyId, /^PoY #[0-9A-F]{7}$/);
      assert.match(enrolled.enrollmentUrl, /\/enroll\?token=enr_/);
      const project = await poy.getProject();
      assert.equal(project.publicId, tenant.project.publicId);
      assert.equal(project.mode, 'test');
      const keys = await poy.listKeys();
      assert.ok(keys.data.some((key) => key.id === tenant.testKeyId));
    });

    it('stamps: create, verify online, verify offline with the JWKS; the same Idempotency-Key replays', async () => {
      const writer = uniqueId('writer');
      await poy.sandboxOutcome(writer, 'verified');
      const content = `An article written at ${new Date().toISOString()}`;
      const contentHash = await hashContent(content);
      const stamp = await poy.stamps.create({
        userId: writer,
        contentHash,
        contentType: 'article',
        title: 'Post',
      });
      assert.match(stamp.stampId, /^stmp_[0-9a-f]{12}$/);
      assert.equal(stamp.format, 'poy-stamp/v1');

      const online = await poy.stamps.verify({ stampId: stamp.stampId, contentHash });
      assert.equal(online.valid, true);
      assert.equal(online.isHumanCreator, true);
      assert.equal(online.contentHashMatches, true);

      const jwks = await poy.jwks();
      const offline = await verifyStampOffline({ ...stamp, contentType: 'article', content }, jwks);
      // A test key's stamp is a sandbox stamp: refused as live, accepted when asked for test.
      assert.deepEqual(offline, { valid: false, reason: 'sandbox_stamp' });
      const asTest = await poy.stamps.verifyOffline(
        { ...stamp, contentType: 'article', content },
        { mode: 'test' },
      );
      assert.equal(asTest.valid, true);
      const tampered = await poy.stamps.verifyOffline(
        { ...stamp, contentType: 'article', content: `${content}!` },
        { mode: 'test' },
      );
      assert.deepEqual(tampered, { valid: false, reason: 'invalid_signature' });

      const idempotencyKey = uniqueId('stamp');
      const first = await poy.stamps.create(
        { userId: writer, contentHash, contentType: 'video' },
        { idempotencyKey },
      );
      const replay = await poy.stamps.create(
        { userId: writer, contentHash, contentType: 'video' },
        { idempotencyKey },
      );
      assert.deepEqual(replay, first);
      const fresh = await poy.stamps.create({ userId: writer, contentHash, contentType: 'video' });
      assert.notEqual(fresh.stampId, first.stampId);
    });

    it('passkeys through the SDK browser helpers, then sessions online and offline', async () => {
      const userId = uniqueId('usr');
      const authenticator = new SoftAuthenticator();
      const credentials = softCredentials(authenticator, PUBLIC_URL);

      const creation = await live.passkeys.registerOptions({ userId, displayName: 'Jane Doe' });
      const credential = await runPasskeyRegistration(creation, { credentials });
      const registered = await live.passkeys.registerVerify({ userId, credential });
      assert.deepEqual(registered, { verified: true, credentialId: credential.id });

      const request = await live.passkeys.authenticateOptions({ userId });
      const assertion = await runPasskeyAuthentication(request, { credentials });
      const signedIn = await live.passkeys.authenticate(assertion);
      assert.equal(signedIn.authenticated, true);
      assert.equal(signedIn.userId, userId);
      assert.match(signedIn.sessionToken, /^poy_sess_/);

      const online = await live.sessions.verify(signedIn.sessionToken);
      assert.ok(online.valid, JSON.stringify(online));
      assert.equal(online.userId, userId);
      const project = await live.getProject();
      const offline = await live.sessions.verifyOffline(signedIn.sessionToken, {
        audience: project.publicId,
        issuer: PUBLIC_URL,
        projectId: project.id,
        mode: 'live',
      });
      assert.ok(offline.valid, JSON.stringify(offline));
      assert.equal(offline.userId, userId);
      const wrongAudience = await verifySessionTokenOffline(signedIn.sessionToken, await live.jwks(), {
        audience: 'someone-else',
      });
      assert.deepEqual(wrongAudience, { valid: false, reason: 'wrong_audience' });
      assert.deepEqual(await live.sessions.verify(`${signedIn.sessionToken}x`), {
        valid: false,
        reason: 'invalid_signature',
      });

      // Discoverable sign-in (no userId) works the same way.
      const discoverable = await runPasskeyAuthentication(await live.passkeys.authenticateOptions(), {
        credentials,
      });
      assert.equal((await live.passkeys.authenticate(discoverable)).userId, userId);
    });

    it('webhook endpoints: create, list, get, update, deliveries, test, redeliver, rotate, delete', async () => {
      const created = await poy.webhooks.create({
        url: 'https://example.com/hooks/poy',
        events: ['user.verified'],
      });
      assert.match(created.id, /^we_/);
      assert.match(created.secret, /^whsec_/);
      assert.deepEqual(created.events, ['user.verified']);
      assert.ok((await poy.webhooks.list()).data.some((endpoint) => endpoint.id === created.id));
      assert.equal((await poy.webhooks.get(created.id)).url, 'https://example.com/hooks/poy');
      const paused = await poy.webhooks.update(created.id, { enabled: false });
      assert.equal(paused.enabled, false);
      assert.equal(paused.disabledReason, 'manual');
      await poy.webhooks.update(created.id, { enabled: true, events: ['user.verified', 'stamp.created'] });
      const { deliveryId } = await poy.webhooks.test(created.id);
      const page = await poy.webhooks.listDeliveries(created.id, { limit: 10 });
      assert.ok(page.data.some((delivery) => delivery.id === deliveryId));
      assert.deepEqual(await poy.webhooks.redeliver(created.id, deliveryId), {
        id: deliveryId,
        status: 'pending',
      });
      const rotated = await poy.webhooks.rotateSecret(created.id);
      assert.notEqual(rotated.secret, created.secret);
      assert.deepEqual(await poy.webhooks.delete(created.id), { id: created.id, deleted: true });
      const gone = await rejectionOf(() => poy.webhooks.get(created.id));
      assert.ok(gone instanceof NotFoundError);
    });
  });

  describe('Connect calls', () => {
    it('register, get_status, sandbox, revoke, delete (camelCase in, snake_case out)', async () => {
      const referenceUserId = uniqueId('ref');
      const registered = await poy.connect.register({
        referenceUserId,
        redirectUrl: 'https://example.com/done',
        dataRequest: { type: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID' },
      });
      assert.equal(registered.status, 'success');
      assert.match(registered.user_id, /^bcu_/);
      assert.equal(registered.connection_verified, false);
      assert.deepEqual(await poy.connect.register({ referenceUserId }), registered);

      const pending = await poy.connect.getStatus({ referenceUserId });
      assert.equal(pending.verification_status, 'PENDING');
      assert.equal(pending.simple_data_request_response, null);

      const verified = await poy.connect.sandboxOutcome({ userId: registered.user_id }, 'verified');
      assert.equal(verified.verification_status, 'VERIFIED');
      const data = verified.simple_data_request_response;
      assert.ok(data && data.type === 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID');
      assert.match(data.unique_human_id, /^uh_/);

      assert.equal((await poy.connect.revoke({ referenceUserId })).verification_status, 'REVOKED');
      assert.deepEqual(await poy.connect.delete({ referenceUserId }), {
        status: 'success',
        user_id: registered.user_id,
        deleted: true,
      });
      const unknown = await rejectionOf(() => poy.connect.getStatus({ referenceUserId }));
      assert.ok(unknown instanceof NotFoundError);
      assert.equal(unknown.code, 'DOES_NOT_EXIST');
    });

    it('webhook destinations: create_or_edit (secret once), get, rotate_secret, delete', async () => {
      const other = await createTestTenant(harness);
      const connect = new POYVerify({ apiKey: other.testKey, baseUrl }).connect;
      const saved = await connect.webhooks.createOrEdit({
        webhookType: 'USER_VERIFICATION_COMPLETED',
        destinationUrl: 'https://example.com/hooks/connect',
      });
      assert.match(saved.secret ?? '', /^whsec_/);
      assert.equal(saved.webhook.webhook_type, 'USER_VERIFICATION_COMPLETED');
      const edited = await connect.webhooks.createOrEdit({
        webhookType: 'USER_VERIFICATION_COMPLETED',
        destinationUrl: 'https://example.com/hooks/connect2',
      });
      assert.equal(edited.secret, undefined);
      const listed = await connect.webhooks.get();
      assert.deepEqual(
        listed.webhooks.map((webhook) => webhook.destination_url),
        ['https://example.com/hooks/connect2'],
      );
      assert.match((await connect.webhooks.rotateSecret()).secret, /^whsec_/);
      assert.equal((await connect.webhooks.delete('USER_VERIFICATION_COMPLETED')).deleted, true);
      const missing = await rejectionOf(() => connect.webhooks.delete('USER_VERIFICATION_COMPLETED'));
      assert.ok(missing instanceof NotFoundError);
    });
  });

  describe('errors from the real server', () => {
    it('400 InvalidRequestError names the field', async () => {
      const error = await rejectionOf(() => poy.stamps.verify({ stampId: 'not-a-stamp-id' }));
      assert.ok(error instanceof InvalidRequestError, String(error));
      assert.equal(error.status, 400);
      assert.equal(error.code, 'invalid_request');
      assert.match(error.message, /stampId/);
      assert.match(error.requestId ?? '', /./);
      const connect = await rejectionOf(() => poy.connect.register({ referenceUserId: '' }));
      assert.ok(connect instanceof InvalidRequestError);
      assert.equal(connect.code, 'INVALID_REQUEST');
    });

    it('401 AuthenticationError says how to fix the key, on both surfaces', async () => {
      const wrong = new POYVerify({ apiKey: 'poy_test_0000000000000000000000000000000000', baseUrl });
      const error = await rejectionOf(() => wrong.verify('usr_1'));
      assert.ok(error instanceof AuthenticationError, String(error));
      assert.equal(error.status, 401);
      assert.equal(error.code, 'unauthorized');
      assert.match(
        error.message,
        /Check that the API key is correct and not revoked; keys start with poy_live_ or poy_test_\./,
      );
      const connect = await rejectionOf(() => wrong.connect.getStatus({ referenceUserId: 'x' }));
      assert.ok(connect instanceof AuthenticationError);
      assert.equal(connect.code, 'UNAUTHORIZED');
      const none = await rejectionOf(() => new POYVerify({ baseUrl }).check('usr_1'));
      assert.ok(none instanceof AuthenticationError);
    });

    it('403 PermissionError: sandbox routes with a live key', async () => {
      const error = await rejectionOf(() => live.sandboxOutcome('usr_1', 'verified'));
      assert.ok(error instanceof PermissionError, String(error));
      assert.equal(error.code, 'forbidden');
      const connect = await rejectionOf(() =>
        live.connect.sandboxOutcome({ referenceUserId: 'x' }, 'verified'),
      );
      assert.ok(connect instanceof PermissionError);
      assert.equal(connect.code, 'FORBIDDEN');
    });

    it('404 NotFoundError: a user this project has never seen', async () => {
      const error = await rejectionOf(() => poy.getTrust(uniqueId('never')));
      assert.ok(error instanceof NotFoundError, String(error));
      assert.equal(error.code, 'not_found');
      assert.match(error.message, /Check the id/);
    });

    it('409 ConflictError: an Idempotency-Key reused for a different request', async () => {
      const writer = uniqueId('writer');
      await poy.sandboxOutcome(writer, 'verified');
      const idempotencyKey = uniqueId('reuse');
      const contentHash = await hashContent('x');
      await poy.stamps.create({ userId: writer, contentHash, contentType: 'article' }, { idempotencyKey });
      const error = await rejectionOf(() =>
        poy.stamps.create({ userId: writer, contentHash, contentType: 'video' }, { idempotencyKey }),
      );
      assert.ok(error instanceof ConflictError, String(error));
      assert.equal(error.status, 409);
      assert.equal(error.code, 'conflict');
    });

    it('429 RateLimitError with retryAfterSeconds, and retried after Retry-After when allowed', async () => {
      const limited = await createTestTenant(harness, { plan: 'enterprise', rateLimitPerMinute: 1 });
      const client = new POYVerify({ apiKey: limited.testKey, baseUrl, maxRetries: 0 });
      await client.check('usr_1');
      const error = await rejectionOf(() => client.check('usr_1'));
      assert.ok(error instanceof RateLimitError, String(error));
      assert.equal(error.status, 429);
      assert.equal(error.code, 'rate_limited');
      assert.ok(
        error.retryAfterSeconds !== null && error.retryAfterSeconds > 0,
        String(error.retryAfterSeconds),
      );
      assert.match(error.message, /Wait \d+ s \(Retry-After\)/);
      // With retries allowed but a Retry-After longer than the client will wait, it fails at once.
      const impatient = new POYVerify({
        apiKey: limited.testKey,
        baseUrl,
        maxRetries: 2,
        maxRetryAfterSeconds: 0,
      });
      const started = performance.now();
      assert.ok((await rejectionOf(() => impatient.check('usr_1'))) instanceof RateLimitError);
      assert.ok(performance.now() - started < 2_000);
    });

    it('ConnectionError when nothing listens at baseUrl', async () => {
      const { baseUrl: closedUrl, close: closeServer } = await startScriptedServer([
        { status: 200, body: {} },
      ]);
      await closeServer();
      const unreachable = new POYVerify({
        apiKey: tenant.testKey,
        baseUrl: closedUrl,
        maxRetries: 1,
        initialRetryDelayMs: 1,
      });
      const error = await rejectionOf(() => unreachable.check('usr_1'));
      assert.ok(error instanceof ConnectionError, String(error));
      assert.equal(error.status, 0);
    });
  });

  describe('webhook deliveries made by the server, verified with the SDK', () => {
    let receiver: WebhookReceiver;
    let worker: WebhookWorker;
    before(async () => {
      receiver = await startWebhookReceiver();
      worker = createWebhookWorker({
        store: harness.store,
        clock: harness.clock,
        secrets: harness.app.services.webhooks.secrets,
        logger: pino({ level: 'silent' }),
        schedule: DEFAULT_RETRY_SCHEDULE,
        policy: { enforce: false, allowedHosts: new Set() },
      });
    });
    after(async () => {
      await worker.stop();
      await receiver.close();
    });

    async function deliver(): Promise<void> {
      for (let round = 0; round < 10 && (await worker.runOnce()) > 0; round++);
    }

    it('POY: X-POY-Signature and Standard Webhooks headers verify; tampering fails; rotation signs with both', async () => {
      const owner = await createTestTenant(harness);
      const client = new POYVerify({ apiKey: owner.testKey, baseUrl });
      const endpoint = await client.webhooks.create({ url: receiver.url, events: ['user.verified'] });
      const userId = uniqueId('usr');
      const seen = receiver.requests.length;
      await client.sandboxOutcome(userId, 'verified');
      await deliver();
      const delivery = receiver.requests
        .slice(seen)
        .find((request) => request.body.toString('utf8').includes(userId));
      assert.ok(delivery, 'the user.verified delivery arrived');
      const body = delivery.body;
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      assert.equal(Reflect.get(Object(parsed), 'event'), 'user.verified');
      const signature = String(delivery.headers['x-poy-signature']);

      assert.equal(verifyPoySignature(body, signature, endpoint.secret), true);
      assert.equal(verifyPoySignature(body.toString('utf8'), signature, endpoint.secret), true);
      assert.equal(verifyStandardWebhook(body, delivery.headers, endpoint.secret), true);
      assert.equal(verifyWebhook(body, delivery.headers, endpoint.secret), true);
      assert.equal(verifyWebhook(body, signature, endpoint.secret), true);
      assert.equal(
        verifyPoySignature(Buffer.concat([body, Buffer.from(' ')]), signature, endpoint.secret),
        false,
      );
      assert.equal(
        verifyStandardWebhook(body, delivery.headers, endpoint.secret, {
          now: new Date(Date.now() + 3_600_000),
        }),
        false,
      );
      assert.equal(
        verifyWebhook(body, delivery.headers, `whsec_${randomBytes(24).toString('base64')}`),
        false,
      );

      // The delivery log shows the attempt; a redelivery carries the same webhook-id.
      const page = await client.webhooks.listDeliveries(endpoint.id);
      const logged = page.data.find((entry) => entry.id === delivery.webhookId);
      assert.ok(logged);
      assert.equal(logged.status, 'succeeded');

      const rotated = await client.webhooks.rotateSecret(endpoint.id);
      const beforeRedelivery = receiver.requests.length;
      await client.webhooks.redeliver(endpoint.id, delivery.webhookId);
      await deliver();
      const again = receiver.requests
        .slice(beforeRedelivery)
        .find((request) => request.webhookId === delivery.webhookId);
      assert.ok(again, 'the redelivery arrived');
      assert.equal(
        verifyPoySignature(again.body, String(again.headers['x-poy-signature']), rotated.secret),
        true,
      );
      // For 24 hours the previous secret also signs the Standard Webhooks header.
      assert.equal(verifyStandardWebhook(again.body, again.headers, rotated.secret), true);
      assert.equal(verifyStandardWebhook(again.body, again.headers, endpoint.secret), true);
    });

    it('Connect: X-Hub-Signature-256 and Standard Webhooks headers verify', async () => {
      const owner = await createTestTenant(harness);
      const client = new POYVerify({ apiKey: owner.testKey, baseUrl });
      const saved = await client.connect.webhooks.createOrEdit({
        webhookType: 'USER_VERIFICATION_COMPLETED',
        destinationUrl: receiver.url,
      });
      const secret = saved.secret;
      assert.ok(secret);
      const referenceUserId = uniqueId('ref');
      await client.connect.register({ referenceUserId });
      const seen = receiver.requests.length;
      await client.connect.sandboxOutcome({ referenceUserId }, 'verified');
      await deliver();
      const delivery = receiver.requests
        .slice(seen)
        .find((request) => request.body.toString('utf8').includes(referenceUserId));
      assert.ok(delivery, 'the USER_VERIFICATION_COMPLETED delivery arrived');
      const header = String(delivery.headers['x-hub-signature-256']);
      assert.match(header, /^sha256=[0-9a-f]{64}$/);
      assert.equal(verifyConnectSignature(delivery.body, header, secret), true);
      assert.equal(verifyWebhook(delivery.body, header, secret), true);
      assert.equal(verifyStandardWebhook(delivery.body, delivery.headers, secret), true);
      assert.equal(verifyConnectSignature(delivery.body, header, `${secret}x`), false);
    });
  });
});

describe('TypeScript SDK retries against a real local HTTP server', () => {
  const STAMP = {
    stampId: 'stmp_7f8a9b0c1d2e',
    signature: 'ecdsa:x',
    createdBy: 'PoY #00482A1',
    createdAt: '2026-04-07T12:30:00.000Z',
    keyId: 'poy-stamp-20260407-3e4555022522',
    format: 'poy-stamp/v1',
  };

  it('retries 503 then 429 (after Retry-After) with the same Idempotency-Key, then succeeds', async () => {
    const server = await startScriptedServer([
      { status: 503, body: { error: { code: 503, message: 'Unavailable.', type: 'service_unavailable' } } },
      {
        status: 429,
        body: { error: { code: 429, message: 'Slow down.', type: 'rate_limited' } },
        headers: { 'retry-after': '1' },
      },
      { status: 201, body: STAMP },
    ]);
    try {
      const client = new POYVerify({
        apiKey: 'poy_test_key',
        baseUrl: server.baseUrl,
        initialRetryDelayMs: 50,
      });
      const stamp = await client.stamps.create({
        userId: 'usr_1',
        contentHash: `sha256:${'a'.repeat(64)}`,
        contentType: 'article',
      });
      assert.equal(stamp.stampId, STAMP.stampId);
      assert.equal(server.requests.length, 3);
      const keys = server.requests.map((request) => request.headers['idempotency-key']);
      assert.equal(typeof keys[0], 'string');
      assert.deepEqual(keys, [keys[0], keys[0], keys[0]], 'one Idempotency-Key for every attempt');
      assert.deepEqual(
        server.requests.map((request) => request.body),
        Array(3).fill(server.requests[0]?.body),
      );
      assert.ok(server.requests.every((request) => request.headers.authorization === 'Bearer poy_test_key'));
      const [first, second, third] = server.requests.map((request) => request.receivedAt);
      assert.ok(first !== undefined && second !== undefined && third !== undefined);
      assert.ok(second - first >= 25, `backoff after 503: ${second - first} ms`);
      assert.ok(third - second >= 990, `Retry-After 1 s honoured: ${third - second} ms`);
    } finally {
      await server.close();
    }
  });

  it('retries GETs on 5xx without an Idempotency-Key, and gives up after maxRetries', async () => {
    const server = await startScriptedServer([
      { status: 502, body: { error: { code: 502, message: 'Bad gateway.' } } },
    ]);
    try {
      const client = new POYVerify({
        apiKey: 'poy_test_key',
        baseUrl: server.baseUrl,
        maxRetries: 2,
        initialRetryDelayMs: 10,
      });
      const error = await rejectionOf(() => client.check('usr_1'));
      assert.ok(error instanceof APIError);
      assert.equal(error.status, 502);
      assert.equal(server.requests.length, 3);
      assert.ok(server.requests.every((request) => request.headers['idempotency-key'] === undefined));
      assert.ok(server.requests.every((request) => request.url === '/api/poy/check?userId=usr_1'));
    } finally {
      await server.close();
    }
  });

  it('does not retry a 5xx of public enrollment (no key, so no Idempotency-Key to deduplicate it)', async () => {
    const server = await startScriptedServer([
      { status: 500, body: { error: { code: 500, message: 'Boom.' } } },
    ]);
    try {
      const client = new POYVerify({ baseUrl: server.baseUrl, initialRetryDelayMs: 10 });
      const error = await rejectionOf(() =>
        client.publicEnroll({ email: 'jane@example.com', displayName: 'Jane', platform: 'demo' }),
      );
      assert.ok(error instanceof APIError);
      assert.equal(server.requests.length, 1);
    } finally {
      await server.close();
    }
  });
});
