import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateProjectSettings } from '../../src/core/tenancy/update-project-settings.ts';
import { bodyOf, createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { runCommonAuthTests } from './common-auth.ts';

describe('project routes: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  for (const url of ['/api/poy/project', '/api/poy/keys']) {
    runCommonAuthTests({ method: 'GET', url, surface: 'poy' }, () => harness);
  }

  it('each key sees only its own project (other tenant)', async () => {
    const first = await createTestTenant(harness);
    const second = await createTestTenant(harness);
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/keys',
      headers: { authorization: `Bearer ${second.testKey}` },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(!response.body.includes(first.testKeyId), response.body);
    const project = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${second.liveKey}` },
    });
    assert.equal(bodyOf(project).id, second.project.id);
  });

  it('a revoked key of one project leaves the other keys working', async () => {
    const tenant = await createTestTenant(harness);
    await harness.store.revokeApiKey({
      keyId: tenant.testKeyId,
      projectId: tenant.project.id,
      revokedAt: harness.clock.now(),
    });
    const live = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${tenant.liveKey}` },
    });
    assert.equal(live.statusCode, 200, live.body);
  });

  it("one project's assurance policy is not another's, and a project's test and live keys see the same one", async () => {
    const strict = await createTestTenant(harness);
    const other = await createTestTenant(harness);
    const set = await updateProjectSettings(harness, strict.project.id, {
      requiredAssurance: 'unique',
      attestationRequired: true,
      aaguidAllowList: ['fa2b99dc-9e39-4257-8f92-4a30d23c4118'],
    });
    assert.ok(set.ok);
    const policyOf = async (key: string) =>
      bodyOf(
        await harness.app.inject({
          method: 'GET',
          url: '/api/poy/project',
          headers: { authorization: `Bearer ${key}` },
        }),
      ).assurancePolicy;
    const live = await policyOf(strict.liveKey);
    assert.equal(Reflect.get(Object(live), 'attestationRequired'), true);
    assert.deepEqual(await policyOf(strict.testKey), live, "the policy is the project's, not the mode's");
    const others = await policyOf(other.liveKey);
    assert.equal(Reflect.get(Object(others), 'attestationRequired'), false);
    assert.deepEqual(Reflect.get(Object(others), 'aaguidAllowList'), []);
  });
});
