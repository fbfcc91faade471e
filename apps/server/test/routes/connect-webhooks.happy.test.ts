import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { replayDelivery } from '../../src/core/webhooks/replay-deliveries.ts';
import type { WebhookWorker } from '../../src/jobs/webhook-worker.ts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { connectPost, DELETE, REGISTER, REVOKE, SANDBOX } from './connect-helpers.ts';
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
  headerOf,
  hubSignatureIsValid,
  jsonOf,
  type ReceivedRequest,
  type Receiver,
  standardSignaturesOf,
  standardWebhookIsValid,
  startReceiver,
} from './webhook-helpers.ts';

const connectEventBody = z
  .object({
    transaction_id: z.string().regex(/^ewh:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    user_id: z.string().regex(/^bcu_/),
    reference_user_id: z.string(),
    type: z.string(),
    payload: z.record(z.string(), z.unknown()),
    created_at: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
  })
  .strict();

describe('Connect webhook admin: happy paths', () => {
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

  async function save(tenant: TestTenant, webhookType: string, destinationUrl: string) {
    return expectBody(
      await connectPost(harness, tenant.testKey, CONNECT_CREATE_OR_EDIT, {
        webhook_type: webhookType,
        destination_url: destinationUrl,
      }),
      200,
      connectSaved,
    );
  }

  async function list(tenant: TestTenant) {
    return expectBody(await connectPost(harness, tenant.testKey, CONNECT_GET, {}), 200, connectList).webhooks;
  }

  /** Registers a user and forces a sandbox outcome through the Connect API. */
  async function force(tenant: TestTenant, referenceUserId: string, outcome: 'verified' | 'failed') {
    const registered = await connectPost(harness, tenant.testKey, REGISTER, {
      reference_user_id: referenceUserId,
    });
    assert.equal(registered.statusCode, 200, registered.body);
    const forced = await connectPost(harness, tenant.testKey, SANDBOX, {
      reference_user_id: referenceUserId,
      outcome,
    });
    assert.equal(forced.statusCode, 200, forced.body);
  }

  /** Connect deliveries the receiver got for one user and event type. */
  function receivedFor(referenceUserId: string, type: string): ReceivedRequest[] {
    return receiver.requests.filter((request) => {
      const body = jsonOf(request);
      return body.reference_user_id === referenceUserId && body.type === type;
    });
  }

  it('create_or_edit: the first call returns the secret, later ones never do; editing keeps created_at', async () => {
    const tenant = await createTestTenant(harness);
    const first = await save(tenant, 'USER_VERIFICATION_COMPLETED', 'https://hooks.example.com/completed');
    assert.deepEqual(first.webhook, {
      webhook_type: 'USER_VERIFICATION_COMPLETED',
      destination_url: 'https://hooks.example.com/completed',
      created_at: harness.clock.now().toISOString(),
      enabled: true,
    });
    assert.ok(first.secret, 'the first call creates and shows the secret');

    harness.clock.advanceBy(1_000);
    const second = await save(tenant, 'USER_DELETED', 'https://hooks.example.com/deleted');
    assert.equal(second.secret, undefined);
    assert.equal(second.webhook.created_at, harness.clock.now().toISOString());

    harness.clock.advanceBy(1_000);
    const edited = await save(
      tenant,
      'USER_VERIFICATION_COMPLETED',
      'https://hooks.example.com/completed-v2',
    );
    assert.equal(edited.secret, undefined);
    assert.equal(edited.webhook.destination_url, 'https://hooks.example.com/completed-v2');
    assert.equal(edited.webhook.created_at, first.webhook.created_at, 'an edit, not a new webhook');

    assert.deepEqual(await list(tenant), [edited.webhook, second.webhook]);
  });

  it('get works with no body at all', async () => {
    const tenant = await createTestTenant(harness);
    await save(tenant, 'USER_DELETED', 'https://hooks.example.com/deleted');
    const response = await harness.app.inject({
      method: 'POST',
      url: CONNECT_GET,
      headers: { 'api-key': tenant.testKey },
    });
    assert.equal(response.statusCode, 200, response.body);
    const parsed = connectList.safeParse(JSON.parse(response.body));
    assert.ok(parsed.success, response.body);
    assert.deepEqual(
      parsed.data.webhooks.map((webhook) => webhook.webhook_type),
      ['USER_DELETED'],
    );
  });

  it('delete removes one type; re-creating it shows no secret (the project secret stays)', async () => {
    const tenant = await createTestTenant(harness);
    await save(tenant, 'USER_VERIFICATION_REVOKED', 'https://hooks.example.com/revoked');
    await save(tenant, 'USER_DELETED', 'https://hooks.example.com/deleted');
    const deleted = await connectPost(harness, tenant.testKey, CONNECT_DELETE, {
      webhook_type: 'USER_VERIFICATION_REVOKED',
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(deleted.json, {
      status: 'success',
      webhook_type: 'USER_VERIFICATION_REVOKED',
      deleted: true,
    });
    assert.deepEqual(
      (await list(tenant)).map((webhook) => webhook.webhook_type),
      ['USER_DELETED'],
    );
    const again = await save(tenant, 'USER_VERIFICATION_REVOKED', 'https://hooks.example.com/revoked');
    assert.equal(again.secret, undefined);
  });

  it('a webhook disabled after failing shows enabled:false; create_or_edit re-enables it', async () => {
    const tenant = await createTestTenant(harness);
    await save(tenant, 'USER_DELETED', 'https://hooks.example.com/deleted');
    const endpoint = await harness.store.findConnectWebhookEndpoint({
      projectId: tenant.project.id,
      mode: 'test',
      eventType: 'USER_DELETED',
    });
    assert.ok(endpoint);
    await harness.store.updateWebhookEndpoint(endpoint.id, {
      enabled: false,
      disabledReason: 'failing',
      updatedAt: harness.clock.now(),
    });
    assert.equal((await list(tenant))[0]?.enabled, false);
    const saved = await save(tenant, 'USER_DELETED', 'https://hooks.example.com/deleted');
    assert.equal(saved.webhook.enabled, true);
    assert.equal((await list(tenant))[0]?.enabled, true);
  });

  it('end to end: USER_VERIFICATION_COMPLETED arrives with X-Hub-Signature-256 and Standard Webhooks headers', async () => {
    const tenant = await createTestTenant(harness);
    const { secret } = await save(tenant, 'USER_VERIFICATION_COMPLETED', receiver.url);
    assert.ok(secret);
    await force(tenant, 'hub-user', 'verified');
    assert.ok((await drain(worker)) >= 1);

    const [request, ...more] = receivedFor('hub-user', 'USER_VERIFICATION_COMPLETED');
    assert.ok(request, JSON.stringify(receiver.requests.map((candidate) => candidate.body)));
    assert.equal(more.length, 0, 'delivered once');
    const body = connectEventBody.safeParse(jsonOf(request));
    assert.ok(body.success, request.body);
    const data = z
      .object({
        type: z.literal('GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID'),
        humanness_score: z.number().int().min(0).max(100),
        unique_human_id: z.string().regex(/^uh_/),
        uniqueness_region_id: z.null(),
      })
      .safeParse(body.data.payload.simple_data_request_response);
    assert.ok(data.success, request.body);

    const hub = headerOf(request, 'x-hub-signature-256');
    assert.match(hub, /^sha256=[0-9a-f]{64}$/);
    assert.equal(hubSignatureIsValid(request.body, hub, secret), true);
    assert.equal(hubSignatureIsValid(request.body.replace('hub-user', 'hub-uses'), hub, secret), false);
    assert.equal(hubSignatureIsValid(request.body, hub, `${secret}x`), false);
    assert.equal(request.headers['x-poy-signature'], undefined, 'Connect deliveries carry the Hub signature');
    assert.equal(standardWebhookIsValid(request, secret), true);
    assert.equal(standardSignaturesOf(request).length, 1);
  });

  it('only the configured types are delivered; UNFULFILLABLE carries its reason', async () => {
    const tenant = await createTestTenant(harness);
    const { secret } = await save(tenant, 'USER_VERIFICATION_COMPLETED', receiver.url);
    assert.ok(secret);
    await force(tenant, 'not-subscribed', 'failed');
    await drain(worker);
    assert.deepEqual(receivedFor('not-subscribed', 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE'), []);

    await save(tenant, 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE', receiver.url);
    await force(tenant, 'subscribed', 'failed');
    await drain(worker);
    const [request, ...more] = receivedFor('subscribed', 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE');
    assert.ok(request, JSON.stringify(receiver.requests.map((candidate) => candidate.body)));
    assert.equal(more.length, 0);
    assert.deepEqual(jsonOf(request).payload, { reason: 'FAILED_CHECKS' });
    assert.equal(hubSignatureIsValid(request.body, headerOf(request, 'x-hub-signature-256'), secret), true);
  });

  it('a redelivery sends the same webhook-id, the same body and the same transaction_id', async () => {
    const tenant = await createTestTenant(harness);
    const { secret } = await save(tenant, 'USER_VERIFICATION_COMPLETED', receiver.url);
    assert.ok(secret);
    await force(tenant, 'replay-user', 'verified');
    await drain(worker);
    const [first] = receivedFor('replay-user', 'USER_VERIFICATION_COMPLETED');
    assert.ok(first);
    const endpoint = await harness.store.findConnectWebhookEndpoint({
      projectId: tenant.project.id,
      mode: 'test',
      eventType: 'USER_VERIFICATION_COMPLETED',
    });
    assert.ok(endpoint);
    harness.clock.advanceBy(2_000);
    const replayed = await replayDelivery(
      harness.app.services.webhooks,
      {
        projectId: tenant.project.id,
        mode: 'test',
        deliveryId: headerOf(first, 'webhook-id'),
        endpoint: { id: endpoint.id, surface: 'connect' },
      },
      { actor: { kind: 'system' }, accountId: tenant.project.accountId },
    );
    assert.equal(replayed.ok, true, JSON.stringify(replayed));
    await drain(worker);
    const requests = receivedFor('replay-user', 'USER_VERIFICATION_COMPLETED');
    assert.equal(requests.length, 2);
    const second = requests[1];
    assert.ok(second);
    assert.equal(headerOf(second, 'webhook-id'), headerOf(first, 'webhook-id'));
    assert.equal(second.body, first.body);
    assert.equal(jsonOf(second).transaction_id, jsonOf(first).transaction_id);
    assert.equal(hubSignatureIsValid(second.body, headerOf(second, 'x-hub-signature-256'), secret), true);
    assert.equal(standardWebhookIsValid(second, secret), true);
  });

  it('rotate_secret: the Hub signature uses the new secret; Standard Webhooks carries both for 24 hours', async () => {
    const tenant = await createTestTenant(harness);
    const { secret: oldSecret } = await save(tenant, 'USER_VERIFICATION_COMPLETED', receiver.url);
    assert.ok(oldSecret);
    await save(tenant, 'USER_VERIFICATION_REVOKED', receiver.url);
    await force(tenant, 'rotating-user', 'verified');
    await drain(worker);

    const rotated = expectBody(
      await connectPost(harness, tenant.testKey, CONNECT_ROTATE, {}),
      200,
      connectRotated,
    );
    assert.notEqual(rotated.secret, oldSecret);
    const revoked = await connectPost(harness, tenant.testKey, REVOKE, {
      reference_user_id: 'rotating-user',
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    await drain(worker);

    const [request] = receivedFor('rotating-user', 'USER_VERIFICATION_REVOKED');
    assert.ok(request, JSON.stringify(receiver.requests.map((candidate) => candidate.body)));
    const hub = headerOf(request, 'x-hub-signature-256');
    assert.equal(hubSignatureIsValid(request.body, hub, rotated.secret), true, 'signed with the new secret');
    assert.equal(hubSignatureIsValid(request.body, hub, oldSecret), false, 'not with the old one');
    const signatures = standardSignaturesOf(request);
    assert.equal(signatures.length, 2, headerOf(request, 'webhook-signature'));
    assert.equal(standardWebhookIsValid(request, rotated.secret), true, 'the new secret verifies');
    assert.equal(standardWebhookIsValid(request, oldSecret), true, 'the old secret still verifies');

    // The earlier delivery, before the rotation, verified with the old secret only.
    const [before] = receivedFor('rotating-user', 'USER_VERIFICATION_COMPLETED');
    assert.ok(before);
    assert.equal(hubSignatureIsValid(before.body, headerOf(before, 'x-hub-signature-256'), oldSecret), true);
    assert.equal(standardSignaturesOf(before).length, 1);
  });

  it('rotate_secret before any webhook creates the secret; create_or_edit then shows none', async () => {
    const tenant = await createTestTenant(harness);
    const rotated = expectBody(
      await connectPost(harness, tenant.testKey, CONNECT_ROTATE, {}),
      200,
      connectRotated,
    );
    const saved = await save(tenant, 'USER_DELETED', receiver.url);
    assert.equal(saved.secret, undefined);
    const registered = await connectPost(harness, tenant.testKey, REGISTER, {
      reference_user_id: 'deleted-user',
    });
    assert.equal(registered.statusCode, 200, registered.body);
    const deleted = await connectPost(harness, tenant.testKey, DELETE, {
      reference_user_id: 'deleted-user',
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    await drain(worker);
    const [request] = receivedFor('deleted-user', 'USER_DELETED');
    assert.ok(request, JSON.stringify(receiver.requests.map((candidate) => candidate.body)));
    assert.equal(
      hubSignatureIsValid(request.body, headerOf(request, 'x-hub-signature-256'), rotated.secret),
      true,
    );
  });
});
