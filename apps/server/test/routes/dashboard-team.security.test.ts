// Who may change a team: every role against every team action (invite with each role, change each
// role to each role, remove each role), another account's members, no session, and forged requests.
// A refusal changes nothing: no member, role, link or audit event.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  canAssignRole,
  canPerform,
  MEMBER_ROLES,
  type MemberRole,
} from '../../src/core/members/member-roles.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import {
  type DashboardTestSession,
  getDashboardPage,
  postDashboardForm,
  signInMember,
} from '../support/dashboard-session.ts';

describe('dashboard team: security', () => {
  let harness: TestApp;

  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  async function snapshot(accountId: string): Promise<string> {
    const [members, links, events] = await Promise.all([
      harness.store.listMembersByAccount(accountId, { includeRemoved: true }),
      harness.store.listOpenMemberLinks(accountId, harness.clock.now()),
      harness.store.listAuditEvents({ accountId, limit: 500 }),
    ]);
    return JSON.stringify({ members, links, events: events.map((event) => event.id) });
  }

  /** An account with the acting member and a second owner, so no change ever meets the last-owner rule. */
  async function accountWith(actorRole: MemberRole) {
    const accountId = (await createTestTenant(harness)).project.accountId;
    const actor = await signInMember(harness.app, { accountId, role: actorRole });
    await signInMember(harness.app, { accountId, role: 'owner' });
    return { accountId, actor };
  }

  for (const actorRole of MEMBER_ROLES) {
    const manages = canPerform(actorRole, 'member.manage');

    it(`${actorRole}: invites only with the roles it may give`, async () => {
      const { accountId, actor } = await accountWith(actorRole);
      for (const role of MEMBER_ROLES) {
        const allowed = manages && canAssignRole(actorRole, role);
        const before = await snapshot(accountId);
        const links = () => harness.store.listOpenMemberLinks(accountId, harness.clock.now());
        const linksBefore = await links();
        const response = await postDashboardForm(harness.app, '/dashboard/team/invite', actor, { role });
        assert.equal(
          response.statusCode,
          allowed ? 303 : 403,
          `${actorRole} invites ${role}: ${response.body}`,
        );
        if (!allowed) assert.equal(await snapshot(accountId), before);
        else {
          const added = (await links()).filter((link) => !linksBefore.some((old) => old.id === link.id));
          assert.deepEqual(
            added.map((link) => link.role),
            [role],
          );
        }
      }
    });

    it(`${actorRole}: changes only the roles it may take and give`, async () => {
      const { accountId, actor } = await accountWith(actorRole);
      for (const from of MEMBER_ROLES) {
        const target = await signInMember(harness.app, { accountId, role: from });
        for (const to of MEMBER_ROLES.filter((role) => role !== from)) {
          const allowed = manages && canAssignRole(actorRole, from) && canAssignRole(actorRole, to);
          const before = await snapshot(accountId);
          const response = await postDashboardForm(
            harness.app,
            `/dashboard/team/members/${target.memberId}/role`,
            actor,
            { role: to },
          );
          assert.equal(
            response.statusCode,
            allowed ? 303 : 403,
            `${actorRole}: ${from} → ${to}: ${response.body}`,
          );
          const now = await harness.store.findMemberById(target.memberId);
          if (allowed) {
            assert.equal(now?.role, to);
            // Back to where it was for the next case.
            await harness.store.updateMemberRole(target.memberId, from);
          } else {
            assert.equal(now?.role, from);
            assert.equal(await snapshot(accountId), before);
          }
        }
      }
    });

    it(`${actorRole}: removes only members whose role it may take away`, async () => {
      const { accountId, actor } = await accountWith(actorRole);
      for (const role of MEMBER_ROLES) {
        const target = await signInMember(harness.app, { accountId, role });
        const allowed = manages && canAssignRole(actorRole, role);
        const before = await snapshot(accountId);
        const response = await postDashboardForm(
          harness.app,
          `/dashboard/team/members/${target.memberId}/remove`,
          actor,
        );
        assert.equal(
          response.statusCode,
          allowed ? 303 : 403,
          `${actorRole} removes ${role}: ${response.body}`,
        );
        const now = await harness.store.findMemberById(target.memberId);
        if (allowed) assert.notEqual(now?.removedAt, null);
        else {
          assert.equal(now?.removedAt, null);
          assert.equal(await snapshot(accountId), before);
          // Still signed in: a refused removal ends nothing.
          assert.equal((await getDashboardPage(harness.app, '/dashboard/team', target)).statusCode, 200);
        }
      }
    });
  }

  it('an admin cannot make an owner, by promotion or by invite', async () => {
    const { accountId, actor } = await accountWith('admin');
    const developer = await signInMember(harness.app, { accountId, role: 'developer' });
    const before = await snapshot(accountId);
    const promote = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${developer.memberId}/role`,
      actor,
      {
        role: 'owner',
      },
    );
    assert.equal(promote.statusCode, 403);
    const self = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${actor.memberId}/role`,
      actor,
      {
        role: 'owner',
      },
    );
    assert.equal(self.statusCode, 403);
    const invite = await postDashboardForm(harness.app, '/dashboard/team/invite', actor, { role: 'owner' });
    assert.equal(invite.statusCode, 403);
    assert.equal(await snapshot(accountId), before);
    // Nor is an owner role offered on the admin's page.
    const page = await getDashboardPage(harness.app, '/dashboard/team', actor);
    assert.ok(!page.body.includes('<option value="owner"'));
  });

  it("answers another account's members exactly like unknown ones (404), changing nothing", async () => {
    const ours = await accountWith('owner');
    const theirs = await accountWith('owner');
    const victim = await signInMember(harness.app, { accountId: theirs.accountId, role: 'developer' });
    const before = await snapshot(theirs.accountId);
    const role = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${victim.memberId}/role`,
      ours.actor,
      {
        role: 'viewer',
      },
    );
    const unknown = await postDashboardForm(
      harness.app,
      '/dashboard/team/members/mem_00000000000000000000/role',
      ours.actor,
      { role: 'viewer' },
    );
    assert.equal(role.statusCode, 404);
    assert.equal(unknown.statusCode, 404);
    assert.equal(role.body, unknown.body);
    const remove = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${victim.memberId}/remove`,
      ours.actor,
    );
    assert.equal(remove.statusCode, 404);
    assert.equal(await snapshot(theirs.accountId), before);
    assert.equal((await getDashboardPage(harness.app, '/dashboard/team', victim)).statusCode, 200);
    // Nor does our page show their members.
    const page = await getDashboardPage(harness.app, '/dashboard/team', ours.actor);
    assert.ok(!page.body.includes(victim.memberId));
  });

  it('refuses every team request without a session: 303 to sign in for the page, 401 for changes', async () => {
    const { accountId } = await accountWith('owner');
    const target = await signInMember(harness.app, { accountId, role: 'viewer' });
    const page = await getDashboardPage(harness.app, '/dashboard/team', null);
    assert.equal(page.statusCode, 303);
    const before = await snapshot(accountId);
    for (const [url, fields] of [
      ['/dashboard/team/invite', { role: 'viewer' }],
      [`/dashboard/team/members/${target.memberId}/role`, { role: 'admin' }],
      [`/dashboard/team/members/${target.memberId}/remove`, {}],
    ] as const) {
      const response = await postDashboardForm(harness.app, url, null, fields);
      assert.equal(response.statusCode, 401, url);
    }
    assert.equal(await snapshot(accountId), before);
  });

  it('refuses forged requests (no token, a wrong one, another origin) with 403, changing nothing', async () => {
    const { accountId, actor } = await accountWith('owner');
    const target = await signInMember(harness.app, { accountId, role: 'viewer' });
    const other: DashboardTestSession = await signInMember(harness.app, { accountId, role: 'owner' });
    const before = await snapshot(accountId);
    const requests: ReadonlyArray<[string, Record<string, string>]> = [
      ['/dashboard/team/invite', { role: 'viewer' }],
      [`/dashboard/team/members/${target.memberId}/role`, { role: 'admin' }],
      [`/dashboard/team/members/${target.memberId}/remove`, {}],
    ];
    for (const [url, fields] of requests) {
      const forged = [
        postDashboardForm(harness.app, url, actor, { ...fields, _csrf: '' }),
        postDashboardForm(harness.app, url, actor, { ...fields, _csrf: other.csrfToken }),
        postDashboardForm(harness.app, url, actor, fields, { origin: 'https://evil.example' }),
        postDashboardForm(harness.app, url, actor, fields, { origin: 'null' }),
      ];
      for (const response of await Promise.all(forged)) assert.equal(response.statusCode, 403, url);
    }
    assert.equal(await snapshot(accountId), before);
  });
});
