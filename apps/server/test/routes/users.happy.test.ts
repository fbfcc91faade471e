// The POY user routes (docs/api.md §5): verify, check and trust, through app.inject() against a real
// store (the sandbox's outcomes: users-sandbox.happy.test.ts). A POY `userId` is the Connect `reference_user_id` of the same project and mode.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../src/core/keys/create-api-key.ts';
import { createAccount } from '../../src/core/tenancy/create-account.ts';
import { createProject } from '../../src/core/tenancy/create-project.ts';
import {
  connectPost,
  createFlowTestApp,
  expectPoyError,
  getStatus,
  inviteCodeOf,
  PHONE_USER_AGENT,
  parseOutcome,
  runFlow,
} from '../flow/flow-driver.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { INVITE_URL, levelOf, PENDING, POY_ID, poyUserRequests } from '../support/poy-user-answers.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';

describe('POY user routes: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  const { get, verify, check, trust, sandbox, poyEvents, eventsOfType } = poyUserRequests(() => harness);
  function codeOf(poyId: string | null): string {
    assert.ok(poyId !== null && POY_ID.test(poyId), `not a PoY id: ${String(poyId)}`);
    return poyId.slice('PoY #'.length);
  }
  async function tenantWithThreshold(trustThreshold: number) {
    const account = await createAccount(harness, { name: `Threshold ${trustThreshold}` });
    const created = await createProject(harness, {
      accountId: account.id,
      name: `Strict project ${trustThreshold}`,
      plan: 'enterprise',
      trustThreshold,
    });
    assert.ok(created.ok, 'createProject');
    const key = await createApiKey(harness, { projectId: created.project.id, mode: 'test' });
    assert.ok(key, 'createApiKey');
    return { project: created.project, testKey: key.secret };
  }

  it('verify of an unknown user opens a pending link with an enrollment URL that opens the phone flow', async () => {
    const tenant = await createTestTenant(harness);
    const key = { projectId: tenant.project.id, mode: 'live' as const, referenceUserId: 'newcomer' };
    assert.equal(await harness.store.findConnectUser(key), null);

    const first = await verify(tenant.liveKey, 'newcomer');
    assert.equal(first.isHuman, false, JSON.stringify(first));
    assert.equal(first.trustScore, 0);
    assert.equal(first.poyId, null);
    assert.equal(first.verifiedAt, null);
    assert.deepEqual(first.checks, PENDING);
    assert.match(first.enrollmentUrl ?? '', INVITE_URL, JSON.stringify(first));
    const ttlMs = harness.app.services.verification.inviteTtlSeconds * 1000;
    assert.equal(Date.parse(first.expiresAt ?? ''), harness.clock.now().getTime() + ttlMs);

    const stored = await harness.store.findConnectUser(key);
    assert.equal(stored?.status, 'PENDING', JSON.stringify(stored));
    // The same user on the Connect surface.
    assert.equal((await getStatus(harness, tenant.liveKey, 'newcomer')).verification_status, 'PENDING');

    const url = new URL(first.enrollmentUrl ?? '');
    const page = await harness.app.inject({
      method: 'GET',
      url: url.pathname,
      headers: { 'user-agent': PHONE_USER_AGENT },
    });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /class="page page--phone"/);
    assert.match(page.body, /src="\/assets\/phone\.[0-9a-f]{8}\.js"/);

    harness.clock.advanceBy(60_000);
    const again = await verify(tenant.liveKey, 'newcomer');
    assert.equal(again.enrollmentUrl, first.enrollmentUrl, JSON.stringify(again));
    assert.equal(again.expiresAt, first.expiresAt);
    assert.equal((await harness.store.findConnectUser(key))?.id, stored?.id);
    assert.deepEqual(await poyEvents(tenant.project.id), [], 'asking emits nothing');
  });

  it('checkType quick answers without an enrollment URL and creates nothing', async () => {
    const tenant = await createTestTenant(harness);
    const answer = await verify(tenant.testKey, 'quick-one', 'quick');
    assert.deepEqual(answer, {
      isHuman: false,
      trustScore: 0,
      poyId: null,
      verifiedAt: null,
      checks: PENDING,
      verificationStatus: null,
      assuranceLevel: null,
      reasons: [],
      review: false,
    });
    const stored = await harness.store.findConnectUser({
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'quick-one',
    });
    assert.equal(stored, null);
    expectPoyError(await get(tenant.testKey, '/api/poy/trust/quick-one'), 404, 'not_found');
  });

  it('after a live verification through the flow, verify, check and trust report the stored human', async () => {
    const tenant = await createTestTenant(harness);
    assert.deepEqual(await check(tenant.liveKey, 'alice'), { isHuman: false, poyId: null });
    const pending = await verify(tenant.liveKey, 'alice');
    const run = await runFlow(harness, inviteCodeOf(pending.enrollmentUrl ?? ''), new SoftAuthenticator());
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);

    // The very next check sees it (the cached "false" was dropped).
    const checked = await check(tenant.liveKey, 'alice');
    assert.deepEqual(checked, { isHuman: true, poyId: run.passkey.poyId });

    const human = await harness.store.findHumanByPoyCode(codeOf(run.passkey.poyId));
    assert.ok(human?.checks && human.verifiedAt && human.factors, JSON.stringify(human));
    const verified = await verify(tenant.liveKey, 'alice');
    assert.deepEqual(verified, {
      isHuman: true,
      trustScore: human.trustScore,
      poyId: run.passkey.poyId,
      verifiedAt: human.verifiedAt.toISOString(),
      checks: human.checks,
      verificationStatus: 'verified',
      // A live person through the camera step and face uniqueness reaches the top level (docs/assurance.md §1).
      assuranceLevel: 'unique',
      reasons: [],
      review: false,
    });
    assert.equal(verified.checks.liveness, 'pass');
    assert.ok(verified.trustScore >= tenant.project.trustThreshold, JSON.stringify(verified));
    // Quick gives the same answer once verified.
    assert.deepEqual(await verify(tenant.liveKey, 'alice', 'quick'), verified);

    const report = await trust(tenant.liveKey, 'alice');
    assert.deepEqual(report, {
      userId: 'alice',
      trustScore: human.trustScore,
      level: levelOf(human.trustScore),
      factors: human.factors,
      verificationStatus: 'verified',
      assuranceLevel: 'unique',
      reasons: [],
      review: false,
    });

    const events = await poyEvents(tenant.project.id);
    const userVerified = eventsOfType(events, 'user.verified', 'alice');
    assert.equal(userVerified.length, 1, JSON.stringify(events));
    assert.deepEqual(userVerified[0]?.data, {
      userId: 'alice',
      poyId: run.passkey.poyId,
      trustScore: human.trustScore,
    });
    assert.equal(eventsOfType(events, 'user.failed', 'alice').length, 0, JSON.stringify(events));
  });

  it('check follows every state change on the very next request', async () => {
    const tenant = await createTestTenant(harness);
    const userId = 'flip-flop';
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: false, poyId: null });

    const first = await sandbox(tenant.testKey, userId, 'verified');
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: true, poyId: first.poyId });

    const revoked = await connectPost(harness, tenant.testKey, 'revoke', { reference_user_id: userId });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: false, poyId: null });
    assert.equal((await verify(tenant.testKey, userId, 'quick')).isHuman, false);

    const second = await sandbox(tenant.testKey, userId, 'verified');
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: true, poyId: second.poyId });

    const deleted = await connectPost(harness, tenant.testKey, 'delete', { reference_user_id: userId });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: false, poyId: null });
    expectPoyError(await get(tenant.testKey, `/api/poy/trust/${userId}`), 404, 'not_found');

    const third = await sandbox(tenant.testKey, userId, 'verified');
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: true, poyId: third.poyId });
    await connectPost(harness, tenant.testKey, 'revoke', { reference_user_id: userId });
    await sandbox(tenant.testKey, userId, 'failed');
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: false, poyId: null });
  });

  it('a project trust threshold above the score: a verified link that is not human', async () => {
    const strict = await tenantWithThreshold(95);
    const lenient = await createTestTenant(harness);

    const forced = await sandbox(strict.testKey, 'strict-user', 'verified');
    assert.equal(forced.isHuman, false, JSON.stringify(forced));
    assert.ok(forced.trustScore < 95, JSON.stringify(forced));
    assert.match(forced.poyId ?? '', POY_ID);
    assert.deepEqual(await check(strict.testKey, 'strict-user'), { isHuman: false, poyId: null });
    const answer = await verify(strict.testKey, 'strict-user');
    assert.equal(answer.isHuman, false, JSON.stringify(answer));
    assert.equal(answer.trustScore, forced.trustScore);
    assert.equal(answer.poyId, forced.poyId);
    assert.equal(answer.enrollmentUrl, undefined, 'a verified human is not sent through verification again');

    // The same sandbox human clears the default threshold of another project.
    const control = await sandbox(lenient.testKey, 'strict-user', 'verified');
    assert.equal(control.trustScore, forced.trustScore, JSON.stringify(control));
    assert.equal(control.isHuman, true, JSON.stringify(control));
    assert.equal((await check(lenient.testKey, 'strict-user')).isHuman, true);
  });

  it('trust: a verified user has the level of its score, a pending one 0/none, an unknown one 404', async () => {
    const tenant = await createTestTenant(harness);
    const forced = await sandbox(tenant.testKey, 'trusted', 'verified');
    const report = await trust(tenant.testKey, 'trusted');
    assert.equal(report.userId, 'trusted');
    assert.equal(report.trustScore, forced.trustScore, JSON.stringify(report));
    assert.equal(report.level, levelOf(report.trustScore), JSON.stringify(report));
    assert.notEqual(report.level, 'none', JSON.stringify(report));
    assert.ok(report.factors.liveness > 0, JSON.stringify(report));

    await verify(tenant.testKey, 'waiting');
    assert.deepEqual(await trust(tenant.testKey, 'waiting'), {
      userId: 'waiting',
      trustScore: 0,
      level: 'none',
      factors: { liveness: 0, device: 0, behavioral: 0, credential: 0 },
      verificationStatus: 'pending',
      assuranceLevel: null,
      reasons: [],
      review: false,
    });

    const unknown = await get(tenant.testKey, '/api/poy/trust/never-seen');
    expectPoyError(unknown, 404, 'not_found');
  });
});
