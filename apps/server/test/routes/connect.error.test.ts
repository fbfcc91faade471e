import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { connectPost, DELETE, GET_STATUS, REGISTER, REVOKE, SANDBOX } from './connect-helpers.ts';

describe('Connect API: bad input gets the failure envelope and changes nothing', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  before(async () => {
    harness = await createTestApp();
    tenant = await createTestTenant(harness, { redirectOrigins: ['https://app.example'] });
  });
  after(async () => {
    await harness.close();
  });

  async function assertInvalid(url: string, payload: unknown, field: RegExp) {
    const response = await connectPost(harness, tenant.testKey, url, payload);
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json.status, 'failure');
    assert.equal(response.json.failure_code, 'INVALID_REQUEST');
    assert.match(String(response.json.failure_reason), field);
  }

  const invalidRegistrations: Array<[string, unknown, RegExp]> = [
    ['no reference_user_id', {}, /reference_user_id/],
    ['an empty reference_user_id', { reference_user_id: '' }, /reference_user_id/],
    ['a 257-character reference_user_id', { reference_user_id: 'x'.repeat(257) }, /reference_user_id/],
    ['a numeric reference_user_id', { reference_user_id: 42 }, /reference_user_id/],
    ['a relative redirect_url', { reference_user_id: 'a', redirect_url: '/done' }, /redirect_url/],
    [
      'a non-http redirect_url',
      { reference_user_id: 'a', redirect_url: 'javascript:alert(1)' },
      /redirect_url/,
    ],
    [
      'an unknown data_request type',
      { reference_user_id: 'a', data_request: { type: 'GET_EVERYTHING' } },
      /type/,
    ],
    [
      'reference_user_id and reference_id that differ',
      { reference_user_id: 'a', reference_id: 'b' },
      /reference_id/,
    ],
    [
      'an empty uniqueness_region_id',
      { reference_user_id: 'a', uniqueness_region_id: '' },
      /uniqueness_region_id/,
    ],
    ['a JSON array body', [], /body/],
  ];
  for (const [name, payload, field] of invalidRegistrations) {
    it(`register with ${name} → 400`, async () => {
      await assertInvalid(REGISTER, payload, field);
    });
  }

  it('register with a redirect origin the project does not allow → 400, nothing written', async () => {
    for (const redirectUrl of [
      'https://evil.example/x',
      'http://app.example/x',
      'https://app.example:8443/x',
      'https://app.example.evil.example/x',
    ]) {
      await assertInvalid(REGISTER, { reference_user_id: 'off-origin', redirect_url: redirectUrl }, /origin/);
    }
    const status = await connectPost(harness, tenant.testKey, GET_STATUS, {
      reference_user_id: 'off-origin',
    });
    assert.equal(status.statusCode, 404, 'no user was created');
    assert.equal(
      await harness.store.findConnectUser({
        projectId: tenant.project.id,
        mode: 'test',
        referenceUserId: 'off-origin',
      }),
      null,
    );
    assert.deepEqual(await harness.store.listOutboxEvents({ projectId: tenant.project.id }), []);
  });

  it('a refused redirect leaves an existing user and its invite as they were', async () => {
    const first = await connectPost(harness, tenant.testKey, REGISTER, {
      reference_user_id: 'kept',
      redirect_url: 'https://app.example/first',
    });
    assert.equal(first.statusCode, 200, first.body);
    await assertInvalid(
      REGISTER,
      { reference_user_id: 'kept', redirect_url: 'https://evil.example/x' },
      /origin/,
    );
    const user = await harness.store.findConnectUser({
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'kept',
    });
    assert.equal(user?.redirectUrl, 'https://app.example/first');
  });

  for (const url of [GET_STATUS, REVOKE, DELETE]) {
    it(`${url} without reference_user_id or user_id → 400`, async () => {
      await assertInvalid(url, {}, /reference_user_id or user_id/);
    });

    it(`${url} for an unknown user → 404 DOES_NOT_EXIST`, async () => {
      const response = await connectPost(harness, tenant.testKey, url, {
        reference_user_id: 'never-registered',
      });
      assert.equal(response.statusCode, 404, response.body);
      assert.equal(response.json.failure_code, 'DOES_NOT_EXIST');
    });
  }

  it('sandbox with an unknown outcome → 400; for an unknown user → 404', async () => {
    await assertInvalid(SANDBOX, { reference_user_id: 'a', outcome: 'maybe' }, /outcome/);
    const unknown = await connectPost(harness, tenant.testKey, SANDBOX, {
      reference_user_id: 'nobody',
      outcome: 'verified',
    });
    assert.equal(unknown.statusCode, 404, unknown.body);
  });

  it('malformed JSON → 400 in the Connect envelope', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: REGISTER,
      headers: { 'api-key': tenant.testKey, 'content-type': 'application/json' },
      payload: '{"reference_user_id": ',
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.match(response.body, /"failure_code":"INVALID_REQUEST"/);
  });

  it('none of the refused requests wrote anything', async () => {
    const events = await harness.store.listOutboxEvents({ projectId: tenant.project.id });
    assert.equal(events.length, 0, JSON.stringify(events));
    for (const reference of ['a', 'b', 'never-registered', 'nobody']) {
      const user = await harness.store.findConnectUser({
        projectId: tenant.project.id,
        mode: 'test',
        referenceUserId: reference,
      });
      assert.equal(user, null, `nothing registered for ${reference}`);
    }
  });
});
