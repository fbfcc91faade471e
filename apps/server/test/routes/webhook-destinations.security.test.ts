// SSRF through IPv6 forms that carry an IPv4 address: production mode refuses them on both webhook
// surfaces when saved, and the worker refuses them again when sending.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { DEFAULT_RETRY_SCHEDULE } from '../../src/core/webhooks/retry-schedule.ts';
import { createWebhookWorker } from '../../src/jobs/webhook-worker.ts';
import {
  createTestApp,
  createTestConfig,
  createTestTenant,
  type TestApp,
  type TestTenant,
} from '../harness.ts';
import { connectPost } from './connect-helpers.ts';
import {
  CONNECT_CREATE_OR_EDIT,
  CONNECT_GET,
  connectList,
  createEndpoint,
  drain,
  endpointList,
  expectBody,
  expectConnectFailure,
  expectPoyError,
  listDeliveries,
  poyRequest,
  WEBHOOKS,
} from './webhook-helpers.ts';

const CARRIED_PRIVATE = [
  'http://[::7f00:1]/',
  'http://[::127.0.0.1]:8080/hook',
  'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
  'http://[64:ff9b::a00:1]/',
  'http://[64:ff9b:1::808:808]/',
  'http://[2002:7f00:1::1]/',
  'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
];

describe('webhook destinations carried in IPv6 forms, production mode', () => {
  let strict: TestApp;
  let tenant: TestTenant;
  before(async () => {
    const defaults = createTestConfig();
    strict = await createTestApp({
      config: {
        ...defaults,
        mode: 'production',
        secretKey: 'production-test-secret-key-0123456789abcdef',
        publicUrl: 'https://poy.example.com',
        webhooks: { ...defaults.webhooks, allowedHosts: [] },
      },
    });
    tenant = await createTestTenant(strict);
  });
  after(async () => {
    await strict.close();
  });

  for (const url of CARRIED_PRIVATE) {
    it(`POST /api/poy/webhooks refuses ${url}`, async () => {
      const reply = await poyRequest(strict, tenant.testKey, 'POST', WEBHOOKS, { url });
      assert.match(
        expectPoyError(reply, 400, 'invalid_request'),
        /url must not point to a private, loopback or link-local address/,
      );
      const list = expectBody(await poyRequest(strict, tenant.testKey, 'GET', WEBHOOKS), 200, endpointList);
      assert.deepEqual(list.data, []);
    });

    it(`Connect create_or_edit refuses ${url}`, async () => {
      const reply = await connectPost(strict, tenant.testKey, CONNECT_CREATE_OR_EDIT, {
        webhook_type: 'USER_DELETED',
        destination_url: url,
      });
      assert.match(
        expectConnectFailure(reply, 400, 'INVALID_REQUEST'),
        /destination_url must not point to a private, loopback or link-local address/,
      );
      const list = expectBody(await connectPost(strict, tenant.testKey, CONNECT_GET, {}), 200, connectList);
      assert.deepEqual(list.webhooks, []);
    });
  }

  it('public addresses in the same forms are accepted on both surfaces', async () => {
    const other = await createTestTenant(strict);
    for (const url of ['https://[::ffff:808:808]/hook', 'https://[2002:808:808::1]/hook']) {
      const reply = await poyRequest(strict, other.testKey, 'POST', WEBHOOKS, { url });
      assert.equal(reply.statusCode, 201, reply.body);
    }
    const saved = await connectPost(strict, other.testKey, CONNECT_CREATE_OR_EDIT, {
      webhook_type: 'USER_DELETED',
      destination_url: 'https://[64:ff9b::808:808]/hook',
    });
    assert.equal(saved.statusCode, 200, saved.body);
  });
});

describe('webhook destinations carried in IPv6 forms, at send time', () => {
  let open: TestApp;
  before(async () => {
    open = await createTestApp();
  });
  after(async () => {
    await open.close();
  });

  it('an enforcing worker refuses an endpoint saved before the policy applied, without connecting', async () => {
    const tenant = await createTestTenant(open);
    // Development mode saves anything; the worker of a production deployment must still refuse it.
    const { id } = await createEndpoint(open, tenant.testKey, { url: 'http://[::7f00:1]:9/hook' });
    const sent = await poyRequest(open, tenant.testKey, 'POST', `${WEBHOOKS}/${id}/test`);
    assert.equal(sent.statusCode, 202, sent.body);
    const worker = createWebhookWorker({
      store: open.store,
      clock: open.clock,
      secrets: open.app.services.webhooks.secrets,
      logger: pino({ level: 'silent' }),
      schedule: DEFAULT_RETRY_SCHEDULE,
      policy: { enforce: true, allowedHosts: new Set() },
    });
    try {
      await drain(worker);
    } finally {
      await worker.stop();
    }
    const [delivery] = (await listDeliveries(open, tenant.testKey, id)).data;
    assert.ok(delivery, 'a delivery was made');
    const [attempt] = delivery.attempts;
    assert.ok(attempt, JSON.stringify(delivery));
    assert.equal(attempt.statusCode, null);
    assert.equal(attempt.error, 'refused: private or loopback address');
  });
});
