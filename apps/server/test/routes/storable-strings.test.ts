// The one string rule (docs/errors.md, "Strings that cannot be stored") on the routes where the
// fuzzer found 500s: U+0000 or an unpaired surrogate anywhere in a request is a 400 in the surface's
// format, nothing is written, and a well-formed pair (an emoji) is kept as sent. A route registered
// after createApp, which knows nothing of the rule, gets it too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { expectPoyError, type Reply } from '../flow/flow-driver.ts';
import { bodyOf, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';

/** A late route, as a future engineer would add it: no schema, no knowledge of the rule. */
function registerLateRoute(app: FastifyInstance): void {
  app.post('/api/poy/_late/:name', async (request) => ({ reached: typeof request.body }));
  app.post('/v1/_late/:name', async (request) => ({ reached: typeof request.body }));
}

function expectConnectRefusal(reply: Reply, context: string): string {
  assert.equal(reply.statusCode, 400, `${context}: ${reply.body}`);
  const body = bodyOf(reply);
  assert.equal(body.status, 'failure', context);
  assert.equal(body.failure_code, 'INVALID_REQUEST', context);
  assert.equal(body.request_id, reply.headers['x-request-id'], context);
  return String(body.failure_reason);
}

const UNSTORABLE = ['a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800'];

describe('strings PostgreSQL cannot store are refused at the edge', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  before(async () => {
    harness = await createTestApp({ extend: registerLateRoute });
    tenant = await createTestTenant(harness);
  });
  after(async () => {
    await harness.close();
  });

  async function poy(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    return harness.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${tenant.testKey}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
  }
  async function connect(url: string, payload: unknown) {
    return harness.app.inject({
      method: 'POST',
      url,
      headers: { 'api-key': tenant.testKey, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
  }
  async function assertNothingWritten(): Promise<void> {
    assert.deepEqual(await harness.store.listOutboxEvents({ projectId: tenant.project.id }), []);
    for (const surface of ['poy', 'connect'] as const) {
      const endpoints = await harness.store.listWebhookEndpoints({
        projectId: tenant.project.id,
        mode: 'test',
        surface,
      });
      assert.deepEqual(endpoints, []);
    }
  }

  const poyPaths: Array<[string, 'GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?]> = [
    ['check', 'GET', '/api/poy/check?userId=%00'],
    ['check (NUL inside)', 'GET', '/api/poy/check?userId=user%00id'],
    ['trust', 'GET', '/api/poy/trust/%00'],
    ['webhooks/{id} GET', 'GET', '/api/poy/webhooks/%00'],
    ['webhooks/{id} PATCH', 'PATCH', '/api/poy/webhooks/wh%00', { enabled: false }],
    ['webhooks/{id} DELETE', 'DELETE', '/api/poy/webhooks/%00'],
    ['webhooks/{id}/rotate-secret', 'POST', '/api/poy/webhooks/%00/rotate-secret'],
    ['webhooks/{id}/test', 'POST', '/api/poy/webhooks/%00/test'],
    ['webhooks/{id}/deliveries', 'GET', '/api/poy/webhooks/%00/deliveries'],
    ['webhooks/{id}/deliveries?before', 'GET', '/api/poy/webhooks/wh_1/deliveries?before=%00'],
    ['redeliver', 'POST', '/api/poy/webhooks/wh_1/deliveries/%00/redeliver'],
    ['profile', 'GET', '/api/poy/profile/%00'],
  ];
  for (const [name, method, url, payload] of poyPaths) {
    it(`POY ${name}: U+0000 in the URL → 400`, async () => {
      const message = expectPoyError(await poy(method, url, payload), 400, 'invalid_request', url);
      assert.match(message, /(params|query)\.\w+ contains a character that cannot be stored/);
    });
  }

  for (const value of UNSTORABLE) {
    const shown = JSON.stringify(value);
    it(`POY bodies with ${shown} → 400 naming the field, nothing written`, async () => {
      const bodies: Array<[string, unknown, RegExp]> = [
        ['/api/poy/verify', { userId: value }, /body\.userId/],
        ['/api/poy/verify', { userId: 'ok', metadata: { userAgent: value } }, /body\.metadata\.userAgent/],
        ['/api/poy/sandbox/outcome', { userId: value, outcome: 'verified' }, /body\.userId/],
        ['/api/poy/passkeys/register', { userId: value, displayName: 'A' }, /body\.userId/],
        ['/api/poy/passkeys/register', { userId: 'u', displayName: value }, /body\.displayName/],
        ['/api/poy/passkeys/authenticate/options', { userId: value }, /body\.userId/],
        ['/api/poy/webhooks', { url: `https://hooks.example.com/${value}` }, /body\.url/],
        ['/api/poy/webhooks', { url: 'https://hooks.example.com/', events: [value] }, /body\.events\[0\]/],
        ['/api/poy/stamps', { userId: 'u', contentHash: value, contentType: 'text' }, /body\.contentHash/],
      ];
      for (const [url, payload, location] of bodies) {
        const message = expectPoyError(await poy('POST', url, payload), 400, 'invalid_request', url);
        assert.match(message, location, url);
        assert.ok(!message.includes(value), 'the offending string is not echoed');
      }
      await assertNothingWritten();
    });

    it(`Connect register, get_status, revoke, delete and sandbox with ${shown} → 400, nothing written`, async () => {
      const calls: Array<[string, unknown]> = [
        ['/v1/business_connect_user/register', { reference_user_id: value }],
        ['/v1/business_connect_user/register', { reference_id: value }],
        ['/v1/business_connect_user/register', { reference_user_id: 'ok', uniqueness_region_id: value }],
        ['/v1/business_connect_user/get_status', { reference_user_id: value }],
        ['/v1/business_connect_user/get_status', { user_id: value }],
        ['/v1/business_connect_user/revoke', { reference_user_id: value }],
        ['/v1/business_connect_user/delete', { reference_user_id: value }],
        ['/v1/sandbox/outcome', { reference_user_id: value, outcome: 'VERIFIED' }],
        [
          '/v1/webhook/admin/config/create_or_edit',
          { webhook_type: value, destination_url: 'https://a.example/' },
        ],
      ];
      for (const [url, payload] of calls) {
        const reason = expectConnectRefusal(await connect(url, payload), url);
        assert.match(reason, /cannot be stored/, url);
      }
      const user = await harness.store.findConnectUser({
        projectId: tenant.project.id,
        mode: 'test',
        referenceUserId: 'ok',
      });
      assert.equal(user, null);
      await assertNothingWritten();
    });
  }

  it('a property name with U+0000 is refused, and not echoed', async () => {
    const reply = await connect('/v1/business_connect_user/register', {
      reference_user_id: 'k',
      'evil\u0000': 1,
    });
    assert.match(expectConnectRefusal(reply, 'key'), /body \(a property name\)/);
    assert.ok(!reply.body.includes('evil'));
  });

  it('the hosted flow and an unknown path refuse too, before any lookup', async () => {
    const flow = await harness.app.inject({
      method: 'POST',
      url: '/flow/%00/start',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ userAgent: 'x' }),
    });
    expectPoyError(flow, 400, 'invalid_request');
    const flowBody = await harness.app.inject({
      method: 'POST',
      url: '/flow/some-code/start',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ userAgent: '\ud800' }),
    });
    expectPoyError(flowBody, 400, 'invalid_request');
  });

  it('a header value with U+0000 is refused before authentication', async () => {
    const reply = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { 'x-anything': 'a\u0000b' },
    });
    assert.match(expectPoyError(reply, 400, 'invalid_request'), /header x-anything/);
  });

  it('a route added after createApp inherits the rule on both surfaces', async () => {
    const poyReply = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/_late/x',
      headers: { 'content-type': 'application/json' },
      payload: '{"deep":[{"a":"\\u0000"}]}',
    });
    assert.match(expectPoyError(poyReply, 400, 'invalid_request'), /body\.deep\[0\]\.a/);
    const connectReply = await harness.app.inject({ method: 'POST', url: '/v1/_late/%00' });
    assert.match(expectConnectRefusal(connectReply, 'late'), /params\.name/);
    const fine = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/_late/x',
      headers: { 'content-type': 'application/json' },
      payload: '{"deep":[{"a":"\\ud83d\\ude00"}]}',
    });
    assert.equal(fine.statusCode, 200, fine.body);
  });

  it('a JSON body nested 40 000 deep is answered with a 4xx, not a stack overflow', async () => {
    const deep = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/verify',
      headers: { authorization: `Bearer ${tenant.testKey}`, 'content-type': 'application/json' },
      payload: `${'['.repeat(40_000)}"\\u0000"${']'.repeat(40_000)}`,
    });
    expectPoyError(deep, 400, 'invalid_request');
  });

  it('a well-formed surrogate pair is accepted and stored exactly as sent', async () => {
    const id = 'user-\ud83d\ude00-\u00e9';
    const registered = await connect('/v1/business_connect_user/register', { reference_user_id: id });
    assert.equal(registered.statusCode, 200, registered.body);
    const user = await harness.store.findConnectUser({
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: id,
    });
    assert.equal(user?.referenceUserId, id);
    const status = await connect('/v1/business_connect_user/get_status', { reference_user_id: id });
    assert.equal(status.statusCode, 200, status.body);
  });
});
