import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { runCommonAuthTests } from './common-auth.ts';
import { connectPost, DELETE, GET_STATUS, REGISTER, REVOKE, SANDBOX } from './connect-helpers.ts';

describe('Connect API: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  for (const url of [REGISTER, GET_STATUS, REVOKE, DELETE, SANDBOX]) {
    runCommonAuthTests(
      {
        method: 'POST',
        url,
        payload: { reference_user_id: 'auth-probe', outcome: 'verified' },
        surface: 'connect',
      },
      () => harness,
    );
  }

  it("another project's key cannot see, revoke, delete or force another project's user", async () => {
    const owner = await createTestTenant(harness);
    const other = await createTestTenant(harness);
    const registered = await connectPost(harness, owner.testKey, REGISTER, {
      reference_user_id: 'shared-name',
    });
    const userId = registered.json.user_id;
    for (const url of [GET_STATUS, REVOKE, DELETE]) {
      for (const selector of [{ user_id: userId }, { reference_user_id: 'shared-name' }]) {
        const response = await connectPost(harness, other.testKey, url, selector);
        assert.equal(response.statusCode, 404, `${url} ${JSON.stringify(selector)}: ${response.body}`);
      }
    }
    const forced = await connectPost(harness, other.testKey, SANDBOX, {
      user_id: userId,
      outcome: 'verified',
    });
    assert.equal(forced.statusCode, 404, forced.body);
    // The owner's user is untouched.
    const status = await connectPost(harness, owner.testKey, GET_STATUS, { user_id: userId });
    assert.equal(status.json.verification_status, 'PENDING', status.body);
    assert.equal((await harness.store.listOutboxEvents({ projectId: owner.project.id })).length, 0);
  });

  it('the same reference_user_id in another project is a different user', async () => {
    const first = await createTestTenant(harness);
    const second = await createTestTenant(harness);
    const a = await connectPost(harness, first.testKey, REGISTER, { reference_user_id: 'same' });
    const b = await connectPost(harness, second.testKey, REGISTER, { reference_user_id: 'same' });
    assert.notEqual(a.json.user_id, b.json.user_id);
    assert.notEqual(a.json.invite_url, b.json.invite_url);
  });

  it('live and test are separate worlds within one project', async () => {
    const tenant = await createTestTenant(harness);
    const test = await connectPost(harness, tenant.testKey, REGISTER, { reference_user_id: 'mode-user' });
    const fromLive = await connectPost(harness, tenant.liveKey, GET_STATUS, { user_id: test.json.user_id });
    assert.equal(fromLive.statusCode, 404, fromLive.body);
    const live = await connectPost(harness, tenant.liveKey, REGISTER, { reference_user_id: 'mode-user' });
    assert.notEqual(live.json.user_id, test.json.user_id);
  });

  it('the sandbox refuses live keys with 403 FORBIDDEN and changes nothing', async () => {
    const tenant = await createTestTenant(harness);
    await connectPost(harness, tenant.liveKey, REGISTER, { reference_user_id: 'live-user' });
    const forced = await connectPost(harness, tenant.liveKey, SANDBOX, {
      reference_user_id: 'live-user',
      outcome: 'verified',
    });
    assert.equal(forced.statusCode, 403, forced.body);
    assert.equal(forced.json.failure_code, 'FORBIDDEN');
    const status = await connectPost(harness, tenant.liveKey, GET_STATUS, { reference_user_id: 'live-user' });
    assert.equal(status.json.verification_status, 'PENDING');
  });

  it('invite codes are unguessable and unique (22 base62 characters from 128 bits)', async () => {
    const tenant = await createTestTenant(harness);
    const codes = new Set<string>();
    for (let index = 0; index < 30; index++) {
      const response = await connectPost(harness, tenant.testKey, REGISTER, {
        reference_user_id: `many-${index}`,
      });
      const code = String(response.json.invite_url).split('/i/')[1] ?? '';
      assert.match(code, /^[0-9A-Za-z]{22}$/);
      codes.add(code);
    }
    assert.equal(codes.size, 30);
  });
});
