// The security cases every authenticated route shares: no key, malformed key, unknown key, revoked
// key, wrong scheme, and (for POY routes) that the Connect-only API-KEY header is not accepted.
// Cross-tenant cases are resource-specific and live in each resource's security test.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { revokeApiKey } from '../../src/core/keys/revoke-api-key.ts';
import { bodyOf, createTestTenant, type TestApp } from '../harness.ts';

export interface AuthenticatedRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  payload?: Record<string, unknown>;
  surface: 'poy' | 'connect';
}

function assertUnauthorized(route: AuthenticatedRoute, response: { statusCode: number; body: string }): void {
  assert.equal(response.statusCode, 401, response.body);
  const body = bodyOf(response);
  if (route.surface === 'poy') {
    const error = body.error;
    assert.ok(typeof error === 'object' && error !== null, response.body);
    assert.equal(Reflect.get(error, 'code'), 401, response.body);
    assert.equal(Reflect.get(error, 'type'), 'unauthorized', response.body);
    assert.equal(typeof Reflect.get(error, 'message'), 'string', response.body);
  } else {
    assert.equal(body.status, 'failure', response.body);
    assert.equal(body.failure_code, 'UNAUTHORIZED', response.body);
    assert.equal(typeof body.failure_reason, 'string', response.body);
  }
}

function request(route: AuthenticatedRoute, headers: Record<string, string>): InjectOptions {
  return {
    method: route.method,
    url: route.url,
    headers,
    ...(route.payload ? { payload: route.payload } : {}),
  };
}

export function runCommonAuthTests(route: AuthenticatedRoute, harness: () => TestApp): void {
  const name = `${route.method} ${route.url}`;

  it(`${name}: no key → 401`, async () => {
    assertUnauthorized(route, await harness().app.inject(request(route, {})));
  });

  it(`${name}: malformed key → 401`, async () => {
    assertUnauthorized(
      route,
      await harness().app.inject(request(route, { authorization: 'Bearer not-a-key' })),
    );
  });

  it(`${name}: well-formed but unknown key → 401`, async () => {
    const unknown = `poy_test_${'A'.repeat(32)}`;
    assertUnauthorized(
      route,
      await harness().app.inject(request(route, { authorization: `Bearer ${unknown}` })),
    );
  });

  it(`${name}: non-Bearer scheme → 401`, async () => {
    const { store, clock } = harness();
    const tenant = await createTestTenant({ store, clock });
    const basic = `Basic ${Buffer.from(`${tenant.testKey}:`).toString('base64')}`;
    assertUnauthorized(route, await harness().app.inject(request(route, { authorization: basic })));
  });

  it(`${name}: a revoked key is refused on the very next request`, async () => {
    const { app, store, clock } = harness();
    const tenant = await createTestTenant({ store, clock });
    const before = await app.inject(request(route, { authorization: `Bearer ${tenant.testKey}` }));
    assert.notEqual(before.statusCode, 401, before.body);
    const revoked = await revokeApiKey(
      { store, clock },
      { keyId: tenant.testKeyId, projectId: tenant.project.id },
    );
    assert.equal(revoked.ok, true);
    assertUnauthorized(
      route,
      await app.inject(request(route, { authorization: `Bearer ${tenant.testKey}` })),
    );
  });

  if (route.surface === 'poy') {
    it(`${name}: the Connect API-KEY header is not accepted on the POY API → 401`, async () => {
      const { store, clock } = harness();
      const tenant = await createTestTenant({ store, clock });
      assertUnauthorized(route, await harness().app.inject(request(route, { 'api-key': tenant.testKey })));
    });
  } else {
    it(`${name}: the API-KEY header is accepted`, async () => {
      const { store, clock } = harness();
      const tenant = await createTestTenant({ store, clock });
      const response = await harness().app.inject(request(route, { 'api-key': tenant.testKey }));
      assert.notEqual(response.statusCode, 401, response.body);
    });
  }
}
