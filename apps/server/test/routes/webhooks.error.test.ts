import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import {
  createEndpoint,
  endpointList,
  endpointView,
  expectBody,
  expectPoyError,
  poyRequest,
  WEBHOOKS,
} from './webhook-helpers.ts';

describe('POY webhooks: bad input gets a 400 or 404 and changes nothing', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  before(async () => {
    harness = await createTestApp();
    tenant = await createTestTenant(harness);
  });
  after(async () => {
    await harness.close();
  });

  async function endpointCount(): Promise<number> {
    const list = expectBody(await poyRequest(harness, tenant.testKey, 'GET', WEBHOOKS), 200, endpointList);
    return list.data.length;
  }

  const invalidCreations: Array<[string, unknown, RegExp]> = [
    ['no url', {}, /url/],
    ['an empty url', { url: '' }, /url/],
    ['a numeric url', { url: 42 }, /url/],
    ['a relative url', { url: '/hooks' }, /url must be an absolute URL/],
    ['an ftp url', { url: 'ftp://files.example.com/in' }, /url must be http\(s\)/],
    ['a javascript: url', { url: 'javascript:alert(1)' }, /url must be http\(s\)/],
    [
      'credentials in the url',
      { url: 'https://user:pass@hooks.example.com/' },
      /must not contain credentials/,
    ],
    ['a user name in the url', { url: 'https://user@hooks.example.com/' }, /must not contain credentials/],
    ['a 2049-character url', { url: `https://hooks.example.com/${'a'.repeat(2023)}` }, /url/],
    ['an unknown event type', { url: 'https://hooks.example.com/', events: ['user.exploded'] }, /events/],
    ['an empty events list', { url: 'https://hooks.example.com/', events: [] }, /events/],
    ['events that are not a list', { url: 'https://hooks.example.com/', events: 'user.verified' }, /events/],
    ['a JSON array body', [], /body/],
  ];
  for (const [name, payload, message] of invalidCreations) {
    it(`create with ${name} → 400`, async () => {
      const before = await endpointCount();
      const reply = await poyRequest(harness, tenant.testKey, 'POST', WEBHOOKS, payload);
      assert.match(expectPoyError(reply, 400, 'invalid_request'), message);
      assert.equal(await endpointCount(), before);
    });
  }

  it('create with a body that is not JSON → 400', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: WEBHOOKS,
      headers: { authorization: `Bearer ${tenant.testKey}`, 'content-type': 'application/json' },
      payload: '{"url":',
    });
    assert.equal(response.statusCode, 400, response.body);
  });

  const invalidPatches: Array<[string, unknown, RegExp]> = [
    ['an empty body', {}, /at least one of url, events, enabled/],
    ['a non-http url', { url: 'ftp://files.example.com/' }, /url must be http\(s\)/],
    ['credentials in the url', { url: 'http://a:b@hooks.example.com/' }, /credentials/],
    ['enabled as a string', { enabled: 'yes' }, /enabled/],
    ['an unknown event type', { events: ['user.verified', 'nope'] }, /events/],
    ['an empty events list', { events: [] }, /events/],
  ];
  for (const [name, payload, message] of invalidPatches) {
    it(`PATCH with ${name} → 400, the endpoint unchanged`, async () => {
      const { id } = await createEndpoint(harness, tenant.testKey, {
        url: 'https://keep.example.com/hook',
        events: ['user.verified'],
      });
      const before = await poyRequest(harness, tenant.testKey, 'GET', `${WEBHOOKS}/${id}`);
      const reply = await poyRequest(harness, tenant.testKey, 'PATCH', `${WEBHOOKS}/${id}`, payload);
      assert.match(expectPoyError(reply, 400, 'invalid_request'), message);
      const afterwards = await poyRequest(harness, tenant.testKey, 'GET', `${WEBHOOKS}/${id}`);
      assert.deepEqual(afterwards.json, before.json);
    });
  }

  it('unknown endpoint ids → 404 on every route', async () => {
    const unknown = 'we_doesnotexist0000000';
    const routes: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown]> = [
      ['GET', `${WEBHOOKS}/${unknown}`, undefined],
      ['PATCH', `${WEBHOOKS}/${unknown}`, { enabled: false }],
      ['DELETE', `${WEBHOOKS}/${unknown}`, undefined],
      ['POST', `${WEBHOOKS}/${unknown}/rotate-secret`, undefined],
      ['GET', `${WEBHOOKS}/${unknown}/deliveries`, undefined],
      ['POST', `${WEBHOOKS}/${unknown}/test`, undefined],
      ['POST', `${WEBHOOKS}/${unknown}/deliveries/msg_doesnotexist/redeliver`, undefined],
    ];
    for (const [method, url, payload] of routes) {
      const reply = await poyRequest(harness, tenant.testKey, method, url, payload);
      expectPoyError(reply, 404, 'not_found');
    }
  });

  it('an unknown delivery id → 404; the endpoint is untouched', async () => {
    const { id } = await createEndpoint(harness, tenant.testKey, { url: 'https://keep.example.com/hook' });
    const reply = await poyRequest(
      harness,
      tenant.testKey,
      'POST',
      `${WEBHOOKS}/${id}/deliveries/msg_doesnotexist/redeliver`,
    );
    assert.match(expectPoyError(reply, 404, 'not_found'), /delivery/);
  });

  it("a delivery of another endpoint of the same project → 404 (redeliver is scoped to the endpoint's path)", async () => {
    const first = await createEndpoint(harness, tenant.testKey, { url: 'https://one.example.com/hook' });
    const second = await createEndpoint(harness, tenant.testKey, { url: 'https://two.example.com/hook' });
    await poyRequest(harness, tenant.testKey, 'PATCH', `${WEBHOOKS}/${first.id}`, { enabled: false });
    const sent = await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${first.id}/test`);
    assert.equal(sent.statusCode, 202, sent.body);
    const reply = await poyRequest(
      harness,
      tenant.testKey,
      'POST',
      `${WEBHOOKS}/${second.id}/deliveries/${String(sent.json.deliveryId)}/redeliver`,
    );
    expectPoyError(reply, 404, 'not_found');
  });

  it('deleting twice: the second answers 404', async () => {
    const { id } = await createEndpoint(harness, tenant.testKey, { url: 'https://gone.example.com/hook' });
    const first = await poyRequest(harness, tenant.testKey, 'DELETE', `${WEBHOOKS}/${id}`);
    assert.equal(first.statusCode, 200, first.body);
    expectPoyError(
      await poyRequest(harness, tenant.testKey, 'DELETE', `${WEBHOOKS}/${id}`),
      404,
      'not_found',
    );
  });

  const invalidQueries: Array<[string, RegExp]> = [
    ['?limit=0', /limit/],
    ['?limit=101', /limit/],
    ['?limit=ten', /limit/],
    ['?limit=1.5', /limit/],
    ['?before=msg_unknown', /before/],
  ];
  for (const [query, message] of invalidQueries) {
    it(`deliveries${query} → 400`, async () => {
      const { id } = await createEndpoint(harness, tenant.testKey, { url: 'https://q.example.com/hook' });
      const reply = await poyRequest(harness, tenant.testKey, 'GET', `${WEBHOOKS}/${id}/deliveries${query}`);
      assert.match(expectPoyError(reply, 400, 'invalid_request'), message);
    });
  }

  it('a cursor from another endpoint → 400, not the first page again', async () => {
    const first = await createEndpoint(harness, tenant.testKey, { url: 'https://c1.example.com/hook' });
    const second = await createEndpoint(harness, tenant.testKey, { url: 'https://c2.example.com/hook' });
    for (const { id } of [first, second]) {
      await poyRequest(harness, tenant.testKey, 'PATCH', `${WEBHOOKS}/${id}`, { enabled: false });
    }
    const sent = await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${first.id}/test`);
    await poyRequest(harness, tenant.testKey, 'POST', `${WEBHOOKS}/${second.id}/test`);
    const reply = await poyRequest(
      harness,
      tenant.testKey,
      'GET',
      `${WEBHOOKS}/${second.id}/deliveries?before=${String(sent.json.deliveryId)}`,
    );
    expectPoyError(reply, 400, 'invalid_request');
  });

  it('a wrong method on a webhook path → 405 with Allow', async () => {
    const { id } = await createEndpoint(harness, tenant.testKey, { url: 'https://m.example.com/hook' });
    const response = await harness.app.inject({
      method: 'PUT',
      url: `${WEBHOOKS}/${id}`,
      headers: { authorization: `Bearer ${tenant.testKey}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ url: 'https://m.example.com/other' }),
    });
    assert.equal(response.statusCode, 405, response.body);
    assert.match(String(response.headers.allow), /PATCH/);
    const unchanged = expectBody(
      await poyRequest(harness, tenant.testKey, 'GET', `${WEBHOOKS}/${id}`),
      200,
      endpointView,
    );
    assert.equal(unchanged.url, 'https://m.example.com/hook');
  });
});
