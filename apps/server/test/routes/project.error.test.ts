import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, createTestApp, createTestTenant, type TestApp } from '../harness.ts';

describe('project routes: errors', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('a wrong method on an existing path → 405 with Allow, in the POY format', async () => {
    const tenant = await createTestTenant(harness);
    const response = await harness.app.inject({
      method: 'DELETE',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${tenant.testKey}` },
    });
    assert.equal(response.statusCode, 405, response.body);
    assert.match(String(response.headers.allow), /GET/);
    const error = bodyOf(response).error;
    assert.equal(Reflect.get(Object(error), 'type'), 'method_not_allowed', response.body);
  });

  it('a trailing slash reaches the same route', async () => {
    const tenant = await createTestTenant(harness);
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project/',
      headers: { authorization: `Bearer ${tenant.testKey}` },
    });
    assert.equal(response.statusCode, 200, response.body);
  });

  it('there is no write route: PATCH or PUT with a policy → 405, and the policy stays as it was', async () => {
    const tenant = await createTestTenant(harness);
    for (const method of ['PATCH', 'PUT'] as const) {
      const response = await harness.app.inject({
        method,
        url: '/api/poy/project',
        headers: { authorization: `Bearer ${tenant.liveKey}` },
        payload: {
          assurancePolicy: { requiredLevel: 'passkey', attestationRequired: true, aaguidAllowList: [] },
        },
      });
      assert.equal(response.statusCode, 405, `${method}: ${response.body}`);
    }
    const project = await harness.store.findProjectById(tenant.project.id);
    assert.equal(project?.requiredAssurance, null);
    assert.equal(project?.attestationRequired, false);
  });
});
