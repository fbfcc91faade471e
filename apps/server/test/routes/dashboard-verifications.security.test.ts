// Who may see and change verifications in the dashboard, and what a forged or foreign request gets:
// no session or an expired one (login / 401), every role against every action (the permission table),
// another account's or another project's ids (404, like unknown ones), test data under live and live
// under test (404, never listed), and state changes without the anti-forgery token or from another
// origin (403). Every refusal leaves the user, the verification, the events and the audit log as they were.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canPerform, MEMBER_ROLES } from '../../src/core/members/member-roles.ts';
import { SESSION_IDLE_TIMEOUT_MS } from '../../src/core/members/member-sessions.ts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import {
  type DashboardTestSession,
  getDashboardPage,
  postDashboardForm,
  signInMember,
} from '../support/dashboard-session.ts';
import {
  connectSandboxVerification,
  latestVerificationOf,
  reviewsUrl,
  snapshotOf,
  verificationsUrl,
  verificationUrl,
} from '../support/dashboard-verifications.ts';
import { createHeldVerification, createHoldingTenant } from '../support/held-verification.ts';

describe('dashboard verifications: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null, config: { publicUrl: 'http://localhost:8080' } });
  });
  after(async () => {
    await harness.close();
  });

  /** A test-mode verification made through the Connect sandbox, with its ids. */
  async function sandboxTarget(tenant: TestTenant, referenceUserId: string) {
    await connectSandboxVerification(harness, tenant.testKey, referenceUserId, 'verified');
    const found = await latestVerificationOf(harness, {
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId,
    });
    return { accountId: tenant.project.accountId, projectId: tenant.project.id, ...found };
  }

  /** Every state-changing request of the area on `target`, with the fields a real form sends. */
  function changes(projectId: string, mode: 'live' | 'test', verificationId: string) {
    return [
      {
        action: 'verification.manage',
        url: verificationUrl(projectId, mode, verificationId, 'revoke'),
        fields: { confirm: 'yes' },
      },
      {
        action: 'verification.manage',
        url: verificationUrl(projectId, mode, verificationId, 'delete'),
        fields: { confirm: 'yes' },
      },
      {
        action: 'review.decide',
        url: reviewsUrl(projectId, mode, verificationId),
        fields: { decision: 'approve' },
      },
    ] as const;
  }

  it('without a session: pages send to the sign-in, changes are 401, and nothing changes', async () => {
    const tenant = await createTestTenant(harness);
    const target = await sandboxTarget(tenant, 'no-session');
    for (const url of [
      verificationsUrl(tenant.project.id, 'test'),
      verificationUrl(tenant.project.id, 'test', target.verificationId),
      reviewsUrl(tenant.project.id, 'test'),
    ]) {
      const reply = await getDashboardPage(harness.app, url, null);
      assert.equal(reply.statusCode, 303, url);
      assert.equal(reply.headers.location, `/login?next=${encodeURIComponent(url)}`);
    }
    const before = await snapshotOf(harness, target);
    for (const change of changes(tenant.project.id, 'test', target.verificationId)) {
      const reply = await postDashboardForm(harness.app, change.url, null, change.fields);
      assert.equal(reply.statusCode, 401, `${change.url}: ${reply.body}`);
    }
    assert.equal(await snapshotOf(harness, target), before);
  });

  it('every role against every action: reading for all, revoke and delete for owner and admin, decisions likewise', async () => {
    for (const role of MEMBER_ROLES) {
      const tenant = await createTestTenant(harness);
      const member = await signInMember(harness.app, { accountId: tenant.project.accountId, role });
      const target = await sandboxTarget(tenant, `role-${role}`);
      for (const url of [
        verificationsUrl(tenant.project.id, 'test'),
        verificationUrl(tenant.project.id, 'test', target.verificationId),
        reviewsUrl(tenant.project.id, 'test'),
      ]) {
        const reply = await getDashboardPage(harness.app, url, member);
        assert.equal(reply.statusCode, 200, `${role} ${url}: ${reply.body}`);
      }
      const [revoke, remove, decide] = changes(tenant.project.id, 'test', target.verificationId);
      // Refused roles first, so the allowed ones below still find something to change.
      for (const change of [revoke, decide, remove]) {
        const before = await snapshotOf(harness, target);
        const reply = await postDashboardForm(harness.app, change.url, member, change.fields);
        if (!canPerform(role, change.action)) {
          assert.equal(reply.statusCode, 403, `${role} ${change.url}: ${reply.body}`);
          assert.equal(await snapshotOf(harness, target), before, `${role} ${change.url} changed something`);
        } else if (change === decide) {
          // Allowed, but this verification is not held: a conflict, not a refusal.
          assert.equal(reply.statusCode, 409, `${role} ${change.url}: ${reply.body}`);
        } else {
          assert.equal(reply.statusCode, 303, `${role} ${change.url}: ${reply.body}`);
        }
      }
      const user = await harness.store.findConnectUserById(target.userId);
      assert.equal(user === null, canPerform(role, 'verification.manage'), `${role}: deleted?`);
    }
  });

  it('the page offers revoke, delete and decisions only to roles that may', async () => {
    const tenant = await createHoldingTenant(harness);
    const run = await createHeldVerification(harness, tenant.liveKey, { first: 'o-first', held: 'o-held' });
    for (const role of MEMBER_ROLES) {
      const member = await signInMember(harness.app, { accountId: tenant.project.accountId, role });
      const detail = await getDashboardPage(
        harness.app,
        verificationUrl(tenant.project.id, 'live', run.verificationId),
        member,
      );
      const queue = await getDashboardPage(harness.app, reviewsUrl(tenant.project.id, 'live'), member);
      assert.equal(/\/revoke"/.test(detail.body), canPerform(role, 'verification.manage'), role);
      assert.equal(/name="decision"/.test(queue.body), canPerform(role, 'review.decide'), role);
    }
  });

  it("another account's project, or another project's verification, is 404 like an unknown id, and changes nothing", async () => {
    const victim = await createTestTenant(harness);
    const target = await sandboxTarget(victim, 'victim-user');
    const attacker = await createTestTenant(harness);
    const intruder = await signInMember(harness.app, {
      accountId: attacker.project.accountId,
      role: 'owner',
    });
    const before = await snapshotOf(harness, target);
    // The victim's project in the URL.
    for (const url of [
      verificationsUrl(victim.project.id, 'test'),
      verificationUrl(victim.project.id, 'test', target.verificationId),
      reviewsUrl(victim.project.id, 'test'),
    ]) {
      const reply = await getDashboardPage(harness.app, url, intruder);
      assert.equal(reply.statusCode, 404, `${url}: ${reply.body}`);
    }
    // The attacker's own project in the URL, the victim's verification id in it.
    const own = verificationUrl(attacker.project.id, 'test', target.verificationId);
    assert.equal((await getDashboardPage(harness.app, own, intruder)).statusCode, 404);
    for (const change of [
      ...changes(victim.project.id, 'test', target.verificationId),
      ...changes(attacker.project.id, 'test', target.verificationId),
    ]) {
      const reply = await postDashboardForm(harness.app, change.url, intruder, change.fields);
      assert.equal(reply.statusCode, 404, `${change.url}: ${reply.body}`);
    }
    // Searching the attacker's own list by the victim's ids finds nothing.
    for (const q of [target.verificationId, target.userId, 'victim-user']) {
      const reply = await getDashboardPage(
        harness.app,
        verificationsUrl(attacker.project.id, 'test', `?q=${q}`),
        intruder,
      );
      assert.equal(reply.statusCode, 200);
      assert.match(reply.body, /No verification matches\./, q);
    }
    assert.equal(await snapshotOf(harness, target), before);
  });

  it('live and test never mix: a test verification is absent from live lists and 404 under a live URL', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const target = await sandboxTarget(tenant, 'test-only');
    for (const query of ['', `?q=${target.verificationId}`]) {
      const live = await getDashboardPage(
        harness.app,
        verificationsUrl(tenant.project.id, 'live', query),
        owner,
      );
      assert.equal(live.statusCode, 200);
      assert.match(live.body, /No verification matches\./, query);
      assert.ok(!live.body.includes(`<code>${target.verificationId}</code>`), query);
    }
    assert.equal(
      (
        await getDashboardPage(
          harness.app,
          verificationUrl(tenant.project.id, 'live', target.verificationId),
          owner,
        )
      ).statusCode,
      404,
    );
    const before = await snapshotOf(harness, target);
    for (const change of changes(tenant.project.id, 'live', target.verificationId)) {
      const reply = await postDashboardForm(harness.app, change.url, owner, change.fields);
      assert.equal(reply.statusCode, 404, `${change.url}: ${reply.body}`);
    }
    assert.equal(await snapshotOf(harness, target), before);

    // And the other way: a live hold is not in the test queue, nor decidable through it.
    const holding = await createHoldingTenant(harness);
    const admin = await signInMember(harness.app, { accountId: holding.project.accountId, role: 'admin' });
    const run = await createHeldVerification(harness, holding.liveKey, { first: 'm-first', held: 'm-held' });
    const testQueue = await getDashboardPage(harness.app, reviewsUrl(holding.project.id, 'test'), admin);
    assert.match(testQueue.body, /Nothing is waiting for review\./);
    const decide = await postDashboardForm(
      harness.app,
      reviewsUrl(holding.project.id, 'test', run.verificationId),
      admin,
      {
        decision: 'approve',
      },
    );
    assert.equal(decide.statusCode, 404, decide.body);
    const session = await harness.store.findSessionById(run.verificationId);
    assert.equal(session?.outcome, 'review');
  });

  it('a change without the anti-forgery token, with a wrong or foreign one, or from another origin is 403 and changes nothing', async () => {
    const tenant = await createHoldingTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const other = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const run = await createHeldVerification(harness, tenant.liveKey, { first: 'c-first', held: 'c-held' });
    const target = {
      accountId: tenant.project.accountId,
      projectId: tenant.project.id,
      userId: run.held.userId,
      verificationId: run.verificationId,
    };
    const before = await snapshotOf(harness, target);
    const forgeries: Array<{
      name: string;
      session: DashboardTestSession;
      csrf?: string;
      headers?: Record<string, string>;
    }> = [
      { name: 'no token', session: owner, csrf: '' },
      { name: 'wrong token', session: owner, csrf: 'x'.repeat(43) },
      { name: "another session's token", session: owner, csrf: other.csrfToken },
      { name: 'another origin', session: owner, headers: { origin: 'https://evil.example' } },
      { name: 'cross-site fetch', session: owner, headers: { 'sec-fetch-site': 'cross-site' } },
    ];
    for (const change of changes(tenant.project.id, 'live', run.verificationId)) {
      for (const forgery of forgeries) {
        const fields: Record<string, string> = { ...change.fields };
        if (forgery.csrf !== undefined) fields._csrf = forgery.csrf;
        const reply = await postDashboardForm(
          harness.app,
          change.url,
          forgery.session,
          fields,
          forgery.headers ?? {},
        );
        assert.equal(reply.statusCode, 403, `${forgery.name} ${change.url}: ${reply.body}`);
      }
    }
    assert.equal(await snapshotOf(harness, target), before);
  });

  it('an expired session is sent to sign in again, and its changes are 401', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const target = await sandboxTarget(tenant, 'expired-session');
    harness.clock.advanceBy(SESSION_IDLE_TIMEOUT_MS + 1000);
    const page = await getDashboardPage(harness.app, verificationsUrl(tenant.project.id, 'test'), owner);
    assert.equal(page.statusCode, 303);
    assert.match(String(page.headers.location), /^\/login\?next=/);
    const before = await snapshotOf(harness, target);
    for (const change of changes(tenant.project.id, 'test', target.verificationId)) {
      const reply = await postDashboardForm(harness.app, change.url, owner, change.fields);
      assert.equal(reply.statusCode, 401, `${change.url}: ${reply.body}`);
    }
    assert.equal(await snapshotOf(harness, target), before);
  });
});
