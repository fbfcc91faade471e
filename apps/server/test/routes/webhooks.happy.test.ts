import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { POY_EVENT_TYPES } from '../../src/core/webhooks/manage-webhooks.ts';
import { DEFAULT_RETRY_SCHEDULE } from '../../src/core/webhooks/retry-schedule.ts';
import type { WebhookWorker } from '../../src/jobs/webhook-worker.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import {
  createdEndpoint,
  createEndpoint,
  createTestWorker,
  drain,
  endpointList,
  endpointView,
  expectBody,
  expectPoyError,
  forcePoyOutcome,
  headerOf,
  hexHmac,
  jsonOf,
  listDeliveries,
  poyRequest,
  type Receiver,
  rotatedSecret,
  seedVerifyWebhook,
  standardSignaturesOf,
  standardWebhookIsValid,
  startReceiver,
  WEBHOOKS,
} from './webhook-helpers.ts';

describe('POY webhooks: happy paths', () => {
  let harness: TestApp;
  let worker: WebhookWorker;
  let receiver: Receiver;
  before(async () => {
    harness = await createTestApp();
    worker = createTestWorker(harness);
    receiver = await startReceiver();
  });
  after(async () => {
    await worker.stop();
    await receiver.close();
    await harness.close();
  });

  /** The requests the receiver got for one event type, in order. */
  function received(eventType: string) {
    return receiver.requests.filter((request) => jsonOf(request).event === eventType);
  }

  it('create answers 201 with the secret; list and get show the endpoint without it', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await poyRequest(harness, tenant.testKey, 'POST', WEBHOOKS, {
      url: 'https://hooks.example.com/poy',
    });
    const created = expectBody(reply, 201, createdEndpoint);
    assert.equal(created.url, 'https://hooks.example.com/poy');
    assert.deepEqual(created.events, [...POY_EVENT_TYPES], 'omitted events = every event');
    assert.equal(created.enabled, true);
    assert.equal(created.disabledReason, null);
    assert.equal(created.createdAt, harness.clock.now().toISOString());

    const list = expectBody(await poyRequest(harness, tenant.testKey, 'GET', WEBHOOKS), 200, endpointList);
    const { secret, ...view } = created;
    assert.deepEqual(list.data, [view]);
    const got = await poyRequest(harness, tenant.testKey, 'GET', `${WEBHOOKS}/${created.id}`);
    assert.deepEqual(expectBody(got, 200, endpointView), view);
    for (const body of [JSON.stringify(list), got.body]) {
      assert.ok(!body.includes(secret), `the secret leaked: ${body}`);
      assert.ok(!body.includes('whsec_'), `a secret leaked: ${body}`);
    }
  });

  it('create with a subset of events keeps exactly that subset', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await poyRequest(harness, tenant.testKey, 'POST', WEBHOOKS, {
      url: 'https://hooks.example.com/subset',
      events: ['user.failed', 'stamp.created', 'user.failed'],
    });
    assert.deepEqual(expectBody(reply, 201, createdEndpoint).events, ['user.failed', 'stamp.created']);
  });

  it('PATCH changes url, events and enabled; DELETE removes the endpoint', async () => {
    const tenant = await createTestTenant(harness);
    const { id } = await createEndpoint(harness, tenant.testKey, { url: 'https://a.example.com/hook' });
    harness.clock.advanceBy(1_000);
    const patched = expectBody(
      await poyRequest(harness, tenant.testKey, 'PATCH', `${WEBHOOKS}/${id}`, {
        url: 'https://b.example.com/hook',
        events: ['user.verified'],
      }),
      200,
      endpointView,
    );
    assert.equal(patched.url, 'https://b.example.com/hook');
    assert.deepEqual(patched.events, ['user.verified']);
    assert.equal(patched.updatedAt, harness.clock.now().toISOString());
    assert.notEqual(patched.updatedAt, patched.createdAt);

    const disabled = expectBody(
      await poyRequest(harness, tenant.testKey, 'PATCH', `${WEBHOOKS}/${id}`, { enabled: false }),
      200,
      endpointView,
    );
    assert.equal(disabled.enabled, false);
    assert.equal(disabled.disabledReason, 'manual');
    assert.equal(disabled.url, 'https://b.example.com/hook', 'fields not sent are kept');

    const deleted = await poyRequest(harness, tenant.testKey, 'DELETE', `${WEBHOOKS}/${id}`);
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(deleted.json, { id, deleted: true });
    expectPoyError(await poyRequest(harness, tenant.testKey, 'GET', `${WEBHOOKS}/${id}`), 404, 'not_found');
    const list = expectBody(await poyRequest(harness, tenant.testKey, 'GET', WEBHOOKS), 200, endpointList);
    assert.deepEqual(list.data, []);
  });

  it('PATCH events to every type reads back as every type (the same subscription as omitting them)', async () => {
    const tenant = await createTestTenant(harness);
    const { id } = await createEndpoint(harness, tenant.testKey, {
      url: 'https://a.example.com/hook',
      events: ['user.failed'],
    });
    const patched = expectBody(
      await poyRequest(harness, tenant.testKey, 'PATCH', `${WEBHOOKS}/${id}`, {
        events: [...POY_EVENT_TYPES].reverse(),
      }),
      200,
      endpointView,
    );
    assert.deepEqual(patched.events, [...POY_EVENT_TYPES]);
  });

  it('end to end: user.verified arrives signed with X-POY-Signature (the seed verifyWebhook) and Standard Webhooks', async () => {
    const tenant = await createTestTenant(harness);
    const { id, secret } = await createEndpoint(harness, tenant.testKey, {
      url: receiver.url,
      events: ['user.verified'],
    });
    await forcePoyOutcome(harness, tenant.testKey, 'signed-user', 'verified');
    assert.ok((await drain(worker)) >= 1);

    const [request, ...more] = received('user.verified').filter(
      (candidate) => Reflect.get(Object(jsonOf(candidate).data), 'userId') === 'signed-user',
    );
    assert.ok(request, JSON.stringify(receiver.requests));
    assert.equal(more.length, 0, 'delivered once');
    assert.equal(request.method, 'POST');
    assert.match(headerOf(request, 'content-type'), /^application\/json/);
    const body = z
      .object({
        event: z.literal('user.verified'),
        timestamp: z.iso.datetime(),
        data: z.object({
          userId: z.literal('signed-user'),
          poyId: z.string().regex(/^PoY #[0-9A-F]{7}$/),
          trustScore: z.number().int().min(0).max(100),
        }),
      })
      .safeParse(jsonOf(request));
    assert.ok(body.success, request.body);

    const signature = headerOf(request, 'x-poy-signature');
    assert.equal(signature, hexHmac(request.body, secret));
    assert.match(signature, /^[0-9a-f]{64}$/);
    assert.equal(seedVerifyWebhook(request.body, signature, secret), true);
    assert.equal(
      seedVerifyWebhook(request.body.replace('signed-user', 'forged-user'), signature, secret),
      false,
    );
    assert.equal(seedVerifyWebhook(request.body, signature, `${secret}x`), false);

    assert.equal(standardWebhookIsValid(request, secret), true);
    assert.equal(standardWebhookIsValid({ ...request, body: `${request.body} ` }, secret), false);
    assert.equal(standardSignaturesOf(request).length, 1);
    assert.equal(
      headerOf(request, 'webhook-timestamp'),
      String(Math.floor(harness.clock.now().getTime() / 1000)),
    );

    // The delivery log: one successful attempt, with the status code, latency and response.
    const page = await listDeliveries(harness, tenant.testKey, id);
    assert.equal(page.data.length, 1, JSON.stringify(page));
    const [delivery] = page.data;
    assert.ok(delivery);
    assert.equal(delivery.id, headerOf(request, 'webhook-id'));
    assert.equal(delivery.eventType, 'user.verified');
    assert.equal(delivery.status, 'succeeded');
    assert.equal(delivery.attemptCount, 1);
    assert.equal(delivery.nextAttemptAt, null);
    assert.ok(delivery.completedAt, JSON.stringify(delivery));
    assert.equal(delivery.attempts.length, 1);
    const [attempt] = delivery.attempts;
    assert.equal(attempt?.attemptNumber, 1);
    assert.equal(attempt?.statusCode, 200);
    assert.equal(attempt?.error, null);
    assert.equal(attempt?.responseExcerpt, 'ok');
    assert.ok(Number.isInteger(attempt?.durationMs), JSON.stringify(attempt));
    assert.equal(page.nextCursor, null);
  });

  it('a failed attempt is logged and retried on schedule with the same webhook-id and body', async () => {
    const tenant = await createTestTenant(harness);
    const { id, secret } = await createEndpoint(harness, tenant.testKey, { url: receiver.url });
    const sent = expectBody(
      await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${id}/test`),
      202,
      z.object({ deliveryId: z.string() }),
    );
    receiver.respondWith(500, 'receiver exploded');
    try {
      await drain(worker);
    } finally {
      receiver.respondWith(200, 'ok');
    }
    const failed = (await listDeliveries(harness, tenant.testKey, id)).data[0];
    assert.ok(failed);
    assert.equal(failed.status, 'pending', JSON.stringify(failed));
    assert.equal(failed.attemptCount, 1);
    assert.equal(failed.attempts[0]?.statusCode, 500);
    assert.equal(failed.attempts[0]?.responseExcerpt, 'receiver exploded');
    const nextAttemptAt = Date.parse(failed.nextAttemptAt ?? '');
    const gap = nextAttemptAt - harness.clock.now().getTime();
    const nominal = DEFAULT_RETRY_SCHEDULE.baseDelayMs;
    assert.ok(gap >= nominal * 0.8 && gap <= nominal * 1.2, `retry gap ${gap} ms`);
    const endpoint = expectBody(
      await poyRequest(harness, tenant.testKey, 'GET', `${WEBHOOKS}/${id}`),
      200,
      endpointView,
    );
    assert.equal(endpoint.failingSince, harness.clock.now().toISOString());

    assert.equal(await worker.runOnce(), 0, 'not due yet');
    harness.clock.advanceBy(gap);
    await drain(worker);
    const retried = (await listDeliveries(harness, tenant.testKey, id)).data[0];
    assert.equal(retried?.status, 'succeeded', JSON.stringify(retried));
    assert.deepEqual(
      retried?.attempts.map((attempt) => [attempt.attemptNumber, attempt.statusCode]),
      [
        [1, 500],
        [2, 200],
      ],
    );
    const requests = receiver.requests.filter((request) => request.headers['webhook-id'] === sent.deliveryId);
    assert.equal(requests.length, 2);
    assert.equal(requests[1]?.body, requests[0]?.body);
    for (const request of requests)
      assert.equal(headerOf(request, 'x-poy-signature'), hexHmac(request.body, secret));
    const healed = expectBody(
      await poyRequest(harness, tenant.testKey, 'GET', `${WEBHOOKS}/${id}`),
      200,
      endpointView,
    );
    assert.equal(healed.failingSince, null, 'a success clears the failure clock');
  });

  it('the test event arrives as webhook.test, signed, with the endpoint id', async () => {
    const tenant = await createTestTenant(harness);
    const { id, secret } = await createEndpoint(harness, tenant.testKey, {
      url: receiver.url,
      events: ['stamp.created'],
    });
    const sent = expectBody(
      await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${id}/test`),
      202,
      z.object({ deliveryId: z.string().regex(/^msg_/) }).strict(),
    );
    await drain(worker);
    const request = receiver.requests.find(
      (candidate) => candidate.headers['webhook-id'] === sent.deliveryId,
    );
    assert.ok(request, JSON.stringify(receiver.requests.map((candidate) => candidate.headers)));
    const body = jsonOf(request);
    assert.equal(body.event, 'webhook.test', request.body);
    assert.deepEqual(body.data, { endpointId: id });
    assert.equal(seedVerifyWebhook(request.body, headerOf(request, 'x-poy-signature'), secret), true);
    assert.equal(standardWebhookIsValid(request, secret), true);
    const [delivery] = (await listDeliveries(harness, tenant.testKey, id)).data;
    assert.equal(delivery?.eventType, 'webhook.test');
    assert.equal(delivery?.status, 'succeeded');
  });

  it('redeliver replays the same webhook-id and the same bytes', async () => {
    const tenant = await createTestTenant(harness);
    const { id, secret } = await createEndpoint(harness, tenant.testKey, { url: receiver.url });
    await forcePoyOutcome(harness, tenant.testKey, 'replayed-user', 'failed');
    await drain(worker);
    const [delivery] = (await listDeliveries(harness, tenant.testKey, id)).data;
    assert.ok(delivery);
    assert.equal(delivery.eventType, 'user.failed');
    assert.equal(delivery.status, 'succeeded');

    harness.clock.advanceBy(2_000);
    const replay = await poyRequest(
      harness,
      tenant.testKey,
      'POST',
      `${WEBHOOKS}/${id}/deliveries/${delivery.id}/redeliver`,
    );
    assert.equal(replay.statusCode, 202, replay.body);
    assert.deepEqual(replay.json, { id: delivery.id, status: 'pending' });
    await drain(worker);

    const requests = receiver.requests.filter((request) => request.headers['webhook-id'] === delivery.id);
    assert.equal(requests.length, 2, JSON.stringify(requests.map((request) => request.headers)));
    const [first, second] = requests;
    assert.ok(first && second);
    assert.equal(second.body, first.body, 'the same bytes');
    assert.notEqual(
      headerOf(second, 'webhook-timestamp'),
      headerOf(first, 'webhook-timestamp'),
      'signed anew at send time',
    );
    assert.equal(seedVerifyWebhook(second.body, headerOf(second, 'x-poy-signature'), secret), true);
    assert.equal(standardWebhookIsValid(second, secret), true);
    const [after] = (await listDeliveries(harness, tenant.testKey, id)).data;
    assert.equal(after?.attempts.length, 2, JSON.stringify(after));
    assert.equal(after?.status, 'succeeded');
  });

  it('rotate-secret: the new secret signs; the old one signs alongside it for 24 hours', async () => {
    const tenant = await createTestTenant(harness);
    const { id, secret: oldSecret } = await createEndpoint(harness, tenant.testKey, { url: receiver.url });
    const rotated = expectBody(
      await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${id}/rotate-secret`),
      200,
      rotatedSecret,
    );
    assert.equal(rotated.id, id);
    assert.notEqual(rotated.secret, oldSecret);
    assert.equal(Date.parse(rotated.previousSecretExpiresAt) - harness.clock.now().getTime(), 24 * 3_600_000);
    const got = await poyRequest(harness, tenant.testKey, 'GET', `${WEBHOOKS}/${id}`);
    assert.ok(!got.body.includes(rotated.secret), got.body);

    const sent = expectBody(
      await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${id}/test`),
      202,
      z.object({ deliveryId: z.string() }),
    );
    await drain(worker);
    const request = receiver.requests.find(
      (candidate) => candidate.headers['webhook-id'] === sent.deliveryId,
    );
    assert.ok(request);
    const signatures = standardSignaturesOf(request);
    assert.equal(signatures.length, 2, headerOf(request, 'webhook-signature'));
    for (const signature of signatures) assert.match(signature, /^v1,[A-Za-z0-9+/]{43}=$/);
    assert.equal(standardWebhookIsValid(request, rotated.secret), true, 'the new secret verifies');
    assert.equal(standardWebhookIsValid(request, oldSecret), true, 'the old secret still verifies');
    assert.equal(
      standardWebhookIsValid(
        { ...request, headers: { ...request.headers, 'webhook-signature': signatures[1] } },
        rotated.secret,
      ),
      false,
      'each signature is by one secret',
    );
    const poySignature = headerOf(request, 'x-poy-signature');
    assert.equal(poySignature, hexHmac(request.body, rotated.secret));
    assert.equal(seedVerifyWebhook(request.body, poySignature, rotated.secret), true);
    assert.equal(seedVerifyWebhook(request.body, poySignature, oldSecret), false);
  });

  it('PATCH enabled:false holds deliveries (they stay pending); enabled:true sends them', async () => {
    const tenant = await createTestTenant(harness);
    const { id } = await createEndpoint(harness, tenant.testKey, { url: receiver.url });
    const sent = expectBody(
      await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${id}/test`),
      202,
      z.object({ deliveryId: z.string() }),
    );
    const paused = await poyRequest(harness, tenant.testKey, 'PATCH', `${WEBHOOKS}/${id}`, {
      enabled: false,
    });
    assert.equal(paused.statusCode, 200, paused.body);
    await drain(worker);
    const isOurs = (request: { headers: Record<string, unknown> }) =>
      request.headers['webhook-id'] === sent.deliveryId;
    assert.equal(receiver.requests.filter(isOurs).length, 0, 'nothing sent while disabled');
    const [held] = (await listDeliveries(harness, tenant.testKey, id)).data;
    assert.equal(held?.status, 'pending', JSON.stringify(held));
    assert.equal(held?.attemptCount, 0);

    const resumed = expectBody(
      await poyRequest(harness, tenant.testKey, 'PATCH', `${WEBHOOKS}/${id}`, { enabled: true }),
      200,
      endpointView,
    );
    assert.equal(resumed.enabled, true);
    assert.equal(resumed.disabledReason, null);
    await drain(worker);
    assert.equal(receiver.requests.filter(isOurs).length, 1);
    const [sentNow] = (await listDeliveries(harness, tenant.testKey, id)).data;
    assert.equal(sentNow?.status, 'succeeded');
  });

  it('the events filter is respected: an endpoint for user.failed gets no user.verified', async () => {
    const tenant = await createTestTenant(harness);
    const failedOnly = await createEndpoint(harness, tenant.testKey, {
      url: receiver.url,
      events: ['user.failed'],
    });
    const everything = await createEndpoint(harness, tenant.testKey, { url: receiver.url });
    await forcePoyOutcome(harness, tenant.testKey, 'filter-verified', 'verified');
    await drain(worker);
    assert.deepEqual((await listDeliveries(harness, tenant.testKey, failedOnly.id)).data, []);
    const allTypes = (await listDeliveries(harness, tenant.testKey, everything.id)).data.map(
      (delivery) => delivery.eventType,
    );
    assert.ok(allTypes.includes('user.verified'), JSON.stringify(allTypes));

    await forcePoyOutcome(harness, tenant.testKey, 'filter-failed', 'failed');
    await drain(worker);
    const failedTypes = (await listDeliveries(harness, tenant.testKey, failedOnly.id)).data.map(
      (delivery) => [delivery.eventType, delivery.status],
    );
    assert.deepEqual(failedTypes, [['user.failed', 'succeeded']]);
    const toFailedOnly = receiver.requests.filter(
      (request) =>
        jsonOf(request).event === 'user.verified' &&
        Reflect.get(Object(jsonOf(request).data), 'userId') === 'filter-verified',
    );
    assert.equal(toFailedOnly.length, 1, 'user.verified reached only the endpoint for every event');
  });

  it('deliveries page newest first with limit and before', async () => {
    const tenant = await createTestTenant(harness);
    const { id } = await createEndpoint(harness, tenant.testKey, { url: receiver.url });
    // Paused, so the deliveries stay put while the pages are read.
    await poyRequest(harness, tenant.testKey, 'PATCH', `${WEBHOOKS}/${id}`, { enabled: false });
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      harness.clock.advanceBy(10);
      const sent = expectBody(
        await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${id}/test`),
        202,
        z.object({ deliveryId: z.string() }),
      );
      ids.push(sent.deliveryId);
    }
    const first = await listDeliveries(harness, tenant.testKey, id, '?limit=2');
    assert.deepEqual(
      first.data.map((delivery) => delivery.id),
      [ids[2], ids[1]],
    );
    assert.equal(first.nextCursor, ids[1]);
    const second = await listDeliveries(harness, tenant.testKey, id, `?limit=2&before=${first.nextCursor}`);
    assert.deepEqual(
      second.data.map((delivery) => delivery.id),
      [ids[0]],
    );
    assert.equal(second.nextCursor, null);
    const all = await listDeliveries(harness, tenant.testKey, id);
    assert.equal(all.data.length, 3);
    assert.equal(all.nextCursor, null);
    for (const delivery of all.data) {
      assert.equal(delivery.status, 'pending');
      assert.deepEqual(delivery.attempts, []);
    }
  });
});
