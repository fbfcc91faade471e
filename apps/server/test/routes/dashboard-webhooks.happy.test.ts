// The dashboard's webhooks and delivery log, happy paths: endpoints on both surfaces added, changed,
// deleted; secrets shown once; a test event delivered by the real worker to a real receiver on
// 127.0.0.1 and checked with each surface's signature; the log with its filters and pages; replays.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { POY_EVENT_TYPES } from '../../src/core/webhooks/manage-webhooks.ts';
import { DEFAULT_RETRY_SCHEDULE } from '../../src/core/webhooks/retry-schedule.ts';
import { createWebhookWorker, type WebhookWorker } from '../../src/jobs/webhook-worker.ts';
import type { WebhookEndpoint } from '../../src/store/store.ts';
import { createTestApp, type TestApp } from '../harness.ts';
import { getDashboardPage, postDashboardForm, signInMember } from '../support/dashboard-session.ts';
import {
  auditEventsOf,
  deliveriesUrl,
  followRedirect,
  memberOfNewAccount,
  revealedSecretOf,
  type WebhookMember,
  webhooksUrl,
} from '../support/dashboard-webhooks.ts';
import {
  CONNECT_CREATE_OR_EDIT,
  drain,
  headerOf,
  hexHmac,
  hubSignatureIsValid,
  jsonOf,
  poyRequest,
  type Receiver,
  standardWebhookIsValid,
  startReceiver,
  WEBHOOKS,
} from './webhook-helpers.ts';

/** Links to delivery pages in a page: one per row of a delivery table. */
function deliveryLinks(page: string): string[] {
  return [...page.matchAll(/href="(\/dashboard\/p\/[^"]+\/deliveries\/msg_[A-Za-z0-9]+)"/g)].map(
    (match) => match[1] ?? '',
  );
}

function today(harness: TestApp): string {
  return harness.clock.now().toISOString().slice(0, 10);
}

describe('dashboard webhooks: happy paths', () => {
  let harness: TestApp;
  let worker: WebhookWorker;
  const receivers: Receiver[] = [];

  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
    // One attempt per delivery, so a receiver's refusal settles as failed at once.
    worker = createWebhookWorker({
      store: harness.store,
      clock: harness.clock,
      secrets: harness.app.services.webhooks.secrets,
      logger: pino({ level: 'silent' }),
      schedule: { ...DEFAULT_RETRY_SCHEDULE, maxAttempts: 1 },
      policy: { enforce: false, allowedHosts: new Set() },
    });
  });
  after(async () => {
    await worker.stop();
    for (const receiver of receivers) await receiver.close();
    await harness.close();
  });

  async function receiver(): Promise<Receiver> {
    const started = await startReceiver();
    receivers.push(started);
    return started;
  }

  async function onlyEndpoint(member: WebhookMember, surface: 'poy' | 'connect'): Promise<WebhookEndpoint> {
    const endpoints = await harness.store.listWebhookEndpoints({
      projectId: member.tenant.project.id,
      mode: 'test',
      surface,
    });
    assert.equal(endpoints.length, 1, JSON.stringify(endpoints));
    const [endpoint] = endpoints;
    assert.ok(endpoint);
    return endpoint;
  }

  /** Adds a POY endpoint through the form; returns it and the secret the next page showed. */
  async function addPoyEndpoint(
    member: WebhookMember,
    url: string,
    events: string[] = [],
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const before = await harness.store.listWebhookEndpoints({
      projectId: member.tenant.project.id,
      mode: 'test',
      surface: 'poy',
    });
    const created = await postDashboardForm(
      harness.app,
      webhooksUrl(member.tenant.project.id),
      member.session,
      {
        surface: 'poy',
        url,
        events,
        enabled: 'on',
      },
    );
    const page = await followRedirect(harness.app, created, member.session);
    assert.equal(page.statusCode, 200, page.body);
    const secret = revealedSecretOf(page.body);
    assert.ok(secret, page.body);
    const after = await harness.store.listWebhookEndpoints({
      projectId: member.tenant.project.id,
      mode: 'test',
      surface: 'poy',
    });
    const endpoint = after.find((each) => !before.some((old) => old.id === each.id));
    assert.ok(endpoint);
    return { endpoint, secret };
  }

  it('adds a POY endpoint: 303, the secret shown once with a copy button, listed; audited by host only', async () => {
    const member = await memberOfNewAccount(harness, 'developer');
    const url = 'https://hooks.example.com/services/T0123/very-secret-path?token=abc';
    const created = await postDashboardForm(
      harness.app,
      webhooksUrl(member.tenant.project.id),
      member.session,
      {
        surface: 'poy',
        url,
        events: ['user.verified', 'stamp.created'],
        enabled: 'on',
      },
    );
    assert.equal(created.headers.location, webhooksUrl(member.tenant.project.id));
    const page = await followRedirect(harness.app, created, member.session);
    assert.equal(page.statusCode, 200, page.body);
    const secret = revealedSecretOf(page.body);
    assert.ok(secret, 'the secret is on the page');
    assert.match(page.body, /data-copy="#revealed-secret"/);
    assert.match(page.body, /user\.verified/);
    assert.match(page.body, /Healthy/);
    assert.match(page.body, /No deliveries in the last 24 hours/);
    assert.ok(page.body.includes('very-secret-path?token=abc'), 'the URL is listed (escaped)');

    const reloaded = await getDashboardPage(
      harness.app,
      webhooksUrl(member.tenant.project.id),
      member.session,
    );
    assert.equal(reloaded.statusCode, 200);
    assert.equal(revealedSecretOf(reloaded.body), null, 'shown once, never again');
    assert.ok(!reloaded.body.includes(secret));

    const endpoint = await onlyEndpoint(member, 'poy');
    assert.deepEqual(endpoint.eventTypes, ['user.verified', 'stamp.created']);
    assert.equal(endpoint.enabled, true);
    assert.equal(endpoint.url, url);

    const [audit, ...others] = await auditEventsOf(harness.store, member.tenant.project.accountId);
    assert.equal(others.length, 0);
    assert.equal(audit?.action, 'webhook_endpoint.created');
    assert.equal(audit?.actorKind, 'member');
    assert.equal(audit?.actorId, member.session.memberId);
    assert.equal(audit?.projectId, member.tenant.project.id);
    assert.equal(audit?.mode, 'test');
    assert.equal(audit?.targetId, endpoint.id);
    assert.deepEqual(audit?.details, {
      surface: 'poy',
      host: 'hooks.example.com',
      events: 'user.verified,stamp.created',
      enabled: true,
    });
    const recorded = JSON.stringify(audit);
    assert.ok(
      !recorded.includes('very-secret-path') && !recorded.includes('token') && !recorded.includes(secret),
    );
  });

  it('adds Connect destinations: the project’s Connect secret is shown with the first only', async () => {
    const member = await memberOfNewAccount(harness, 'admin');
    const projectId = member.tenant.project.id;
    const first = await postDashboardForm(harness.app, webhooksUrl(projectId), member.session, {
      surface: 'connect',
      url: 'https://hooks.example.com/connect',
      events: ['USER_VERIFICATION_COMPLETED', 'USER_DELETED'],
      enabled: 'on',
    });
    const firstPage = await followRedirect(harness.app, first, member.session);
    assert.ok(revealedSecretOf(firstPage.body), firstPage.body);
    assert.match(firstPage.body, /New signing secret for the Connect API destinations of this project/);
    const connect = await harness.store.listWebhookEndpoints({ projectId, mode: 'test', surface: 'connect' });
    assert.deepEqual(connect.map((endpoint) => endpoint.eventTypes[0]).sort(), [
      'USER_DELETED',
      'USER_VERIFICATION_COMPLETED',
    ]);

    const second = await postDashboardForm(harness.app, webhooksUrl(projectId), member.session, {
      surface: 'connect',
      url: 'https://other.example.com/c',
      events: 'USER_DELETED',
      enabled: 'on',
    });
    const secondPage = await followRedirect(harness.app, second, member.session);
    assert.equal(revealedSecretOf(secondPage.body), null);
    assert.match(secondPage.body, /Endpoint added\./);
    const deleted = await harness.store.findConnectWebhookEndpoint({
      projectId,
      mode: 'test',
      eventType: 'USER_DELETED',
    });
    assert.equal(deleted?.url, 'https://other.example.com/c', 'the type’s destination was replaced');
    const actions = (await auditEventsOf(harness.store, member.tenant.project.accountId)).map(
      (event) => event.action,
    );
    assert.deepEqual(actions.sort(), [
      'webhook_endpoint.created',
      'webhook_endpoint.created',
      'webhook_endpoint.updated',
    ]);
  });

  it('changes an endpoint: URL, events and state; every box checked means every event', async () => {
    const member = await memberOfNewAccount(harness, 'owner');
    const { endpoint } = await addPoyEndpoint(member, 'https://hooks.example.com/a');
    const path = `${webhooksUrl(member.tenant.project.id)}/${endpoint.id}`;
    const saved = await postDashboardForm(harness.app, path, member.session, {
      url: 'https://hooks.example.com/b',
      events: 'trust.changed',
    });
    assert.equal(saved.headers.location, path);
    const page = await followRedirect(harness.app, saved, member.session);
    assert.match(page.body, /Changes saved\./);
    assert.match(page.body, /Disabled by a member or the API/);
    const changed = await onlyEndpoint(member, 'poy');
    assert.equal(changed.url, 'https://hooks.example.com/b');
    assert.deepEqual(changed.eventTypes, ['trust.changed']);
    assert.equal(changed.enabled, false);
    assert.equal(changed.disabledReason, 'manual');

    harness.clock.advanceBy(1_000);
    await followRedirect(
      harness.app,
      await postDashboardForm(harness.app, path, member.session, {
        url: 'https://hooks.example.com/b',
        events: [...POY_EVENT_TYPES],
        enabled: 'on',
      }),
      member.session,
    );
    const all = await onlyEndpoint(member, 'poy');
    assert.deepEqual(all.eventTypes, [], 'stored as "all", which takes types added later too');
    assert.equal(all.enabled, true);
    const updates = (await auditEventsOf(harness.store, member.tenant.project.accountId)).filter(
      (event) => event.action === 'webhook_endpoint.updated',
    );
    assert.equal(updates.length, 2);
    assert.equal(updates[1]?.details.previousEnabled, true);
    assert.equal(updates[1]?.details.enabled, false);
  });

  it('rotates an endpoint’s secret and the Connect secret, each shown once', async () => {
    const member = await memberOfNewAccount(harness, 'developer');
    const { endpoint, secret } = await addPoyEndpoint(member, 'https://hooks.example.com/r');
    const path = `${webhooksUrl(member.tenant.project.id)}/${endpoint.id}`;
    const rotated = await postDashboardForm(harness.app, `${path}/rotate-secret`, member.session);
    const page = await followRedirect(harness.app, rotated, member.session);
    const fresh = revealedSecretOf(page.body);
    assert.ok(fresh && fresh !== secret, page.body);
    assert.match(page.body, /Previous secret signs until/);
    assert.equal(revealedSecretOf((await getDashboardPage(harness.app, path, member.session)).body), null);

    const connect = await postDashboardForm(
      harness.app,
      `${webhooksUrl(member.tenant.project.id)}/connect-secret/rotate`,
      member.session,
    );
    const connectPage = await followRedirect(harness.app, connect, member.session);
    assert.ok(revealedSecretOf(connectPage.body), connectPage.body);
    const stored = await harness.store.findConnectWebhookSecret(member.tenant.project.id, 'test');
    assert.ok(stored?.rotatedAt);
    const rotations = (await auditEventsOf(harness.store, member.tenant.project.accountId)).filter(
      (event) => event.action === 'webhook_endpoint.secret_rotated',
    );
    assert.deepEqual(rotations.map((event) => event.details.surface).sort(), ['connect', 'poy']);
  });

  it('sends test events that a local receiver gets, signed as each surface signs, and logs them', async () => {
    const member = await memberOfNewAccount(harness, 'developer');
    const local = await receiver();
    local.respondWith(200, '<b>fine</b>');
    const { endpoint, secret } = await addPoyEndpoint(member, local.url);
    const sent = await postDashboardForm(
      harness.app,
      `${webhooksUrl(member.tenant.project.id)}/${endpoint.id}/test`,
      member.session,
    );
    const queued = await followRedirect(harness.app, sent, member.session);
    assert.match(queued.body, /Test event queued/);
    assert.match(queued.body, /Pending/);
    assert.equal(await drain(worker), 1);

    const [request] = local.requests;
    assert.ok(request);
    const body = jsonOf(request);
    assert.equal(body.event, 'webhook.test');
    assert.deepEqual(body.data, { endpointId: endpoint.id });
    assert.equal(
      headerOf(request, 'x-poy-signature'),
      hexHmac(request.body, secret),
      'signed with the shown secret',
    );
    assert.ok(standardWebhookIsValid(request, secret));

    const detail = await getDashboardPage(harness.app, String(sent.headers.location), member.session);
    assert.equal(detail.statusCode, 200, detail.body);
    assert.match(detail.body, /Delivered/);
    assert.match(detail.body, /<td>200<\/td>/);
    assert.match(detail.body, /\d+ ms/);
    assert.ok(detail.body.includes('&lt;b&gt;fine&lt;/b&gt;'), 'the response excerpt is escaped');
    assert.ok(!detail.body.includes('<b>fine</b>'));

    // Connect: signed with the project's Connect secret, X-Hub-Signature-256.
    const connectReceiver = await receiver();
    const connectCreated = await postDashboardForm(
      harness.app,
      webhooksUrl(member.tenant.project.id),
      member.session,
      {
        surface: 'connect',
        url: connectReceiver.url,
        events: 'USER_DELETED',
        enabled: 'on',
      },
    );
    const connectSecret = revealedSecretOf(
      (await followRedirect(harness.app, connectCreated, member.session)).body,
    );
    assert.ok(connectSecret);
    const destination = await onlyEndpoint(member, 'connect');
    await postDashboardForm(
      harness.app,
      `${webhooksUrl(member.tenant.project.id)}/${destination.id}/test`,
      member.session,
    );
    assert.equal(await drain(worker), 1);
    const [connectRequest] = connectReceiver.requests;
    assert.ok(connectRequest);
    assert.equal(jsonOf(connectRequest).type, 'WEBHOOK_TEST');
    assert.ok(
      hubSignatureIsValid(
        connectRequest.body,
        headerOf(connectRequest, 'x-hub-signature-256'),
        connectSecret,
      ),
    );
    const tests = (await auditEventsOf(harness.store, member.tenant.project.accountId)).filter(
      (event) => event.action === 'webhook_endpoint.test_sent',
    );
    assert.equal(tests.length, 2);
  });

  it('lists deliveries with filters and pages; each row has status, attempts, last HTTP status, latency', async () => {
    const writer = await memberOfNewAccount(harness, 'developer');
    const tenant = writer.tenant;
    // A viewer of the same account reads what a developer set up.
    const viewer = {
      tenant,
      session: await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' }),
    };
    const ok = await receiver();
    const refusing = await receiver();
    refusing.respondWith(500, 'down');
    const a = await addPoyEndpoint(writer, ok.url);
    const b = await addPoyEndpoint(writer, refusing.url);
    const test = (endpointId: string) =>
      postDashboardForm(harness.app, `${webhooksUrl(tenant.project.id)}/${endpointId}/test`, writer.session);
    await test(a.endpoint.id);
    await test(a.endpoint.id);
    await test(b.endpoint.id);
    assert.equal(await drain(worker), 3);

    const log = deliveriesUrl(tenant.project.id);
    const all = await getDashboardPage(harness.app, log, viewer.session);
    assert.equal(all.statusCode, 200, all.body);
    assert.equal(deliveryLinks(all.body).length, 3);
    const onlyB = await getDashboardPage(harness.app, `${log}?endpoint=${b.endpoint.id}`, viewer.session);
    assert.equal(deliveryLinks(onlyB.body).length, 1);
    assert.match(onlyB.body, /Failed/);
    assert.match(onlyB.body, /<td class="break-all">500<\/td>/);
    assert.match(onlyB.body, /\d+ ms/);
    assert.equal(
      deliveryLinks((await getDashboardPage(harness.app, `${log}?status=failed`, viewer.session)).body)
        .length,
      1,
    );
    assert.equal(
      deliveryLinks((await getDashboardPage(harness.app, `${log}?status=succeeded`, viewer.session)).body)
        .length,
      2,
    );
    assert.equal(
      deliveryLinks((await getDashboardPage(harness.app, `${log}?event=webhook.test`, viewer.session)).body)
        .length,
      3,
    );
    const none = await getDashboardPage(harness.app, `${log}?event=user.verified`, viewer.session);
    assert.equal(deliveryLinks(none.body).length, 0);
    assert.match(none.body, /No deliveries match\./);
    const day = today(harness);
    assert.equal(
      deliveryLinks(
        (await getDashboardPage(harness.app, `${log}?from=${day}&to=${day}`, viewer.session)).body,
      ).length,
      3,
    );
    assert.equal(
      deliveryLinks((await getDashboardPage(harness.app, `${log}?to=2001-01-01`, viewer.session)).body)
        .length,
      0,
    );

    // 50 to a page, newest first, then a link to the older ones that keeps the filters.
    for (let index = 0; index < 50; index++) {
      harness.clock.advanceBy(1);
      await test(a.endpoint.id);
    }
    const first = await getDashboardPage(harness.app, `${log}?endpoint=${a.endpoint.id}`, viewer.session);
    const firstLinks = deliveryLinks(first.body);
    assert.equal(firstLinks.length, 50);
    const older = /href="([^"]+before=msg_[A-Za-z0-9]+)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(older, 'a link to the older deliveries');
    assert.match(older, new RegExp(`endpoint=${a.endpoint.id}`));
    const second = await getDashboardPage(harness.app, older, viewer.session);
    const secondLinks = deliveryLinks(second.body);
    assert.equal(secondLinks.length, 2);
    assert.equal(new Set([...firstLinks, ...secondLinks]).size, 52);
    assert.ok(!/before=msg_/.test(second.body), 'no link past the last page');
    // Leave nothing due for the other tests' drains.
    await harness.store.updateWebhookEndpoint(a.endpoint.id, {
      enabled: false,
      updatedAt: harness.clock.now(),
    });
  });

  it('replays one delivery, then every failed delivery of a date range', async () => {
    const member = await memberOfNewAccount(harness, 'developer');
    const flaky = await receiver();
    flaky.respondWith(503, 'busy');
    const { endpoint } = await addPoyEndpoint(member, flaky.url);
    const path = `${webhooksUrl(member.tenant.project.id)}/${endpoint.id}/test`;
    const firstSent = await postDashboardForm(harness.app, path, member.session);
    await postDashboardForm(harness.app, path, member.session);
    assert.equal(await drain(worker), 2);
    const failed = await harness.store.listDeliveryLog({
      projectId: member.tenant.project.id,
      mode: 'test',
      status: 'failed',
      limit: 10,
    });
    assert.equal(failed.length, 2);

    flaky.respondWith(200, 'ok');
    const detailPath = String(firstSent.headers.location);
    const replayed = await postDashboardForm(harness.app, `${detailPath}/replay`, member.session);
    assert.equal(replayed.headers.location, detailPath);
    const replayedPage = await followRedirect(harness.app, replayed, member.session);
    assert.match(replayedPage.body, /Delivery queued again/);
    assert.match(replayedPage.body, /Pending/);
    assert.equal(await drain(worker), 1);
    const afterOne = await getDashboardPage(harness.app, detailPath, member.session);
    assert.match(afterOne.body, /Delivered/);
    assert.match(afterOne.body, /<td>503<\/td>/);
    assert.match(afterOne.body, /<td>200<\/td>/);

    const day = today(harness);
    const bulk = await postDashboardForm(
      harness.app,
      `${deliveriesUrl(member.tenant.project.id)}/replay-failed`,
      member.session,
      {
        from: day,
        to: day,
        endpoint: '',
      },
    );
    const bulkPage = await followRedirect(harness.app, bulk, member.session);
    assert.match(bulkPage.body, /Failed deliveries queued again: 1\./);
    assert.equal(await drain(worker), 1);
    const settled = await harness.store.listDeliveryLog({
      projectId: member.tenant.project.id,
      mode: 'test',
      limit: 10,
    });
    assert.deepEqual(
      settled.map((entry) => entry.delivery.status),
      ['succeeded', 'succeeded'],
    );
    assert.equal(flaky.requests.length, 4);
    // Replays carry the same webhook-id (and body) as the first attempts.
    const ids = flaky.requests.map((request) => headerOf(request, 'webhook-id'));
    assert.deepEqual(new Set(ids.slice(2)), new Set(ids.slice(0, 2)));
    const replays = (await auditEventsOf(harness.store, member.tenant.project.accountId)).filter(
      (event) => event.action === 'webhook_delivery.replayed',
    );
    assert.equal(replays.length, 2);
    assert.ok(replays.some((event) => event.details.count === 1 && event.details.scope === 'failed'));
  });

  it('deletes an endpoint, and its delivery log with it', async () => {
    const member = await memberOfNewAccount(harness, 'admin');
    const { endpoint } = await addPoyEndpoint(member, 'https://hooks.example.com/gone');
    const path = `${webhooksUrl(member.tenant.project.id)}/${endpoint.id}`;
    await postDashboardForm(harness.app, `${path}/test`, member.session);
    const deleted = await postDashboardForm(harness.app, `${path}/delete`, member.session);
    const page = await followRedirect(harness.app, deleted, member.session);
    assert.match(page.body, /Endpoint deleted, with its delivery log\./);
    assert.equal(
      (
        await harness.store.listWebhookEndpoints({
          projectId: member.tenant.project.id,
          mode: 'test',
          surface: 'poy',
        })
      ).length,
      0,
    );
    assert.equal(
      (await harness.store.listDeliveryLog({ projectId: member.tenant.project.id, mode: 'test', limit: 10 }))
        .length,
      0,
    );
    assert.equal((await getDashboardPage(harness.app, path, member.session)).statusCode, 404);
    const audit = await auditEventsOf(harness.store, member.tenant.project.accountId);
    const deletion = audit.find((event) => event.action === 'webhook_endpoint.deleted');
    assert.equal(deletion?.targetId, endpoint.id);
    assert.equal(deletion?.details.host, 'hooks.example.com');
  });
  it('changes made through both APIs are audited too, with the key as actor and never a secret', async () => {
    const member = await memberOfNewAccount(harness, 'viewer');
    const { tenant } = member;
    const created = await poyRequest(harness, tenant.testKey, 'POST', WEBHOOKS, {
      url: 'https://hooks.example.com/api/secret-path',
    });
    assert.equal(created.statusCode, 201, created.body);
    const endpointId = String(created.json.id);
    const secret = String(created.json.secret);
    harness.clock.advanceBy(1_000);
    const rotated = await poyRequest(
      harness,
      tenant.testKey,
      'POST',
      `${WEBHOOKS}/${endpointId}/rotate-secret`,
    );
    assert.equal(rotated.statusCode, 200, rotated.body);
    harness.clock.advanceBy(1_000);
    const connect = await harness.app.inject({
      method: 'POST',
      url: CONNECT_CREATE_OR_EDIT,
      headers: { 'api-key': tenant.liveKey, 'content-type': 'application/json' },
      payload: JSON.stringify({
        webhook_type: 'USER_DELETED',
        destination_url: 'https://hooks.example.com/c',
      }),
    });
    assert.equal(connect.statusCode, 200, connect.body);
    const events = await auditEventsOf(harness.store, tenant.project.accountId);
    assert.deepEqual(
      events.map((event) => [event.action, event.actorKind, event.actorId, event.mode]),
      [
        ['webhook_endpoint.created', 'api_key', tenant.liveKeyId, 'live'],
        ['webhook_endpoint.secret_rotated', 'api_key', tenant.testKeyId, 'test'],
        ['webhook_endpoint.created', 'api_key', tenant.testKeyId, 'test'],
      ],
    );
    const recorded = JSON.stringify(events);
    for (const hidden of [
      secret,
      String(rotated.json.secret),
      'secret-path',
      tenant.testKey,
      tenant.liveKey,
    ]) {
      assert.ok(!recorded.includes(hidden), 'the audit log holds no secret and no URL path');
    }
    // The member reads the API's endpoint on the dashboard like any other.
    const page = await getDashboardPage(
      harness.app,
      `${webhooksUrl(tenant.project.id)}/${endpointId}`,
      member.session,
    );
    assert.equal(page.statusCode, 200, page.body);
    assert.ok(page.body.includes('https://hooks.example.com/api/secret-path'));
  });
});
