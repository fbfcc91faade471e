import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setRedirectOrigins } from '../../src/core/tenancy/set-redirect-origins.ts';
import { updateProjectSettings } from '../../src/core/tenancy/update-project-settings.ts';
import { bodyOf, createTestApp, createTestTenant, type TestApp } from '../harness.ts';

describe('project routes: happy path', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('GET /api/poy/project describes the key’s project and mode', async () => {
    const tenant = await createTestTenant(harness, { plan: 'pro' });
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${tenant.liveKey}` },
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = bodyOf(response);
    assert.equal(body.id, tenant.project.id);
    assert.equal(body.publicId, tenant.project.publicId);
    assert.equal(body.plan, 'pro');
    assert.equal(body.mode, 'live');
    assert.equal(body.trustThreshold, 50);
    assert.deepEqual(body.redirectOrigins, []);
    assert.equal(body.createdAt, tenant.project.createdAt.toISOString());
    assert.deepEqual(body.warnings, ['redirect_origins_unset'], 'a live key without origins is warned');
    assert.match(String(response.headers['x-request-id']), /^req_[0-9A-Za-z]{16,}$/);
    const next = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${tenant.liveKey}` },
    });
    assert.notEqual(next.headers['x-request-id'], response.headers['x-request-id'], 'request ids are unique');
  });

  it('warnings: redirect_origins_unset only in live mode and only without origins', async () => {
    const read = async (key: string) =>
      bodyOf(
        await harness.app.inject({
          method: 'GET',
          url: '/api/poy/project',
          headers: { authorization: `Bearer ${key}` },
        }),
      );
    const unset = await createTestTenant(harness);
    assert.deepEqual((await read(unset.liveKey)).warnings, ['redirect_origins_unset']);
    assert.deepEqual((await read(unset.testKey)).warnings, [], 'test mode is not nagged');

    const listed = await createTestTenant(harness, { redirectOrigins: ['https://app.example'] });
    assert.deepEqual((await read(listed.liveKey)).warnings, []);
    assert.deepEqual((await read(listed.testKey)).warnings, []);
    assert.deepEqual((await read(listed.liveKey)).redirectOrigins, ['https://app.example']);
  });

  it('setting origins (as the CLI does) clears the warning on the next request', async () => {
    const tenant = await createTestTenant(harness);
    const read = async () =>
      bodyOf(
        await harness.app.inject({
          method: 'GET',
          url: '/api/poy/project',
          headers: { authorization: `Bearer ${tenant.liveKey}` },
        }),
      );
    assert.deepEqual((await read()).warnings, ['redirect_origins_unset']);
    const result = await setRedirectOrigins(harness, {
      projectId: tenant.project.id,
      origins: ['https://A.example/', 'http://localhost:3000'],
    });
    assert.ok(result.ok);
    const after = await read();
    assert.deepEqual(after.redirectOrigins, ['https://a.example', 'http://localhost:3000']);
    assert.deepEqual(after.warnings, []);
  });

  it('GET /api/poy/project: the effective assurance policy, defaults first, then as the operator set it', async () => {
    const tenant = await createTestTenant(harness, { velocityLimits: null });
    const read = async () =>
      bodyOf(
        await harness.app.inject({
          method: 'GET',
          url: '/api/poy/project',
          headers: { authorization: `Bearer ${tenant.liveKey}` },
        }),
      ).assurancePolicy;
    assert.deepEqual(await read(), {
      requiredLevel: 'unique',
      attestationRequired: false,
      aaguidAllowList: [],
      velocityLimits: {
        newHumansPerIpPerHour: 5,
        newHumansPerPrefixPerHour: 20,
        newHumansPerDevicePerDay: 3,
        startsPerIpPerHour: 30,
        startsPerDevicePerHour: 10,
        velocityAction: 'review',
      },
    });
    // As `poy project update` does; the key's cached project must not hide the change.
    const updated = await updateProjectSettings(harness, tenant.project.id, {
      requiredAssurance: 'passkey',
      attestationRequired: true,
      aaguidAllowList: ['FA2B99DC-9E39-4257-8F92-4A30D23C4118'],
      velocityLimits: { startsPerDevicePerHour: 4, velocityAction: 'fail' },
    });
    assert.ok(updated.ok);
    assert.deepEqual(await read(), {
      requiredLevel: 'passkey',
      attestationRequired: true,
      aaguidAllowList: ['fa2b99dc-9e39-4257-8f92-4a30d23c4118'],
      velocityLimits: {
        newHumansPerIpPerHour: 5,
        newHumansPerPrefixPerHour: 20,
        newHumansPerDevicePerDay: 3,
        startsPerIpPerHour: 30,
        startsPerDevicePerHour: 4,
        velocityAction: 'fail',
      },
    });
  });

  it('GET /api/poy/keys lists the keys of the presented key’s mode only, without secrets', async () => {
    const tenant = await createTestTenant(harness);
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/keys',
      headers: { authorization: `Bearer ${tenant.testKey}` },
    });
    assert.equal(response.statusCode, 200, response.body);
    const data = bodyOf(response).data;
    assert.ok(Array.isArray(data), response.body);
    assert.equal(data.length, 1, response.body);
    const [key] = data;
    assert.equal(Reflect.get(key, 'id'), tenant.testKeyId);
    assert.equal(Reflect.get(key, 'mode'), 'test');
    assert.equal(Reflect.get(key, 'displayPrefix'), tenant.testKey.slice(0, 13));
    assert.equal(Reflect.get(key, 'revokedAt'), null);
    assert.ok(!response.body.includes(tenant.testKey), 'the full key must never be listed');
    assert.ok(!response.body.includes(tenant.liveKeyId), 'live keys must not be listed to a test key');
  });

  it('records when a key was last used', async () => {
    const tenant = await createTestTenant(harness);
    const usedAt = harness.clock.now();
    await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${tenant.testKey}` },
    });
    await harness.app.services.authenticator.flushLastUsed();
    const key = await harness.store.findApiKeyById(tenant.testKeyId);
    assert.equal(key?.lastUsedAt?.toISOString(), usedAt.toISOString());
  });

  it('echoes a well-formed incoming x-request-id', async () => {
    const tenant = await createTestTenant(harness);
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${tenant.testKey}`, 'x-request-id': 'trace-1234-abcd' },
    });
    assert.equal(response.headers['x-request-id'], 'trace-1234-abcd');
  });
});
