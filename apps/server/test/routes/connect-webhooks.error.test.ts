import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { connectPost } from './connect-helpers.ts';
import {
  CONNECT_CREATE_OR_EDIT,
  CONNECT_DELETE,
  CONNECT_GET,
  CONNECT_ROTATE,
  connectList,
  expectBody,
  expectConnectFailure,
} from './webhook-helpers.ts';

describe('Connect webhook admin: bad input gets the failure envelope and changes nothing', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  before(async () => {
    harness = await createTestApp();
    tenant = await createTestTenant(harness);
  });
  after(async () => {
    await harness.close();
  });

  async function configured(): Promise<string[]> {
    const list = expectBody(await connectPost(harness, tenant.testKey, CONNECT_GET, {}), 200, connectList);
    return list.webhooks.map((webhook) => `${webhook.webhook_type} ${webhook.destination_url}`);
  }

  const valid = { webhook_type: 'USER_DELETED', destination_url: 'https://hooks.example.com/deleted' };
  const invalidSaves: Array<[string, unknown, RegExp]> = [
    ['no webhook_type', { destination_url: valid.destination_url }, /webhook_type/],
    ['an unknown webhook_type', { ...valid, webhook_type: 'USER_EXPLODED' }, /webhook_type/],
    ['a lower-case webhook_type', { ...valid, webhook_type: 'user_deleted' }, /webhook_type/],
    ['a POY event name as webhook_type', { ...valid, webhook_type: 'user.verified' }, /webhook_type/],
    ['no destination_url', { webhook_type: valid.webhook_type }, /destination_url/],
    ['an empty destination_url', { ...valid, destination_url: '' }, /destination_url/],
    ['a numeric destination_url', { ...valid, destination_url: 7 }, /destination_url/],
    [
      'a relative destination_url',
      { ...valid, destination_url: '/hooks' },
      /destination_url must be an absolute URL/,
    ],
    [
      'an ftp destination_url',
      { ...valid, destination_url: 'ftp://x.example.com/' },
      /destination_url must be http\(s\)/,
    ],
    [
      'credentials in destination_url',
      { ...valid, destination_url: 'https://u:p@hooks.example.com/' },
      /destination_url must not contain credentials/,
    ],
    [
      'a 2049-character destination_url',
      { ...valid, destination_url: `https://hooks.example.com/${'a'.repeat(2023)}` },
      /destination_url/,
    ],
    ['a JSON array body', [], /body/],
  ];
  for (const [name, payload, reason] of invalidSaves) {
    it(`create_or_edit with ${name} → 400 INVALID_REQUEST, no webhook and no secret created`, async () => {
      const reply = await connectPost(harness, tenant.testKey, CONNECT_CREATE_OR_EDIT, payload);
      assert.match(expectConnectFailure(reply, 400, 'INVALID_REQUEST'), reason);
      assert.deepEqual(await configured(), []);
      assert.equal(await harness.store.findConnectWebhookSecret(tenant.project.id, 'test'), null);
    });
  }

  it('an invalid edit leaves the existing destination as it was', async () => {
    const other = await createTestTenant(harness);
    const saved = await connectPost(harness, other.testKey, CONNECT_CREATE_OR_EDIT, valid);
    assert.equal(saved.statusCode, 200, saved.body);
    const reply = await connectPost(harness, other.testKey, CONNECT_CREATE_OR_EDIT, {
      ...valid,
      destination_url: 'gopher://hooks.example.com/',
    });
    expectConnectFailure(reply, 400, 'INVALID_REQUEST');
    const list = expectBody(await connectPost(harness, other.testKey, CONNECT_GET, {}), 200, connectList);
    assert.deepEqual(
      list.webhooks.map((webhook) => webhook.destination_url),
      [valid.destination_url],
    );
  });

  it('delete of a type that has no webhook → 404 DOES_NOT_EXIST', async () => {
    const reply = await connectPost(harness, tenant.testKey, CONNECT_DELETE, {
      webhook_type: 'USER_VERIFICATION_REVOKED',
    });
    assert.match(expectConnectFailure(reply, 404, 'DOES_NOT_EXIST'), /webhook_type/);
  });

  const invalidDeletes: Array<[string, unknown]> = [
    ['no webhook_type', {}],
    ['an unknown webhook_type', { webhook_type: 'EVERYTHING' }],
    ['a numeric webhook_type', { webhook_type: 1 }],
  ];
  for (const [name, payload] of invalidDeletes) {
    it(`delete with ${name} → 400 INVALID_REQUEST`, async () => {
      const reply = await connectPost(harness, tenant.testKey, CONNECT_DELETE, payload);
      assert.match(expectConnectFailure(reply, 400, 'INVALID_REQUEST'), /webhook_type/);
    });
  }

  for (const url of [CONNECT_GET, CONNECT_ROTATE, CONNECT_CREATE_OR_EDIT]) {
    it(`${url} with a body that is not JSON → 400 INVALID_REQUEST`, async () => {
      const response = await harness.app.inject({
        method: 'POST',
        url,
        headers: { 'api-key': tenant.testKey, 'content-type': 'application/json' },
        payload: '{"webhook_type":',
      });
      expectConnectFailure(
        { statusCode: response.statusCode, body: response.body, json: bodyOf(response) },
        400,
        'INVALID_REQUEST',
      );
    });
  }

  it('rotate_secret with a non-object body → 400 and no secret created', async () => {
    const other = await createTestTenant(harness);
    const reply = await connectPost(harness, other.testKey, CONNECT_ROTATE, ['rotate']);
    expectConnectFailure(reply, 400, 'INVALID_REQUEST');
    assert.equal(await harness.store.findConnectWebhookSecret(other.project.id, 'test'), null);
  });

  it('GET on an admin path → 405 in the Connect envelope', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: CONNECT_GET,
      headers: { 'api-key': tenant.testKey },
    });
    assert.equal(response.statusCode, 405, response.body);
    assert.match(response.body, /"failure_code":"INVALID_REQUEST"/);
    assert.equal(response.headers.allow, 'POST');
  });
});
