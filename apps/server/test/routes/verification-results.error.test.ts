// A sandbox outcome for a user whose verification has settled (VERIFIED, or held for review) is refused
// with 409 user_already_settled on both surfaces, in each one's error format, and changes nothing
// (docs/api.md §1, docs/errors.md).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFlowTestApp, expectPoyError } from '../flow/flow-driver.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { createHeldVerification, createHoldingTenant } from '../support/held-verification.ts';
import { connectPost, GET_STATUS, REGISTER, REVOKE, SANDBOX } from './connect-helpers.ts';

const OUTCOMES = ['verified', 'failed', 'duplicate', 'expired'] as const;

describe('sandbox outcomes on a settled user: errors on both surfaces', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function poySandbox(key: string, userId: string, outcome: string) {
    return harness.app.inject({
      method: 'POST',
      url: '/api/poy/sandbox/outcome',
      headers: { authorization: `Bearer ${key}` },
      payload: { userId, outcome },
    });
  }
  async function snapshot(projectId: string, userId: string) {
    const user = await harness.store.findConnectUser({ projectId, mode: 'test', referenceUserId: userId });
    assert.ok(user);
    const session = await harness.store.findLatestSessionForConnectUser(user.id);
    return { user, session, events: (await harness.store.listOutboxEvents({ projectId })).length };
  }

  for (const outcome of OUTCOMES) {
    it(`${outcome} after verified → POY 409 user_already_settled, nothing changed`, async () => {
      const tenant = await createTestTenant(harness);
      const first = await poySandbox(tenant.testKey, 'settled', 'verified');
      assert.equal(first.statusCode, 200, first.body);
      const before = await snapshot(tenant.project.id, 'settled');

      const message = expectPoyError(
        await poySandbox(tenant.testKey, 'settled', outcome),
        409,
        'user_already_settled',
      );
      assert.match(message, /already VERIFIED.*Revoke/);
      assert.deepEqual(await snapshot(tenant.project.id, 'settled'), before);
    });

    it(`${outcome} after verified → Connect 409 INVALID_REQUEST naming the settled state, nothing changed`, async () => {
      const tenant = await createTestTenant(harness);
      await connectPost(harness, tenant.testKey, REGISTER, { reference_user_id: 'settled' });
      const first = await connectPost(harness, tenant.testKey, SANDBOX, {
        reference_user_id: 'settled',
        outcome: 'verified',
      });
      assert.equal(first.statusCode, 200, first.body);
      const before = await snapshot(tenant.project.id, 'settled');

      const refused = await connectPost(harness, tenant.testKey, SANDBOX, {
        reference_user_id: 'settled',
        outcome,
      });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json.status, 'failure');
      assert.equal(refused.json.failure_code, 'INVALID_REQUEST');
      assert.match(String(refused.json.failure_reason), /already VERIFIED.*Revoke/);
      assert.deepEqual(await snapshot(tenant.project.id, 'settled'), before);
      const status = await connectPost(harness, tenant.testKey, GET_STATUS, { reference_user_id: 'settled' });
      assert.equal(status.json.verification_status, 'VERIFIED');
    });
  }

  it('after a revocation the sandbox settles the user again (the documented way out)', async () => {
    const tenant = await createTestTenant(harness);
    await poySandbox(tenant.testKey, 'revoked-then-failed', 'verified');
    const revoked = await connectPost(harness, tenant.testKey, REVOKE, {
      reference_user_id: 'revoked-then-failed',
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    const failed = await poySandbox(tenant.testKey, 'revoked-then-failed', 'failed');
    assert.equal(failed.statusCode, 200, failed.body);
  });

  it('a user held for review → 409 user_already_settled on both surfaces', async () => {
    const tenant = await createHoldingTenant(harness);
    await createHeldVerification(harness, tenant.testKey, { first: 'held-first', held: 'held-second' });
    const before = await snapshot(tenant.project.id, 'held-second');

    const message = expectPoyError(
      await poySandbox(tenant.testKey, 'held-second', 'verified'),
      409,
      'user_already_settled',
    );
    assert.match(message, /held for review/);
    const refused = await connectPost(harness, tenant.testKey, SANDBOX, {
      reference_user_id: 'held-second',
      outcome: 'failed',
    });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json.failure_code, 'INVALID_REQUEST');
    assert.match(String(refused.json.failure_reason), /held for review/);
    assert.deepEqual(await snapshot(tenant.project.id, 'held-second'), before);
  });
});
