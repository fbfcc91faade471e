// Who may read the audit log: owners and admins of the account, and only their account's events.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordAuditEvent } from '../../src/core/audit/record-audit-event.ts';
import { canPerform, MEMBER_ROLES } from '../../src/core/members/member-roles.ts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { getDashboardPage, signInMember } from '../support/dashboard-session.ts';

describe('dashboard audit log: security', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;

  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
    tenant = await createTestTenant(harness);
    other = await createTestTenant(harness);
    await recordAuditEvent(
      harness.store,
      harness.clock,
      { kind: 'cli' },
      {
        accountId: tenant.project.accountId,
        action: 'ours.changed',
      },
    );
    await recordAuditEvent(
      harness.store,
      harness.clock,
      { kind: 'cli' },
      {
        accountId: other.project.accountId,
        projectId: other.project.id,
        action: 'theirs.changed',
      },
    );
  });
  after(async () => {
    await harness.close();
  });

  it('sends a visitor without a session to sign in', async () => {
    const response = await getDashboardPage(harness.app, '/dashboard/audit?actor=cli', null);
    assert.equal(response.statusCode, 303);
    assert.equal(
      response.headers.location,
      `/login?next=${encodeURIComponent('/dashboard/audit?actor=cli')}`,
    );
  });

  it('lets owners and admins read it, and refuses developers and viewers (403, no event shown)', async () => {
    for (const role of MEMBER_ROLES) {
      const member = await signInMember(harness.app, { accountId: tenant.project.accountId, role });
      const response = await getDashboardPage(harness.app, '/dashboard/audit', member);
      const allowed = canPerform(role, 'audit.read');
      assert.equal(response.statusCode, allowed ? 200 : 403, `${role}: ${response.statusCode}`);
      assert.equal(response.body.includes('ours.changed'), allowed, role);
      // Bad filters from a member who may not read the log are refused for the role, not the filter.
      const bad = await getDashboardPage(harness.app, '/dashboard/audit?actor=robot', member);
      assert.equal(bad.statusCode, allowed ? 400 : 403, role);
    }
  });

  it('hides the audit log link from roles that cannot read it', async () => {
    const developer = await signInMember(harness.app, {
      accountId: tenant.project.accountId,
      role: 'developer',
    });
    const page = await getDashboardPage(
      harness.app,
      `/dashboard/p/${tenant.project.id}/test/overview`,
      developer,
    );
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('href="/dashboard/audit"'));
  });

  it("never shows another account's events", async () => {
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const response = await getDashboardPage(harness.app, '/dashboard/audit', owner);
    assert.equal(response.statusCode, 200);
    assert.ok(!response.body.includes('theirs.changed'));
    assert.ok(!response.body.includes(other.project.id));
  });
});
