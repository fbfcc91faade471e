// Bad team requests: unknown roles, over-long names, missing fields, the last owner, unknown members.
// Each is answered without changing anything: no member, role, link or audit event appears.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { type DashboardTestSession, postDashboardForm, signInMember } from '../support/dashboard-session.ts';

describe('dashboard team: bad requests', () => {
  let harness: TestApp;
  let accountId: string;
  let owner: DashboardTestSession;
  let developer: DashboardTestSession;

  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
    accountId = (await createTestTenant(harness)).project.accountId;
    owner = await signInMember(harness.app, { accountId, role: 'owner' });
    developer = await signInMember(harness.app, { accountId, role: 'developer' });
  });
  after(async () => {
    await harness.close();
  });

  /** Everything a refused request must leave as it was. */
  async function snapshot() {
    const [members, links, events] = await Promise.all([
      harness.store.listMembersByAccount(accountId, { includeRemoved: true }),
      harness.store.listOpenMemberLinks(accountId, harness.clock.now()),
      harness.store.listAuditEvents({ accountId, limit: 100 }),
    ]);
    return JSON.stringify({ members, links, events: events.map((event) => event.id) });
  }

  const badInvites: ReadonlyArray<[string, Record<string, string>, RegExp]> = [
    ['an unknown role', { role: 'superuser' }, /Choose a role from the list\./],
    ['no role', { name: 'Nobody' }, /Choose a role from the list\./],
    ['an upper-case role', { role: 'Owner' }, /Choose a role from the list\./],
    [
      'a name over 100 characters',
      { role: 'viewer', name: 'x'.repeat(101) },
      /A name is at most 100 characters\./,
    ],
  ];
  for (const [what, fields, message] of badInvites) {
    it(`refuses an invite with ${what} (400), creating nothing`, async () => {
      const before = await snapshot();
      const response = await postDashboardForm(harness.app, '/dashboard/team/invite', owner, fields);
      assert.equal(response.statusCode, 400, response.body);
      assert.match(response.body, message);
      assert.match(response.body, /role="alert"/);
      assert.equal(await snapshot(), before);
    });
  }

  it('keeps what was typed in a refused invite form, escaped', async () => {
    const response = await postDashboardForm(harness.app, '/dashboard/team/invite', owner, {
      role: 'nope',
      name: '<b>Ann</b>',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /<input name="name" value="&lt;b&gt;Ann&lt;\/b&gt;"/);
  });

  it('refuses a role change to an unknown role (400)', async () => {
    const before = await snapshot();
    for (const role of ['root', '', 'owner ']) {
      const response = await postDashboardForm(
        harness.app,
        `/dashboard/team/members/${developer.memberId}/role`,
        owner,
        { role },
      );
      assert.equal(response.statusCode, 400, `${role}: ${response.body}`);
    }
    const missing = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${developer.memberId}/role`,
      owner,
    );
    assert.equal(missing.statusCode, 400);
    assert.equal(await snapshot(), before);
  });

  it('never demotes or removes the last owner (409)', async () => {
    const before = await snapshot();
    const demote = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${owner.memberId}/role`,
      owner,
      {
        role: 'admin',
      },
    );
    assert.equal(demote.statusCode, 409, demote.body);
    assert.match(demote.body, /The account must keep at least one owner\./);
    const remove = await postDashboardForm(
      harness.app,
      `/dashboard/team/members/${owner.memberId}/remove`,
      owner,
    );
    assert.equal(remove.statusCode, 409, remove.body);
    assert.equal(await snapshot(), before);
  });

  it('answers 404 for unknown and removed members', async () => {
    const gone = await signInMember(harness.app, { accountId, role: 'viewer' });
    assert.equal(
      (await postDashboardForm(harness.app, `/dashboard/team/members/${gone.memberId}/remove`, owner))
        .statusCode,
      303,
    );
    const before = await snapshot();
    for (const memberId of ['mem_00000000000000000000', gone.memberId, '..', 'x'.repeat(150)]) {
      const role = await postDashboardForm(harness.app, `/dashboard/team/members/${memberId}/role`, owner, {
        role: 'admin',
      });
      assert.equal(role.statusCode, 404, `${memberId}: ${role.body}`);
      const remove = await postDashboardForm(
        harness.app,
        `/dashboard/team/members/${memberId}/remove`,
        owner,
      );
      assert.equal(remove.statusCode, 404, memberId);
    }
    assert.equal(await snapshot(), before);
  });
});
