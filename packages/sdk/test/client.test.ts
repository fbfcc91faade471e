// Every client method against a recording fetch: method, path, query, body and headers on the wire,
// camelCase → snake_case for Connect, and a check that the SDK covers every route of the server's
// OpenAPI document (spec/openapi.json) and of docs/api.md (§4.4, §6), so a new route fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isJsonObject } from '../src/decode.ts';
import { DEFAULT_BASE_URL, POYVerify, SDK_VERSION } from '../src/index.ts';
import { type RecordedRequest, scriptedClient, scriptedFetch, VERIFIED } from './helpers.ts';

const KEY = 'poy_test_abcdefghijklmnopqrstuvwxyz012345';

interface Expectation {
  name: string;
  call: (poy: POYVerify) => Promise<unknown>;
  method: string;
  path: string;
  body?: unknown;
  authenticated?: boolean;
  idempotencyKey?: boolean;
}

const ASSERTION = {
  credentialId: 'Y3JlZA',
  authenticatorData: 'YXV0aA',
  clientDataJSON: 'Y2Q',
  signature: 'c2ln',
};
const CREDENTIAL = {
  id: 'Y3JlZA',
  rawId: 'Y3JlZA',
  response: { clientDataJSON: 'Y2Q', attestationObject: 'YXR0' },
  clientExtensionResults: {},
  type: 'public-key' as const,
};

const EXPECTATIONS: Expectation[] = [
  {
    name: 'verify',
    call: (p) => p.verify('usr 1'),
    method: 'POST',
    path: '/api/poy/verify',
    body: { userId: 'usr 1' },
    idempotencyKey: false,
  },
  {
    name: 'verify with options',
    call: (p) => p.verify('u', { checkType: 'quick', metadata: { ip: '203.0.113.42', userAgent: 'UA' } }),
    method: 'POST',
    path: '/api/poy/verify',
    body: { userId: 'u', checkType: 'quick', metadata: { ip: '203.0.113.42', userAgent: 'UA' } },
    idempotencyKey: false,
  },
  { name: 'check', call: (p) => p.check('usr&1'), method: 'GET', path: '/api/poy/check?userId=usr%261' },
  {
    name: 'publicEnroll',
    call: (p) => p.publicEnroll({ email: 'j@example.com', displayName: 'J', platform: 'demo' }),
    method: 'POST',
    path: '/api/poy/public-enroll',
    body: { email: 'j@example.com', displayName: 'J', platform: 'demo' },
    authenticated: false,
    idempotencyKey: false,
  },
  {
    name: 'getProfile',
    call: (p) => p.getProfile('PoY #00482A1'),
    method: 'GET',
    path: '/api/poy/profile/PoY%20%2300482A1',
    authenticated: false,
  },
  { name: 'getTrust', call: (p) => p.getTrust('usr/1'), method: 'GET', path: '/api/poy/trust/usr%2F1' },
  {
    name: 'sandboxOutcome',
    call: (p) => p.sandboxOutcome('u', 'verified'),
    method: 'POST',
    path: '/api/poy/sandbox/outcome',
    body: { userId: 'u', outcome: 'verified' },
    idempotencyKey: true,
  },
  { name: 'getProject', call: (p) => p.getProject(), method: 'GET', path: '/api/poy/project' },
  { name: 'listKeys', call: (p) => p.listKeys(), method: 'GET', path: '/api/poy/keys' },
  {
    name: 'jwks',
    call: (p) => p.jwks(),
    method: 'GET',
    path: '/.well-known/jwks.json',
    authenticated: false,
  },
  {
    name: 'stamps.create',
    call: (p) =>
      p.stamps.create({
        userId: 'u',
        contentHash: 'sha256:ab',
        contentType: 'article',
        title: 'T',
        url: 'https://x',
      }),
    method: 'POST',
    path: '/api/poy/stamps',
    body: { userId: 'u', contentHash: 'sha256:ab', contentType: 'article', title: 'T', url: 'https://x' },
    idempotencyKey: true,
  },
  {
    name: 'stamps.verify',
    call: (p) => p.stamps.verify({ stampId: 'stmp_1', contentHash: 'sha256:ab' }),
    method: 'POST',
    path: '/api/poy/stamps/verify',
    body: { stampId: 'stmp_1', contentHash: 'sha256:ab' },
    idempotencyKey: false,
  },
  {
    name: 'passkeys.registerOptions',
    call: (p) => p.passkeys.registerOptions({ userId: 'u', displayName: 'Jane' }),
    method: 'POST',
    path: '/api/poy/passkeys/register',
    body: { userId: 'u', displayName: 'Jane' },
    idempotencyKey: true,
  },
  {
    name: 'passkeys.registerVerify',
    call: (p) => p.passkeys.registerVerify({ userId: 'u', credential: CREDENTIAL }),
    method: 'POST',
    path: '/api/poy/passkeys/register/verify',
    body: { userId: 'u', credential: CREDENTIAL },
    idempotencyKey: true,
  },
  {
    name: 'passkeys.authenticateOptions',
    call: (p) => p.passkeys.authenticateOptions(),
    method: 'POST',
    path: '/api/poy/passkeys/authenticate/options',
    body: {},
    idempotencyKey: true,
  },
  {
    name: 'passkeys.authenticate',
    call: (p) => p.passkeys.authenticate({ ...ASSERTION, userHandle: 'dWg' }),
    method: 'POST',
    path: '/api/poy/passkeys/authenticate',
    body: { ...ASSERTION, userHandle: 'dWg' },
    idempotencyKey: true,
  },
  {
    name: 'sessions.verify',
    call: (p) => p.sessions.verify('poy_sess_x'),
    method: 'POST',
    path: '/api/poy/sessions/verify',
    body: { sessionToken: 'poy_sess_x' },
    idempotencyKey: false,
  },
  {
    name: 'webhooks.create',
    call: (p) => p.webhooks.create({ url: 'https://example.com/h', events: ['user.verified'] }),
    method: 'POST',
    path: '/api/poy/webhooks',
    body: { url: 'https://example.com/h', events: ['user.verified'] },
    idempotencyKey: true,
  },
  { name: 'webhooks.list', call: (p) => p.webhooks.list(), method: 'GET', path: '/api/poy/webhooks' },
  {
    name: 'webhooks.get',
    call: (p) => p.webhooks.get('we_1'),
    method: 'GET',
    path: '/api/poy/webhooks/we_1',
  },
  {
    name: 'webhooks.update',
    call: (p) => p.webhooks.update('we_1', { enabled: false }),
    method: 'PATCH',
    path: '/api/poy/webhooks/we_1',
    body: { enabled: false },
  },
  {
    name: 'webhooks.delete',
    call: (p) => p.webhooks.delete('we_1'),
    method: 'DELETE',
    path: '/api/poy/webhooks/we_1',
  },
  {
    name: 'webhooks.rotateSecret',
    call: (p) => p.webhooks.rotateSecret('we_1'),
    method: 'POST',
    path: '/api/poy/webhooks/we_1/rotate-secret',
    idempotencyKey: true,
  },
  {
    name: 'webhooks.listDeliveries',
    call: (p) => p.webhooks.listDeliveries('we_1', { limit: 5, before: 'msg_9' }),
    method: 'GET',
    path: '/api/poy/webhooks/we_1/deliveries?limit=5&before=msg_9',
  },
  {
    name: 'webhooks.redeliver',
    call: (p) => p.webhooks.redeliver('we_1', 'msg_2'),
    method: 'POST',
    path: '/api/poy/webhooks/we_1/deliveries/msg_2/redeliver',
    idempotencyKey: true,
  },
  {
    name: 'webhooks.test',
    call: (p) => p.webhooks.test('we_1'),
    method: 'POST',
    path: '/api/poy/webhooks/we_1/test',
    idempotencyKey: true,
  },
  {
    name: 'reviews.list',
    call: (p) => p.reviews.list({ limit: 20 }),
    method: 'GET',
    path: '/api/poy/reviews?limit=20',
  },
  {
    name: 'reviews.decide',
    call: (p) => p.reviews.decide('vs_1', 'approve'),
    method: 'POST',
    path: '/api/poy/reviews/vs_1',
    body: { decision: 'approve' },
    idempotencyKey: true,
  },
  {
    name: 'connect.register',
    call: (p) =>
      p.connect.register({
        referenceUserId: 'u',
        redirectUrl: 'https://example.com/done',
        dataRequest: { type: 'IS_PHONE_NUMBER_VERIFIED' },
        uniquenessRegionId: 'eu',
      }),
    method: 'POST',
    path: '/v1/business_connect_user/register',
    body: {
      reference_user_id: 'u',
      redirect_url: 'https://example.com/done',
      data_request: { type: 'IS_PHONE_NUMBER_VERIFIED' },
      uniqueness_region_id: 'eu',
    },
    idempotencyKey: true,
  },
  {
    name: 'connect.getStatus',
    call: (p) => p.connect.getStatus({ referenceUserId: 'u' }),
    method: 'POST',
    path: '/v1/business_connect_user/get_status',
    body: { reference_user_id: 'u' },
    idempotencyKey: false,
  },
  {
    name: 'connect.revoke',
    call: (p) => p.connect.revoke({ userId: 'bcu_1' }),
    method: 'POST',
    path: '/v1/business_connect_user/revoke',
    body: { user_id: 'bcu_1' },
    idempotencyKey: true,
  },
  {
    name: 'connect.delete',
    call: (p) => p.connect.delete({ referenceUserId: 'u' }),
    method: 'POST',
    path: '/v1/business_connect_user/delete',
    body: { reference_user_id: 'u' },
    idempotencyKey: true,
  },
  {
    name: 'connect.sandboxOutcome',
    call: (p) => p.connect.sandboxOutcome({ referenceUserId: 'u' }, 'duplicate'),
    method: 'POST',
    path: '/v1/sandbox/outcome',
    body: { reference_user_id: 'u', outcome: 'duplicate' },
    idempotencyKey: true,
  },
  {
    name: 'connect.webhooks.createOrEdit',
    call: (p) =>
      p.connect.webhooks.createOrEdit({
        webhookType: 'USER_DELETED',
        destinationUrl: 'https://example.com/c',
      }),
    method: 'POST',
    path: '/v1/webhook/admin/config/create_or_edit',
    body: { webhook_type: 'USER_DELETED', destination_url: 'https://example.com/c' },
    idempotencyKey: true,
  },
  {
    name: 'connect.webhooks.get',
    call: (p) => p.connect.webhooks.get(),
    method: 'POST',
    path: '/v1/webhook/admin/config/get',
    body: {},
    idempotencyKey: false,
  },
  {
    name: 'connect.webhooks.delete',
    call: (p) => p.connect.webhooks.delete('USER_DELETED'),
    method: 'POST',
    path: '/v1/webhook/admin/config/delete',
    body: { webhook_type: 'USER_DELETED' },
    idempotencyKey: true,
  },
  {
    name: 'connect.webhooks.rotateSecret',
    call: (p) => p.connect.webhooks.rotateSecret(),
    method: 'POST',
    path: '/v1/webhook/admin/config/rotate_secret',
    body: {},
    idempotencyKey: true,
  },
];

async function record(call: (poy: POYVerify) => Promise<unknown>): Promise<RecordedRequest> {
  // Answer an empty object: the request is what matters here; decoding then fails, as expected.
  const { poy, requests } = scriptedClient([{ status: 200, body: {} }], { maxRetries: 0 });
  await call(poy).catch(() => undefined);
  const [request] = requests;
  assert.ok(request, 'no request was sent');
  return request;
}

describe('client calls', () => {
  for (const expected of EXPECTATIONS) {
    it(`${expected.name} → ${expected.method} ${expected.path}`, async () => {
      const request = await record(expected.call);
      assert.equal(request.method, expected.method);
      assert.equal(request.url, `http://poy.test${expected.path}`);
      assert.equal(request.headers.get('accept'), 'application/json');
      assert.equal(
        request.headers.get('authorization'),
        expected.authenticated === false ? null : `Bearer ${KEY}`,
      );
      if (expected.body === undefined) {
        assert.equal(request.body, null);
        assert.equal(request.headers.get('content-type'), null);
      } else {
        assert.deepEqual(JSON.parse(request.body ?? 'null'), expected.body);
        assert.equal(request.headers.get('content-type'), 'application/json');
      }
      assert.equal(request.headers.get('idempotency-key') !== null, expected.idempotencyKey === true);
    });
  }

  it('rejects a Connect user reference without an id, before sending', async () => {
    const { poy, requests } = scriptedClient([{ status: 200, body: {} }]);
    // As a JavaScript caller might: an object without either id.
    await assert.rejects(Reflect.apply(poy.connect.getStatus, poy.connect, [{}]), TypeError);
    assert.equal(requests.length, 0);
  });

  it('covers every route of spec/openapi.json and of the contract', async () => {
    const document: unknown = JSON.parse(
      readFileSync(new URL('../../../spec/openapi.json', import.meta.url), 'utf8'),
    );
    assert.ok(isJsonObject(document) && isJsonObject(document.paths));
    const routes = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      if (!/^\/(api\/poy|v1|\.well-known)\//.test(path) || !isJsonObject(operations)) continue;
      for (const method of Object.keys(operations)) routes.add(`${method.toUpperCase()} ${path}`);
    }
    // docs/api.md §6 and §4.4, whether or not the committed OpenAPI document lists them yet.
    for (const route of [
      'POST /api/poy/webhooks',
      'GET /api/poy/webhooks',
      'GET /api/poy/webhooks/{id}',
      'PATCH /api/poy/webhooks/{id}',
      'DELETE /api/poy/webhooks/{id}',
      'POST /api/poy/webhooks/{id}/rotate-secret',
      'GET /api/poy/webhooks/{id}/deliveries',
      'POST /api/poy/webhooks/{id}/deliveries/{deliveryId}/redeliver',
      'POST /api/poy/webhooks/{id}/test',
      'POST /v1/webhook/admin/config/create_or_edit',
      'POST /v1/webhook/admin/config/get',
      'POST /v1/webhook/admin/config/delete',
      'POST /v1/webhook/admin/config/rotate_secret',
    ]) {
      routes.add(route);
    }
    const covered = EXPECTATIONS.map((expected) => ({
      method: expected.method,
      path: expected.path.split('?')[0] ?? expected.path,
    }));
    const missing = [...routes].filter((route) => {
      const [method, template] = route.split(' ');
      const pattern = new RegExp(
        `^${(template ?? '').replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`,
      );
      return !covered.some((call) => call.method === method && pattern.test(call.path));
    });
    assert.deepEqual(missing, [], 'routes without an SDK method');
  });
});

describe('configuration', () => {
  it('takes baseUrl, then POY_BASE_URL, then http://localhost:8080, and accepts the docs’ /api/poy form', () => {
    const previous = process.env.POY_BASE_URL;
    try {
      delete process.env.POY_BASE_URL;
      assert.equal(new POYVerify({ apiKey: KEY }).baseUrl, DEFAULT_BASE_URL);
      process.env.POY_BASE_URL = 'https://poy.example.com/';
      assert.equal(new POYVerify({ apiKey: KEY }).baseUrl, 'https://poy.example.com');
      assert.equal(
        new POYVerify({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9999' }).baseUrl,
        'http://127.0.0.1:9999',
      );
      assert.equal(
        new POYVerify({ apiKey: KEY, baseUrl: 'https://poyverify.com/api/poy' }).baseUrl,
        'https://poyverify.com',
      );
    } finally {
      if (previous === undefined) delete process.env.POY_BASE_URL;
      else process.env.POY_BASE_URL = previous;
    }
  });

  it('refuses a base URL that is not http(s) and negative numbers', () => {
    assert.throws(
      () => new POYVerify({ apiKey: KEY, baseUrl: 'poy.example.com' }),
      /baseUrl must be an http\(s\) URL/,
    );
    assert.throws(() => new POYVerify({ apiKey: KEY, timeoutMs: -1 }), /timeoutMs must be a number ≥ 0/);
    assert.throws(() => new POYVerify({ apiKey: KEY, maxRetries: Number.NaN }), /maxRetries/);
  });

  it('calls an injected fetch unbound (so window.fetch works) and the global fetch by default', async () => {
    const { fetch, requests } = scriptedFetch([{ status: 200, body: VERIFIED }]);
    const poy = new POYVerify({
      apiKey: KEY,
      baseUrl: 'http://poy.test',
      fetch(this: unknown, input, init) {
        assert.equal(this, undefined);
        return fetch(input, init);
      },
    });
    assert.equal((await poy.verify('u')).isHuman, true);
    assert.equal(requests.length, 1);
  });

  it('reports the version of package.json', () => {
    const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    assert.ok(isJsonObject(manifest));
    assert.equal(SDK_VERSION, manifest.version);
  });

  it('runs the seed quick start shape: verify returns isHuman', async () => {
    const { poy } = scriptedClient([{ status: 200, body: VERIFIED }]);
    const result = await poy.verify('usr_abc123');
    assert.equal(result.isHuman, true);
    assert.equal(result.poyId, 'PoY #00482A1');
    assert.equal(result.enrollmentUrl, undefined);
  });
});
