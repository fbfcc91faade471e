// The POY sandbox route (docs/api.md §1, §5): each forced outcome creates the user when needed, answers
// what verify then says, and emits exactly its events.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectPost, createFlowTestApp } from '../flow/flow-driver.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import {
  FAILED,
  INVITE_URL,
  levelOf,
  POY_ID,
  poyUserRequests,
  SANDBOX_REASONS,
  userFailedData,
  userVerifiedData,
} from '../support/poy-user-answers.ts';

describe('POY sandbox: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });
  const { verify, check, trust, sandbox, poyEvents, eventsOfType } = poyUserRequests(() => harness);

  for (const [outcome, status] of [
    ['verified', 'VERIFIED'],
    ['failed', 'UNFULFILLABLE'],
    ['duplicate', 'UNFULFILLABLE'],
    ['expired', 'EXPIRED'],
  ] as const) {
    it(`sandbox ${outcome} creates an unknown user and answers what verify then says`, async () => {
      const tenant = await createTestTenant(harness);
      const userId = `sandbox-${outcome}`;
      const key = { projectId: tenant.project.id, mode: 'test' as const, referenceUserId: userId };
      assert.equal(await harness.store.findConnectUser(key), null);

      const forced = await sandbox(tenant.testKey, userId, outcome);
      assert.equal((await harness.store.findConnectUser(key))?.status, status);
      assert.equal(forced.isHuman, outcome === 'verified', JSON.stringify(forced));
      assert.equal(forced.enrollmentUrl, undefined, JSON.stringify(forced));
      if (outcome === 'verified') {
        assert.match(forced.poyId ?? '', POY_ID, JSON.stringify(forced));
        assert.ok(forced.trustScore >= tenant.project.trustThreshold, JSON.stringify(forced));
        assert.equal(forced.verifiedAt, harness.clock.now().toISOString());
        assert.equal(forced.checks.liveness, 'pass', JSON.stringify(forced));
      } else {
        assert.deepEqual(forced, {
          isHuman: false,
          trustScore: 0,
          poyId: null,
          verifiedAt: null,
          // An attempt that ended without success passed none of its checks.
          checks: FAILED,
          verificationStatus: outcome,
          assuranceLevel: 'none',
          // The reasons name why the latest verification ended (docs/assurance.md §6).
          reasons: SANDBOX_REASONS[outcome],
          review: false,
        });
      }
      assert.deepEqual(await verify(tenant.testKey, userId, 'quick'), forced);
      assert.deepEqual(await check(tenant.testKey, userId), {
        isHuman: forced.isHuman,
        poyId: forced.poyId,
      });
      if (outcome === 'failed' || outcome === 'expired') {
        // Not human: a full verify offers a new attempt, and still says how the last one ended.
        const full = await verify(tenant.testKey, userId);
        assert.match(full.enrollmentUrl ?? '', INVITE_URL, JSON.stringify(full));
        assert.deepEqual(
          { ...full, enrollmentUrl: undefined, expiresAt: undefined },
          {
            ...forced,
            enrollmentUrl: undefined,
            expiresAt: undefined,
          },
        );
      }
      if (outcome === 'duplicate') {
        // The person already holds a place under another userId: a new attempt would end the same way.
        assert.deepEqual(await verify(tenant.testKey, userId), forced);
      }
    });
  }

  it('sandbox verified: exactly one user.verified {userId, poyId, trustScore} and one trust.changed', async () => {
    const tenant = await createTestTenant(harness);
    const forced = await sandbox(tenant.testKey, 'evented', 'verified');
    // Reading never emits.
    await verify(tenant.testKey, 'evented');
    await check(tenant.testKey, 'evented');
    await trust(tenant.testKey, 'evented');

    const events = await poyEvents(tenant.project.id);
    const verified = eventsOfType(events, 'user.verified', 'evented');
    assert.equal(verified.length, 1, JSON.stringify(events));
    assert.deepEqual(userVerifiedData.parse(verified[0]?.data), {
      userId: 'evented',
      poyId: forced.poyId,
      trustScore: forced.trustScore,
    });
    assert.equal(verified[0]?.timestamp, harness.clock.now().toISOString());

    const changed = eventsOfType(events, 'trust.changed', 'evented');
    assert.equal(changed.length, 1, JSON.stringify(events));
    assert.equal(changed[0]?.data.poyId, forced.poyId, JSON.stringify(changed));
    assert.equal(changed[0]?.data.trustScore, forced.trustScore, JSON.stringify(changed));
    assert.equal(changed[0]?.data.level, levelOf(forced.trustScore), JSON.stringify(changed));
    assert.equal(events.length, 2, JSON.stringify(events));
  });

  for (const [outcome, reason] of [
    ['failed', 'FAILED_CHECKS'],
    ['duplicate', 'DUPLICATE_HUMAN'],
  ] as const) {
    it(`sandbox ${outcome}: exactly one user.failed {userId, reason: ${reason}, reasons}`, async () => {
      const tenant = await createTestTenant(harness);
      await sandbox(tenant.testKey, `failing-${outcome}`, outcome);
      await verify(tenant.testKey, `failing-${outcome}`, 'quick');
      const events = await poyEvents(tenant.project.id);
      assert.equal(events.length, 1, JSON.stringify(events));
      const [failed] = events;
      assert.equal(failed?.event, 'user.failed', JSON.stringify(events));
      const data = userFailedData.parse(failed?.data);
      assert.equal(data.userId, `failing-${outcome}`);
      assert.equal(data.reason, reason);
      if (outcome === 'duplicate') assert.deepEqual(data.reasons, ['DUPLICATE_HUMAN']);
      assert.equal(failed?.timestamp, harness.clock.now().toISOString());
    });
  }

  it('each change emits its own events: verified, (revoked,) then failed, then verified again', async () => {
    const tenant = await createTestTenant(harness);
    const first = await sandbox(tenant.testKey, 'cycling', 'verified');
    // A verified user is settled: the sandbox only fails it again after a revocation.
    await connectPost(harness, tenant.testKey, 'revoke', { reference_user_id: 'cycling' });
    await sandbox(tenant.testKey, 'cycling', 'failed');
    const second = await sandbox(tenant.testKey, 'cycling', 'verified');
    const events = await poyEvents(tenant.project.id);
    const verified = eventsOfType(events, 'user.verified', 'cycling');
    assert.deepEqual(
      verified.map((event) => event.data.poyId),
      [first.poyId, second.poyId],
      JSON.stringify(events),
    );
    assert.equal(eventsOfType(events, 'user.failed', 'cycling').length, 1, JSON.stringify(events));
  });
});
