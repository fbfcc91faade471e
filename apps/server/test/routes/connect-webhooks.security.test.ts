import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WebhookWorker } from '../../src/jobs/webhook-worker.ts';
import {
  createTestApp,
  createTestConfig,
  createTestTenant,
  type TestApp,
  type TestTenant,
} from '../harness.ts';
import { runCommonAuthTests } from './common-auth.ts';
import { connectPost, DELETE, REGISTER } from './connect-helpers.ts';
import {
  CONNECT_CREATE_OR_EDIT,
  CONNECT_DELETE,
  CONNECT_GET,
  CONNECT_ROTATE,
  connectList,
  connectRotated,
  connectSaved,
  createTestWorker,
  drain,
  expectBody,
  expectConnectFailure,
  headerOf,
  hubSignatureIsValid,
  jsonOf,
  type Receiver,
  standardSignatureFor,
  standardSignaturesOf,
  startReceiver,
} from './webhook-helpers.ts';

async function save(harness: TestApp, key: string, webhookType: string, destinationUrl: string) {
  return expectBody(
    await connectPost(harness, key, CONNECT_CREATE_OR_EDIT, {
      webhook_type: webhookType,
      destination_url: destinationUrl,
    }),
    200,
    connectSaved,
  );
}

async function list(harness: TestApp, key: string) {
  return expectBody(await connectPost(harness, key, CONNECT_GET, {}), 200, connectList).webhooks;
}

describe('Connect webhook admin: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  const authRoutes: Array<{ url: string; payload: Record<string, unknown> }> = [
    {
      url: CONNECT_CREATE_OR_EDIT,
      payload: { webhook_type: 'USER_DELETED', destination_url: 'https://auth.example.com/hook' },
    },
    { url: CONNECT_GET, payload: {} },
    { url: CONNECT_DELETE, payload: { webhook_type: 'USER_DELETED' } },
    { url: CONNECT_ROTATE, payload: {} },
  ];
  for (const route of authRoutes) {
    runCommonAuthTests({ method: 'POST', ...route, surface: 'connect' }, () => harness);
  }

  it("get lists only the key's own project; another project cannot delete, edit or rotate its webhooks", async () => {
    const owner = await createTestTenant(harness);
    const other = await createTestTenant(harness);
    const ownerSaved = await save(
      harness,
      owner.testKey,
      'USER_VERIFICATION_COMPLETED',
      'https://owner.example.com/hook',
    );
    const ownerSecretRow = await harness.store.findConnectWebhookSecret(owner.project.id, 'test');
    assert.deepEqual(await list(harness, other.testKey), []);

    const deleted = await connectPost(harness, other.testKey, CONNECT_DELETE, {
      webhook_type: 'USER_VERIFICATION_COMPLETED',
    });
    expectConnectFailure(deleted, 404, 'DOES_NOT_EXIST');

    const otherSaved = await save(
      harness,
      other.testKey,
      'USER_VERIFICATION_COMPLETED',
      'https://attacker.example.com/steal',
    );
    assert.ok(otherSaved.secret, 'the other project gets a secret of its own');
    assert.notEqual(otherSaved.secret, ownerSaved.secret);
    const rotated = await connectPost(harness, other.testKey, CONNECT_ROTATE, {});
    assert.equal(rotated.statusCode, 200, rotated.body);

    assert.deepEqual(await list(harness, owner.testKey), [ownerSaved.webhook]);
    assert.deepEqual(
      (await list(harness, other.testKey)).map((webhook) => webhook.destination_url),
      ['https://attacker.example.com/steal'],
    );
    const ownerSecretAfter = await harness.store.findConnectWebhookSecret(owner.project.id, 'test');
    assert.deepEqual(ownerSecretAfter, ownerSecretRow, "the owner's secret is untouched");
  });

  it('live and test are separate: their own webhooks and their own secrets', async () => {
    const tenant = await createTestTenant(harness);
    const test = await save(harness, tenant.testKey, 'USER_DELETED', 'https://test.example.com/hook');
    assert.deepEqual(await list(harness, tenant.liveKey), []);
    const deleted = await connectPost(harness, tenant.liveKey, CONNECT_DELETE, {
      webhook_type: 'USER_DELETED',
    });
    expectConnectFailure(deleted, 404, 'DOES_NOT_EXIST');
    const live = await save(harness, tenant.liveKey, 'USER_DELETED', 'https://live.example.com/hook');
    assert.ok(test.secret && live.secret, 'each mode creates its own secret');
    assert.notEqual(live.secret, test.secret);
    assert.deepEqual(
      (await list(harness, tenant.testKey)).map((webhook) => webhook.destination_url),
      ['https://test.example.com/hook'],
    );
    assert.deepEqual(
      (await list(harness, tenant.liveKey)).map((webhook) => webhook.destination_url),
      ['https://live.example.com/hook'],
    );
  });

  it('the secret is shown only when created or rotated, and stored sealed', async () => {
    const tenant = await createTestTenant(harness);
    const first = await save(harness, tenant.testKey, 'USER_DELETED', 'https://s.example.com/hook');
    assert.ok(first.secret);
    const again = await connectPost(harness, tenant.testKey, CONNECT_CREATE_OR_EDIT, {
      webhook_type: 'USER_VERIFICATION_REVOKED',
      destination_url: 'https://s.example.com/hook',
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.ok(!('secret' in again.json), again.body);
    const got = await connectPost(harness, tenant.testKey, CONNECT_GET, {});
    assert.ok(!got.body.includes('whsec_'), got.body);
    const row = await harness.store.findConnectWebhookSecret(tenant.project.id, 'test');
    assert.ok(row);
    assert.ok(!row.secretEncrypted.includes(first.secret.slice('whsec_'.length)), row.secretEncrypted);
    const rotated = expectBody(
      await connectPost(harness, tenant.testKey, CONNECT_ROTATE, {}),
      200,
      connectRotated,
    );
    const rotatedRow = await harness.store.findConnectWebhookSecret(tenant.project.id, 'test');
    assert.ok(rotatedRow);
    assert.ok(!rotatedRow.secretEncrypted.includes(rotated.secret.slice('whsec_'.length)));
    assert.equal(rotatedRow.previousSecretEncrypted, row.secretEncrypted);
  });
});

describe('Connect webhook admin: the destination policy in production mode', () => {
  let strict: TestApp;
  let allowing: TestApp;
  let strictTenant: TestTenant;
  let allowingTenant: TestTenant;
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
  before(async () => {
    strict = await createTestApp({ config: productionConfig([]) });
    allowing = await createTestApp({
      config: productionConfig(['10.0.0.5', '127.0.0.1', '169.254.169.254']),
    });
    strictTenant = await createTestTenant(strict);
    allowingTenant = await createTestTenant(allowing);
  });
  after(async () => {
    await strict.close();
    await allowing.close();
  });

  for (const url of [
    'http://127.0.0.1:4000/hook',
    'http://10.0.0.5/',
    'http://169.254.169.254/latest/meta-data/',
  ]) {
    it(`refuses ${url} with 400 INVALID_REQUEST, and allows it when its host is allowed`, async () => {
      const refused = await connectPost(strict, strictTenant.testKey, CONNECT_CREATE_OR_EDIT, {
        webhook_type: 'USER_DELETED',
        destination_url: url,
      });
      assert.match(
        expectConnectFailure(refused, 400, 'INVALID_REQUEST'),
        /destination_url must not point to a private, loopback or link-local address/,
      );
      assert.deepEqual(await list(strict, strictTenant.testKey), []);
      const allowed = await connectPost(allowing, allowingTenant.testKey, CONNECT_CREATE_OR_EDIT, {
        webhook_type: 'USER_DELETED',
        destination_url: url,
      });
      assert.equal(allowed.statusCode, 200, allowed.body);
    });
  }

  it('a public destination is accepted', async () => {
    const saved = await save(strict, strictTenant.testKey, 'USER_DELETED', 'https://93.184.216.34/hook');
    assert.equal(saved.webhook.destination_url, 'https://93.184.216.34/hook');
  });
});

describe('Connect webhooks: the previous secret stops signing after 24 hours', () => {
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

  it('one Standard Webhooks signature again once the overlap has passed', async () => {
    const tenant = await createTestTenant(harness);
    const { secret: oldSecret } = await save(harness, tenant.testKey, 'USER_DELETED', receiver.url);
    assert.ok(oldSecret);
    const rotated = expectBody(
      await connectPost(harness, tenant.testKey, CONNECT_ROTATE, {}),
      200,
      connectRotated,
    );

    harness.clock.advanceBy(24 * 3_600_000 + 1);
    const registered = await connectPost(harness, tenant.testKey, REGISTER, {
      reference_user_id: 'late-user',
    });
    assert.equal(registered.statusCode, 200, registered.body);
    const deleted = await connectPost(harness, tenant.testKey, DELETE, {
      reference_user_id: 'late-user',
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    await drain(worker);
    const request = receiver.requests.find((candidate) => jsonOf(candidate).type === 'USER_DELETED');
    assert.ok(request, JSON.stringify(receiver.requests.map((candidate) => candidate.body)));
    assert.deepEqual(standardSignaturesOf(request), [standardSignatureFor(request, rotated.secret)]);
    assert.notEqual(standardSignatureFor(request, oldSecret), standardSignatureFor(request, rotated.secret));
    assert.equal(
      hubSignatureIsValid(request.body, headerOf(request, 'x-hub-signature-256'), rotated.secret),
      true,
    );
  });
});
