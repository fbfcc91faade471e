// CORS: only the keyless public routes answer it. Public enrollment: a preflight for any origin, the
// response readable only by the project's own origins (its redirectOrigins). Profiles: `*`.
// Authenticated routes: never an Access-Control-Allow-* header, preflight or not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';

const SHOP = 'https://shop.example';
const ELSEWHERE = 'https://evil.example';

type Headers = Record<string, string | string[] | number | undefined>;

function corsHeadersOf(headers: Headers): string[] {
  return Object.keys(headers).filter((name) => name.toLowerCase().startsWith('access-control-'));
}

describe('CORS on the public routes only', () => {
  let harness: TestApp;
  let shop: TestTenant;
  let closed: TestTenant;
  let address = 0;
  const nextAddress = () => `198.51.100.${++address}`;

  before(async () => {
    harness = await createTestApp();
    shop = await createTestTenant(harness, { redirectOrigins: [SHOP, 'http://localhost:3000'] });
    closed = await createTestTenant(harness);
  });
  after(async () => {
    await harness.close();
  });

  const preflight = (url: string, origin: string, method: string) =>
    harness.app.inject({
      method: 'OPTIONS',
      url,
      remoteAddress: nextAddress(),
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'content-type',
      },
    });

  const enroll = (origin: string | null, body: Record<string, unknown>) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/poy/public-enroll',
      remoteAddress: nextAddress(),
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      payload: JSON.stringify(body),
    });

  const validBody = (platform: string) => ({
    email: `cors.${address}@example.com`,
    displayName: 'Jane',
    platform,
  });

  it('public-enroll preflight: answered for any origin, POST with a JSON body, no credentials', async () => {
    for (const origin of [SHOP, ELSEWHERE]) {
      const reply = await preflight('/api/poy/public-enroll', origin, 'POST');
      assert.equal(reply.statusCode, 204, reply.body);
      assert.equal(reply.headers['access-control-allow-origin'], origin);
      assert.equal(reply.headers['access-control-allow-methods'], 'POST');
      assert.equal(reply.headers['access-control-allow-headers'], 'content-type');
      assert.equal(reply.headers['access-control-allow-credentials'], undefined);
      assert.match(String(reply.headers.vary), /Origin/);
    }
  });

  it("public-enroll response: readable by the project's own origins only", async () => {
    for (const origin of [SHOP, 'http://localhost:3000']) {
      const reply = await enroll(origin, validBody(shop.project.publicId));
      assert.equal(reply.statusCode, 200, reply.body);
      assert.equal(reply.headers['access-control-allow-origin'], origin);
      assert.equal(reply.headers['access-control-allow-credentials'], undefined);
      assert.match(String(reply.headers.vary), /Origin/);
    }
    // Another site's page: the enrollment is made (no key is needed anyway), but the page cannot read it.
    const foreign = await enroll(ELSEWHERE, validBody(shop.project.publicId));
    assert.equal(foreign.statusCode, 200, foreign.body);
    assert.deepEqual(corsHeadersOf(foreign.headers), []);
    assert.match(String(foreign.headers.vary), /Origin/);
    // A project that lists no origins allows none; a server-side call (no Origin) is unchanged.
    const none = await enroll(SHOP, validBody(closed.project.publicId));
    assert.equal(none.statusCode, 200, none.body);
    assert.deepEqual(corsHeadersOf(none.headers), []);
    const server = await enroll(null, validBody(shop.project.publicId));
    assert.equal(server.statusCode, 200, server.body);
    assert.deepEqual(corsHeadersOf(server.headers), []);
  });

  it("public-enroll errors: readable by the project's page when the project is known", async () => {
    const invalid = await enroll(SHOP, {
      email: 'not-an-address',
      displayName: 'J',
      platform: shop.project.publicId,
    });
    assert.equal(invalid.statusCode, 400, invalid.body);
    assert.equal(invalid.headers['access-control-allow-origin'], SHOP);
    const unknown = await enroll(SHOP, validBody('no-such-platform'));
    assert.equal(unknown.statusCode, 404, unknown.body);
    assert.deepEqual(corsHeadersOf(unknown.headers), []);
  });

  it('profiles are public: `*` on the response and the preflight', async () => {
    const reply = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/profile/PoY%20%230000000',
      remoteAddress: nextAddress(),
      headers: { origin: ELSEWHERE },
    });
    assert.equal(reply.statusCode, 404, reply.body);
    assert.equal(reply.headers['access-control-allow-origin'], '*');
    assert.equal(reply.headers['access-control-allow-credentials'], undefined);
    const pre = await preflight('/api/poy/profile/0000000', ELSEWHERE, 'GET');
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers['access-control-allow-origin'], '*');
    assert.equal(pre.headers['access-control-allow-methods'], 'GET');
  });

  it('authenticated routes never answer CORS: no Access-Control-Allow-* on preflights or responses', async () => {
    const routes: Array<[string, string]> = [
      ['/api/poy/verify', 'POST'],
      ['/api/poy/check', 'GET'],
      ['/api/poy/project', 'GET'],
      ['/api/poy/webhooks', 'POST'],
      ['/api/poy/sessions/verify', 'POST'],
      ['/v1/business_connect_user/register', 'POST'],
      ['/v1/webhook/admin/config/create_or_edit', 'POST'],
    ];
    for (const [url, method] of routes) {
      for (const origin of [SHOP, ELSEWHERE]) {
        const reply = await preflight(url, origin, method);
        assert.ok(reply.statusCode >= 400, `${url}: ${reply.statusCode}`);
        assert.deepEqual(corsHeadersOf(reply.headers), [], `${url} preflight from ${origin}`);
      }
    }
    const verify = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/verify',
      headers: { authorization: `Bearer ${shop.testKey}`, origin: SHOP, 'content-type': 'application/json' },
      payload: JSON.stringify({ userId: 'cors-user' }),
    });
    assert.equal(verify.statusCode, 200, verify.body);
    assert.deepEqual(corsHeadersOf(verify.headers), []);
    const project = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${shop.testKey}`, origin: SHOP },
    });
    assert.equal(project.statusCode, 200, project.body);
    assert.deepEqual(corsHeadersOf(project.headers), []);
  });
});
