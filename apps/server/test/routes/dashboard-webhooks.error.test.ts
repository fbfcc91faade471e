// The dashboard's webhook forms and log filters refusing bad input: each refusal is a 400 page that
// shows the form again with the problem beside its field, and nothing is saved, replayed or audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/core/clock.ts';
import { createTestApp, createTestConfig, type TestApp } from '../harness.ts';
import { getDashboardPage, postDashboardForm } from '../support/dashboard-session.ts';
import {
  deliveriesUrl,
  memberOfNewAccount,
  type WebhookMember,
  webhookStateOf,
  webhooksUrl,
} from '../support/dashboard-webhooks.ts';

describe('dashboard webhooks: bad input', () => {
  let harness: TestApp;
  let member: WebhookMember;
  let endpointPath: string;
  let deliveryPath: string;

  before(async () => {
    // Noon on a fixed day: the date-range tests never straddle midnight.
    harness = await createTestApp({
      faceAnalyzer: null,
      clock: new ManualClock(new Date('2030-06-01T12:00:00.000Z')),
    });
    member = await memberOfNewAccount(harness, 'developer');
    const created = await postDashboardForm(
      harness.app,
      webhooksUrl(member.tenant.project.id),
      member.session,
      {
        surface: 'poy',
        url: 'https://hooks.example.com/a',
        enabled: 'on',
      },
    );
    assert.equal(created.statusCode, 303, created.body);
    const [endpoint] = await harness.store.listWebhookEndpoints({
      projectId: member.tenant.project.id,
      mode: 'test',
      surface: 'poy',
    });
    assert.ok(endpoint);
    endpointPath = `${webhooksUrl(member.tenant.project.id)}/${endpoint.id}`;
    const sent = await postDashboardForm(harness.app, `${endpointPath}/test`, member.session);
    deliveryPath = String(sent.headers.location);
  });
  after(async () => {
    await harness.close();
  });

  /** POSTs the form and asserts a 400 page naming `message`, with nothing changed. */
  async function expectRefused(
    url: string,
    fields: Record<string, string | string[]>,
    message: RegExp,
  ): Promise<string> {
    const before = await webhookStateOf(harness.store, member.tenant);
    const reply = await postDashboardForm(harness.app, url, member.session, fields);
    assert.equal(reply.statusCode, 400, `${JSON.stringify(fields)}: ${reply.body}`);
    assert.match(String(reply.headers['content-type']), /text\/html/);
    assert.match(reply.body, message, JSON.stringify(fields));
    assert.match(reply.body, /role="alert"/);
    assert.equal(await webhookStateOf(harness.store, member.tenant), before, 'nothing changed');
    return reply.body;
  }

  it('refuses a bad URL on create and shows the form again with what was typed', async () => {
    const url = webhooksUrl(member.tenant.project.id);
    await expectRefused(url, { surface: 'poy', url: '' }, /Enter the URL events are sent to/);
    await expectRefused(
      url,
      { surface: 'poy', url: `https://x.example.com/${'a'.repeat(2048)}` },
      /at most 2048/,
    );
    await expectRefused(
      url,
      { surface: 'poy', url: 'not a url' },
      /cannot receive webhooks: it must be an absolute URL/,
    );
    await expectRefused(url, { surface: 'poy', url: 'ftp://files.example.com/' }, /must be http\(s\)/);
    const page = await expectRefused(
      url,
      { surface: 'poy', url: 'https://user:pw@hooks.example.com/x' },
      /must not contain credentials/,
    );
    assert.ok(page.includes('value="https://user:pw@hooks.example.com/x"'), 'the typed URL is kept');
    assert.match(page, /aria-invalid="true"/);
    await expectRefused(
      url,
      { surface: 'poy', url: ['https://a.example.com', 'https://b.example.com'] },
      /Enter the URL/,
    );
  });

  it('refuses an unknown surface, unknown events and events of the other surface', async () => {
    const url = webhooksUrl(member.tenant.project.id);
    await expectRefused(
      url,
      { surface: 'smtp', url: 'https://hooks.example.com/s' },
      /Choose the POY API or the Connect API/,
    );
    await expectRefused(url, { url: 'https://hooks.example.com/s' }, /Choose the POY API or the Connect API/);
    await expectRefused(
      url,
      { surface: 'poy', url: 'https://hooks.example.com/s', events: ['user.verified', 'user.teleported'] },
      /Choose events from the list/,
    );
    await expectRefused(
      url,
      { surface: 'poy', url: 'https://hooks.example.com/s', events: 'webhook.test' },
      /Choose events from the list/,
    );
    await expectRefused(
      url,
      { surface: 'poy', url: 'https://hooks.example.com/s', events: 'USER_DELETED' },
      /Choose only events of the POY API/,
    );
    await expectRefused(
      url,
      { surface: 'connect', url: 'https://hooks.example.com/s', events: 'user.verified' },
      /Choose only events of the Connect API/,
    );
    await expectRefused(
      url,
      { surface: 'connect', url: 'https://hooks.example.com/s' },
      /at least one Connect API event/,
    );
  });

  it('refuses a bad edit and keeps the endpoint as it was', async () => {
    await expectRefused(endpointPath, { url: 'javascript:alert(1)', enabled: 'on' }, /must be http\(s\)/);
    await expectRefused(
      endpointPath,
      { url: 'https://hooks.example.com/a', events: 'nope' },
      /Choose events from the list/,
    );
    await expectRefused(endpointPath, { url: '   ', enabled: 'on' }, /Enter the URL/);
  });

  it('refuses bad filters of the log with a 400 that lists nothing', async () => {
    const log = deliveriesUrl(member.tenant.project.id);
    assert.equal((await getDashboardPage(harness.app, log, member.session)).statusCode, 200);
    const cases: Array<[string, RegExp]> = [
      ['from=yesterday', /Enter a date as YYYY-MM-DD/],
      ['to=2030-02-31', /Enter a date as YYYY-MM-DD/],
      ['from=2030-01-02&to=2030-01-01', /The first date must not be after the last/],
      ['from=2030-01-01&from=2030-01-02', /Enter a date as YYYY-MM-DD/],
      ['status=lost', /Choose a status from the list/],
      ['event=user.teleported', /Choose events from the list/],
      ['endpoint=we_nope', /Choose an endpoint from the list/],
      ['before=msg_nope', /That page link no longer works/],
    ];
    for (const [query, message] of cases) {
      const reply = await getDashboardPage(harness.app, `${log}?${query}`, member.session);
      assert.equal(reply.statusCode, 400, `${query}: ${reply.body}`);
      assert.match(reply.body, message, query);
      assert.ok(!/\/deliveries\/msg_/.test(reply.body), `${query}: nothing is listed`);
    }
  });

  it('refuses a bad replay range and replays nothing', async () => {
    // The one delivery failed: it is what a range replay would send again.
    const [entry] = await harness.store.listDeliveryLog({
      projectId: member.tenant.project.id,
      mode: 'test',
      limit: 1,
    });
    assert.ok(entry);
    await harness.store.recordDeliveryAttempts([
      {
        attempt: {
          id: `att_${'x'.repeat(20)}`,
          deliveryId: entry.delivery.id,
          attemptNumber: 0,
          attemptedAt: harness.clock.now(),
          durationMs: 5,
          statusCode: 500,
          error: null,
          responseExcerpt: null,
        },
        outcome: { kind: 'failed' },
      },
    ]);
    const replay = `${deliveriesUrl(member.tenant.project.id)}/replay-failed`;
    await expectRefused(replay, { from: '', to: '' }, /Enter a date\./);
    await expectRefused(replay, { from: '2030-13-01', to: '2030-12-01' }, /Enter a date as YYYY-MM-DD/);
    await expectRefused(
      replay,
      { from: '2030-01-02', to: '2030-01-01' },
      /The first date must not be after the last/,
    );
    await expectRefused(
      replay,
      { from: '2030-01-01', to: '2030-01-02', endpoint: 'we_nope' },
      /Choose an endpoint/,
    );
    assert.equal(
      (
        await harness.store.findDelivery({
          projectId: member.tenant.project.id,
          mode: 'test',
          id: entry.delivery.id,
        })
      )?.status,
      'failed',
    );
    assert.ok(deliveryPath.includes(entry.delivery.id));
  });

  it('refuses private destinations in production mode, as the API does', async () => {
    const defaults = createTestConfig();
    const strict = await createTestApp({
      faceAnalyzer: null,
      config: {
        ...defaults,
        mode: 'production',
        secretKey: 'production-test-secret-key-0123456789abcdef',
        publicUrl: 'https://poy.example.com',
        webhooks: { ...defaults.webhooks, allowedHosts: [] },
      },
    });
    try {
      const owner = await memberOfNewAccount(strict, 'owner');
      for (const [surface, url, events] of [
        ['poy', 'http://127.0.0.1:8080/hook', []],
        ['poy', 'http://10.0.0.5/hook', []],
        ['connect', 'http://[::ffff:a9fe:a9fe]/latest/meta-data/', ['USER_DELETED']],
      ] as const) {
        const before = await webhookStateOf(strict.store, owner.tenant);
        const reply = await postDashboardForm(
          strict.app,
          webhooksUrl(owner.tenant.project.id),
          owner.session,
          {
            surface,
            url,
            events: [...events],
            enabled: 'on',
          },
        );
        assert.equal(reply.statusCode, 400, `${url}: ${reply.body}`);
        assert.match(reply.body, /must not point to a private, loopback or link-local address/);
        assert.equal(await webhookStateOf(strict.store, owner.tenant), before);
      }
    } finally {
      await strict.close();
    }
  });
});
