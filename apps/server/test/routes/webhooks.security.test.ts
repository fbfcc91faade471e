import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { z } from 'zod';
import { DEFAULT_RETRY_SCHEDULE } from '../../src/core/webhooks/retry-schedule.ts';
import type { WebhookWorker } from '../../src/jobs/webhook-worker.ts';
import { createWebhookWorker } from '../../src/jobs/webhook-worker.ts';
import {
  createTestApp,
  createTestConfig,
  createTestTenant,
  type TestApp,
  type TestTenant,
} from '../harness.ts';
import { runCommonAuthTests } from './common-auth.ts';
import { connectPost } from './connect-helpers.ts';
import {
  CONNECT_CREATE_OR_EDIT,
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
  listDeliveries,
  poyRequest,
  type Receiver,
  rotatedSecret,
  standardSignatureFor,
  standardSignaturesOf,
  startReceiver,
  WEBHOOKS,
} from './webhook-helpers.ts';

describe('POY webhooks: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  const someId = 'we_authprobe000000000000';
  const authRoutes: Array<{
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    url: string;
    payload?: Record<string, unknown>;
  }> = [
    { method: 'POST', url: WEBHOOKS, payload: { url: 'https://auth.example.com/hook' } },
    { method: 'GET', url: WEBHOOKS },
    { method: 'GET', url: `${WEBHOOKS}/${someId}` },
    { method: 'PATCH', url: `${WEBHOOKS}/${someId}`, payload: { enabled: false } },
    { method: 'DELETE', url: `${WEBHOOKS}/${someId}` },
    { method: 'POST', url: `${WEBHOOKS}/${someId}/rotate-secret` },
    { method: 'GET', url: `${WEBHOOKS}/${someId}/deliveries` },
    { method: 'POST', url: `${WEBHOOKS}/${someId}/deliveries/msg_authprobe/redeliver` },
    { method: 'POST', url: `${WEBHOOKS}/${someId}/test` },
  ];
  for (const route of authRoutes) runCommonAuthTests({ ...route, surface: 'poy' }, () => harness);

  it("another project's key gets 404 on every endpoint and delivery id, and changes nothing", async () => {
    const owner = await createTestTenant(harness);
    const other = await createTestTenant(harness);
    const { id } = await createEndpoint(harness, owner.testKey, { url: 'https://owner.example.com/hook' });
    await poyRequest(harness, owner.testKey, 'PATCH', `${WEBHOOKS}/${id}`, { enabled: false });
    const sent = await poyRequest(harness, owner.testKey, 'POST', `${WEBHOOKS}/${id}/test`);
    assert.equal(sent.statusCode, 202, sent.body);
    const deliveryId = String(sent.json.deliveryId);
    const before = await poyRequest(harness, owner.testKey, 'GET', `${WEBHOOKS}/${id}`);

    const attempts: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown]> = [
      ['GET', `${WEBHOOKS}/${id}`, undefined],
      ['PATCH', `${WEBHOOKS}/${id}`, { url: 'https://attacker.example.com/steal', enabled: true }],
      ['POST', `${WEBHOOKS}/${id}/rotate-secret`, undefined],
      ['GET', `${WEBHOOKS}/${id}/deliveries`, undefined],
      ['POST', `${WEBHOOKS}/${id}/deliveries/${deliveryId}/redeliver`, undefined],
      ['POST', `${WEBHOOKS}/${id}/test`, undefined],
      ['DELETE', `${WEBHOOKS}/${id}`, undefined],
    ];
    for (const [method, url, payload] of attempts) {
      expectPoyError(await poyRequest(harness, other.testKey, method, url, payload), 404, 'not_found');
    }
    // Their own endpoint's path with the owner's delivery id is no way in either.
    const theirs = await createEndpoint(harness, other.testKey, { url: 'https://other.example.com/hook' });
    expectPoyError(
      await poyRequest(
        harness,
        other.testKey,
        'POST',
        `${WEBHOOKS}/${theirs.id}/deliveries/${deliveryId}/redeliver`,
      ),
      404,
      'not_found',
    );
    expectPoyError(
      await poyRequest(
        harness,
        other.testKey,
        'GET',
        `${WEBHOOKS}/${theirs.id}/deliveries?before=${deliveryId}`,
      ),
      400,
      'invalid_request',
    );

    const list = expectBody(await poyRequest(harness, other.testKey, 'GET', WEBHOOKS), 200, endpointList);
    assert.deepEqual(
      list.data.map((endpoint) => endpoint.id),
      [theirs.id],
    );
    const afterwards = await poyRequest(harness, owner.testKey, 'GET', `${WEBHOOKS}/${id}`);
    assert.deepEqual(afterwards.json, before.json, 'the owner endpoint is untouched');
    const deliveries = await listDeliveries(harness, owner.testKey, id);
    assert.deepEqual(
      deliveries.data.map((delivery) => [delivery.id, delivery.status]),
      [[deliveryId, 'pending']],
      'no test event was added',
    );
  });

  it('live and test are separate worlds: ids of the other mode are 404, lists do not mix', async () => {
    const tenant = await createTestTenant(harness);
    const testEndpoint = await createEndpoint(harness, tenant.testKey, {
      url: 'https://test.example.com/hook',
    });
    const liveEndpoint = await createEndpoint(harness, tenant.liveKey, {
      url: 'https://live.example.com/hook',
    });
    for (const [key, id] of [
      [tenant.liveKey, testEndpoint.id],
      [tenant.testKey, liveEndpoint.id],
    ] as const) {
      expectPoyError(await poyRequest(harness, key, 'GET', `${WEBHOOKS}/${id}`), 404, 'not_found');
      expectPoyError(await poyRequest(harness, key, 'DELETE', `${WEBHOOKS}/${id}`), 404, 'not_found');
      expectPoyError(await poyRequest(harness, key, 'POST', `${WEBHOOKS}/${id}/test`), 404, 'not_found');
    }
    const live = expectBody(await poyRequest(harness, tenant.liveKey, 'GET', WEBHOOKS), 200, endpointList);
    assert.deepEqual(
      live.data.map((endpoint) => endpoint.id),
      [liveEndpoint.id],
    );
    const test = expectBody(await poyRequest(harness, tenant.testKey, 'GET', WEBHOOKS), 200, endpointList);
    assert.deepEqual(
      test.data.map((endpoint) => endpoint.id),
      [testEndpoint.id],
    );
  });

  it('test-mode events are delivered to test endpoints only', async () => {
    const tenant = await createTestTenant(harness);
    const testEndpoint = await createEndpoint(harness, tenant.testKey, {
      url: 'https://test.example.com/hook',
    });
    const liveEndpoint = await createEndpoint(harness, tenant.liveKey, {
      url: 'https://live.example.com/hook',
    });
    // No worker runs in this suite: the deliveries stay in the log to be read.
    await forcePoyOutcome(harness, tenant.testKey, 'mode-user', 'verified');
    const testTypes = (await listDeliveries(harness, tenant.testKey, testEndpoint.id)).data.map(
      (delivery) => delivery.eventType,
    );
    assert.ok(testTypes.includes('user.verified'), JSON.stringify(testTypes));
    assert.deepEqual((await listDeliveries(harness, tenant.liveKey, liveEndpoint.id)).data, []);
  });

  it('Connect endpoint ids are not reachable through the POY API', async () => {
    const tenant = await createTestTenant(harness);
    const saved = await connectPost(harness, tenant.testKey, CONNECT_CREATE_OR_EDIT, {
      webhook_type: 'USER_DELETED',
      destination_url: 'https://connect.example.com/hook',
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const [connectEndpoint] = await harness.store.listWebhookEndpoints({
      projectId: tenant.project.id,
      mode: 'test',
      surface: 'connect',
    });
    assert.ok(connectEndpoint);
    const id = connectEndpoint.id;
    const routes: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown]> = [
      ['GET', `${WEBHOOKS}/${id}`, undefined],
      ['PATCH', `${WEBHOOKS}/${id}`, { url: 'https://elsewhere.example.com/' }],
      ['POST', `${WEBHOOKS}/${id}/rotate-secret`, undefined],
      ['GET', `${WEBHOOKS}/${id}/deliveries`, undefined],
      ['POST', `${WEBHOOKS}/${id}/test`, undefined],
      ['DELETE', `${WEBHOOKS}/${id}`, undefined],
    ];
    for (const [method, url, payload] of routes) {
      expectPoyError(await poyRequest(harness, tenant.testKey, method, url, payload), 404, 'not_found');
    }
    const list = expectBody(await poyRequest(harness, tenant.testKey, 'GET', WEBHOOKS), 200, endpointList);
    assert.deepEqual(list.data, []);
    const still = await harness.store.findWebhookEndpoint({ projectId: tenant.project.id, mode: 'test', id });
    assert.equal(still?.url, 'https://connect.example.com/hook');
    assert.deepEqual(
      (await harness.store.listDeliveries({ endpointId: id, limit: 10 })).map((delivery) => delivery.id),
      [],
    );
  });

  it('secrets are stored sealed, never in the clear, and differ per endpoint', async () => {
    const tenant = await createTestTenant(harness);
    const first = await createEndpoint(harness, tenant.testKey, { url: 'https://s1.example.com/hook' });
    const second = await createEndpoint(harness, tenant.testKey, { url: 'https://s2.example.com/hook' });
    assert.notEqual(first.secret, second.secret);
    const stored = await harness.store.findWebhookEndpoint({
      projectId: tenant.project.id,
      mode: 'test',
      id: first.id,
    });
    assert.ok(stored?.secretEncrypted);
    assert.ok(!stored.secretEncrypted.includes(first.secret.slice('whsec_'.length)), stored.secretEncrypted);
  });
});

describe('POY webhooks: the destination policy in production mode', () => {
  const productionConfig = (allowedHosts: string[]) => {
    const defaults = createTestConfig();
    return {
      ...defaults,
      mode: 'production' as const,
      secretKey: 'production-test-secret-key-0123456789abcdef',
      publicUrl: 'https://poy.example.com',
      webhooks: { ...defaults.webhooks, allowedHosts },
    };
  };
  let strict: TestApp;
  let allowing: TestApp;
  let strictTenant: TestTenant;
  let allowingTenant: TestTenant;
  before(async () => {
    strict = await createTestApp({ config: productionConfig([]) });
    allowing = await createTestApp({ config: productionConfig(['10.0.0.5', '127.0.0.1', 'hooks.internal']) });
    strictTenant = await createTestTenant(strict);
    allowingTenant = await createTestTenant(allowing);
  });
  after(async () => {
    await strict.close();
    await allowing.close();
  });

  const refused = [
    'http://127.0.0.1:8080/hook',
    'http://10.0.0.5/',
    'http://169.254.169.254/latest/meta-data/',
    'http://192.168.1.10/hook',
    'http://172.16.0.1/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/hook',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://localhost:3000/hook',
  ];
  for (const url of refused) {
    it(`refuses ${url} with 400 naming the reason, creating nothing`, async () => {
      const reply = await poyRequest(strict, strictTenant.testKey, 'POST', WEBHOOKS, { url });
      assert.match(
        expectPoyError(reply, 400, 'invalid_request'),
        /url must not point to a private, loopback or link-local address/,
      );
      const list = expectBody(
        await poyRequest(strict, strictTenant.testKey, 'GET', WEBHOOKS),
        200,
        endpointList,
      );
      assert.ok(!list.data.some((endpoint) => endpoint.url === url), JSON.stringify(list));
    });
  }

  it('the same private destinations are allowed when their host is in webhooks.allowedHosts', async () => {
    for (const url of ['http://10.0.0.5/hook', 'http://127.0.0.1:9/hook', 'https://hooks.internal/in']) {
      const reply = await poyRequest(allowing, allowingTenant.testKey, 'POST', WEBHOOKS, { url });
      assert.equal(expectBody(reply, 201, createdEndpoint).url, url);
    }
    // Only those hosts: a neighbour stays refused.
    const neighbour = await poyRequest(allowing, allowingTenant.testKey, 'POST', WEBHOOKS, {
      url: 'http://10.0.0.6/hook',
    });
    expectPoyError(neighbour, 400, 'invalid_request');
  });

  it('a public address is accepted', async () => {
    const reply = await poyRequest(strict, strictTenant.testKey, 'POST', WEBHOOKS, {
      url: 'https://93.184.216.34/hook',
    });
    assert.equal(reply.statusCode, 201, reply.body);
  });

  it('PATCH to a private destination is refused and the URL kept', async () => {
    const { id } = await createEndpoint(strict, strictTenant.testKey, { url: 'https://93.184.216.34/keep' });
    const reply = await poyRequest(strict, strictTenant.testKey, 'PATCH', `${WEBHOOKS}/${id}`, {
      url: 'http://169.254.169.254/latest/meta-data/',
    });
    expectPoyError(reply, 400, 'invalid_request');
    const kept = expectBody(
      await poyRequest(strict, strictTenant.testKey, 'GET', `${WEBHOOKS}/${id}`),
      200,
      endpointView,
    );
    assert.equal(kept.url, 'https://93.184.216.34/keep');
  });

  it("a worker with the deployment's policy delivers to an allowed loopback host", async () => {
    const receiver = await startReceiver();
    const worker = createWebhookWorker({
      store: allowing.store,
      clock: allowing.clock,
      secrets: allowing.app.services.webhooks.secrets,
      logger: pino({ level: 'silent' }),
      schedule: DEFAULT_RETRY_SCHEDULE,
      policy: allowing.app.services.webhooks.policy,
    });
    try {
      const { id, secret } = await createEndpoint(allowing, allowingTenant.testKey, { url: receiver.url });
      const sent = await poyRequest(allowing, allowingTenant.testKey, 'POST', `${WEBHOOKS}/${id}/test`);
      assert.equal(sent.statusCode, 202, sent.body);
      await drain(worker);
      const [request] = receiver.requests;
      assert.ok(request, 'delivered');
      assert.equal(headerOf(request, 'x-poy-signature'), hexHmac(request.body, secret));
    } finally {
      await worker.stop();
      await receiver.close();
    }
  });
});

describe('POY webhooks: signatures cannot be reused across endpoints', () => {
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

  it("each endpoint signs with its own secret; another endpoint's secret does not verify", async () => {
    const tenant = await createTestTenant(harness);
    const first = await createEndpoint(harness, tenant.testKey, { url: receiver.url });
    const second = await createEndpoint(harness, tenant.testKey, { url: receiver.url });
    const sent = expectBody(
      await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${first.id}/test`),
      202,
      z.object({ deliveryId: z.string() }),
    );
    await drain(worker);
    const request = receiver.requests.find(
      (candidate) => candidate.headers['webhook-id'] === sent.deliveryId,
    );
    assert.ok(request, JSON.stringify(receiver.requests.map((candidate) => candidate.headers)));
    const signature = headerOf(request, 'x-poy-signature');
    assert.equal(signature, hexHmac(request.body, first.secret));
    assert.notEqual(signature, hexHmac(request.body, second.secret));
  });

  it('after rotation, the previous secret stops signing once its 24 hours are over', async () => {
    const tenant = await createTestTenant(harness);
    const { id, secret: oldSecret } = await createEndpoint(harness, tenant.testKey, { url: receiver.url });
    const rotated = expectBody(
      await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${id}/rotate-secret`),
      200,
      rotatedSecret,
    );
    harness.clock.advanceBy(24 * 3_600_000 + 1);
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
    assert.deepEqual(standardSignaturesOf(request), [standardSignatureFor(request, rotated.secret)]);
    assert.notEqual(standardSignatureFor(request, oldSecret), standardSignatureFor(request, rotated.secret));
    assert.equal(headerOf(request, 'x-poy-signature'), hexHmac(request.body, rotated.secret));
  });
});
