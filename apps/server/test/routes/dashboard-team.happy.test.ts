// The team page: members with their roles, an invite link shown once, role changes and removals, each
// with its audit event.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findUsableMemberLink } from '../../src/core/members/member-links.ts';
import { FLASH_COOKIE } from '../../src/http/dashboard/flash.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import {
  type DashboardTestSession,
  getDashboardPage,
  postDashboardForm,
  signInMember,
} from '../support/dashboard-session.ts';

/** The flash cookie a response set, as a Cookie header part. */
function flashCookieOf(response: { cookies: Array<{ name: string; value: string }> }): string {
  const flash = response.cookies.find((cookie) => cookie.name === FLASH_COOKIE);
  assert.ok(flash, 'a flash cookie');
  return `${FLASH_COOKIE}=${flash.value}`;
}

describe('dashboard team: happy paths', () => {
  let harness: TestApp;
  let accountId: string;
  let owner: DashboardTestSession;

  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
    const tenant = await createTestTenant(harness);
    accountId = tenant.project.accountId;
    owner = await signInMember(harness.app, { accountId, role: 'owner', displayName: 'Olive Owner' });
  });
  after(async () => {
    await harness.close();
  });

  const auditActions = async () =>
    (await harness.store.listAuditEvents({ accountId, limit: 100 })).map((event) => event.action);

  it('lists the members with their roles and when they joined, with the forms to manage them', async () => {
    const developer = await signInMember(harness.app, {
      accountId,
      role: 'developer',
      displayName: 'Dev Eloper',
    });
    const response = await getDashboardPage(harness.app, '/dashboard/team', owner);
    assert.equal(response.statusCode, 200, response.body);
    const page = response.body;
    assert.match(page, /<th scope="row">Olive Owner <span class="tag">You<\/span><\/th>/);
    assert.match(page, /<th scope="row">Dev Eloper<\/th>/);
    assert.match(page, new RegExp(`action="/dashboard/team/members/${developer.memberId}/role"`));
    assert.match(
      page,
      new RegExp(
        `action="/dashboard/team/members/${developer.memberId}/remove"[^>]*data-confirm="Remove Dev Eloper`,
      ),
    );
    // The only owner keeps their role: no form for them, and the page says why.
    assert.ok(!page.includes(`/dashboard/team/members/${owner.memberId}/role`));
    assert.match(page, /This account has one owner\./);
    assert.match(page, /<form method="post" action="\/dashboard\/team\/invite"/);
    assert.match(page, /<dt>Viewer<\/dt><dd>/);
  });

  it('creates an invite link and shows it once, then never again', async () => {
    const posted = await postDashboardForm(harness.app, '/dashboard/team/invite', owner, {
      role: 'developer',
      name: 'Grace Hopper',
    });
    assert.equal(posted.statusCode, 303, posted.body);
    assert.equal(posted.headers.location, '/dashboard/team');
    const cookie = `${owner.cookie}; ${flashCookieOf(posted)}`;
    const shown = await getDashboardPage(harness.app, '/dashboard/team', owner, { cookie });
    assert.equal(shown.statusCode, 200, shown.body);
    const url = /<code id="new-invite-link">([^<]+)<\/code>/.exec(shown.body)?.[1];
    assert.ok(url, 'the link is on the page');
    const token = /\/dashboard\/links\/([0-9A-Za-z]{43})$/.exec(url)?.[1];
    assert.ok(token, url);
    assert.match(shown.body, /data-copy="#new-invite-link"/);
    // The link is a real invite for this account, with the chosen role.
    const usable = await findUsableMemberLink(harness.app.services.verification, token);
    assert.ok(usable.ok);
    assert.equal(usable.link.accountId, accountId);
    assert.equal(usable.link.role, 'developer');
    assert.equal(usable.link.displayName, 'Grace Hopper');
    // Reading the page cleared the flash; a reload shows the open invite, not the link.
    assert.ok(shown.cookies.some((each) => each.name === FLASH_COOKIE && each.value === ''));
    const again = await getDashboardPage(harness.app, '/dashboard/team', owner);
    assert.ok(!again.body.includes(token));
    assert.match(again.body, /<td>Grace Hopper<\/td>\s*<td>Developer<\/td>/);
    // The audit log has the invitation, not the link.
    const events = await harness.store.listAuditEvents({
      accountId,
      actionPrefix: 'member.invited',
      limit: 5,
    });
    assert.equal(events.length, 1);
    assert.equal(events[0]?.actorId, owner.memberId);
    assert.deepEqual(events[0]?.details, { role: 'developer', name: 'Grace Hopper', kind: 'invite' });
    assert.ok(!JSON.stringify(events).includes(token));
  });

  it('changes a role, says so once, and records old and new role', async () => {
    const viewer = await signInMember(harness.app, { accountId, role: 'viewer', displayName: 'Vera Viewer' });
    const posted = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${viewer.memberId}/role`,
      owner,
      {
        role: 'admin',
      },
    );
    assert.equal(posted.statusCode, 303, posted.body);
    assert.equal((await harness.store.findMemberById(viewer.memberId))?.role, 'admin');
    const page = await getDashboardPage(harness.app, '/dashboard/team', owner, {
      cookie: `${owner.cookie}; ${flashCookieOf(posted)}`,
    });
    assert.match(page.body, /The role was changed\./);
    const [event] = await harness.store.listAuditEvents({
      accountId,
      actionPrefix: 'member.role_changed',
      limit: 1,
    });
    assert.equal(event?.targetId, viewer.memberId);
    assert.deepEqual(event?.details, { name: 'Vera Viewer', 'role.old': 'viewer', 'role.new': 'admin' });
    // The new role applies from the member's next request: an admin reads the audit log.
    const audit = await getDashboardPage(harness.app, '/dashboard/audit', viewer);
    assert.equal(audit.statusCode, 200);
    // The same role again changes nothing and records nothing.
    const before = (await auditActions()).length;
    const same = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${viewer.memberId}/role`,
      owner,
      {
        role: 'admin',
      },
    );
    assert.equal(same.statusCode, 303);
    assert.equal((await auditActions()).length, before);
  });

  it('removes a member: their sessions end at once, and the log keeps their name', async () => {
    const leaving = await signInMember(harness.app, {
      accountId,
      role: 'developer',
      displayName: 'Lee Leaving',
    });
    assert.equal((await getDashboardPage(harness.app, '/dashboard/team', leaving)).statusCode, 200);
    const posted = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${leaving.memberId}/remove`,
      owner,
    );
    assert.equal(posted.statusCode, 303, posted.body);
    assert.equal((await getDashboardPage(harness.app, '/dashboard/team', leaving)).statusCode, 303);
    const page = await getDashboardPage(harness.app, '/dashboard/team', owner, {
      cookie: `${owner.cookie}; ${flashCookieOf(posted)}`,
    });
    assert.match(page.body, /The member was removed; their sessions have ended\./);
    assert.ok(!page.body.includes('Lee Leaving'));
    const [event] = await harness.store.listAuditEvents({
      accountId,
      actionPrefix: 'member.removed',
      limit: 1,
    });
    assert.deepEqual(event?.details, { name: 'Lee Leaving', role: 'developer' });
  });

  it('lets an owner hand over: promote another owner, then step down or leave', async () => {
    const tenant = await createTestTenant(harness);
    const first = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const second = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'admin' });
    const promote = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${second.memberId}/role`,
      first,
      {
        role: 'owner',
      },
    );
    assert.equal(promote.statusCode, 303, promote.body);
    const stepDown = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${first.memberId}/role`,
      first,
      {
        role: 'developer',
      },
    );
    assert.equal(stepDown.statusCode, 303, stepDown.body);
    assert.equal((await harness.store.findMemberById(first.memberId))?.role, 'developer');
    // The remaining owner may now leave only by first making another owner; removing themselves fails.
    const leave = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${second.memberId}/remove`,
      second,
    );
    assert.equal(leave.statusCode, 409, leave.body);
    // An admin who leaves is signed out.
    const admin = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'admin' });
    const left = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${admin.memberId}/remove`,
      admin,
    );
    assert.equal(left.statusCode, 303, left.body);
    assert.equal(left.headers.location, '/login');
    assert.equal((await getDashboardPage(harness.app, '/dashboard/team', admin)).statusCode, 303);
  });

  it('shows members to every role, without the forms to those who cannot manage', async () => {
    const viewer = await signInMember(harness.app, { accountId, role: 'viewer' });
    const page = await getDashboardPage(harness.app, '/dashboard/team', viewer);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Olive Owner/);
    assert.ok(!page.body.includes('/dashboard/team/invite'));
    assert.ok(!page.body.includes('/role"'));
    assert.ok(!page.body.includes('/remove"'));
    assert.ok(!page.body.includes('Grace Hopper'), 'open invites are for those who manage members');
  });
});
