// Refusals on the projects and settings pages: no or expired session, every role against every action,
// another account's project, and forged requests (no token, a wrong token, another origin). Each
// refusal changes nothing and writes no audit row.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canPerform, MEMBER_ROLES } from '../../src/core/members/member-roles.ts';
import { SESSION_IDLE_TIMEOUT_MS } from '../../src/core/members/member-sessions.ts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { settingsFormFields } from '../support/dashboard-projects.ts';
import {
  type DashboardTestSession,
  getDashboardPage,
  postDashboardForm,
  signInMember,
} from '../support/dashboard-session.ts';

describe('dashboard projects: refusals', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  /** Everything a refused request could have changed for this tenant's account. */
  async function snapshot(tenant: TestTenant) {
    const accountId = tenant.project.accountId;
    return {
      projects: await harness.store.listProjectsByAccount(accountId),
      audit: await harness.store.listAuditEvents({ accountId, limit: 10 }),
    };
  }

  const settingsUrl = (tenant: TestTenant) => `/dashboard/p/${tenant.project.id}/test/settings`;
  const renameForm = (tenant: TestTenant) => settingsFormFields(tenant.project, { name: 'Taken over' });

  it('sends a GET without a session to sign in, and refuses a POST with 401, changing nothing', async () => {
    const tenant = await createTestTenant(harness);
    const state = await snapshot(tenant);
    for (const url of ['/dashboard/projects', settingsUrl(tenant)]) {
      const reply = await getDashboardPage(harness.app, url, null);
      assert.equal(reply.statusCode, 303, url);
      assert.equal(reply.headers.location, `/login?next=${encodeURIComponent(url)}`);
    }
    const create = await postDashboardForm(harness.app, '/dashboard/projects', null, { name: 'Sneaky' });
    assert.equal(create.statusCode, 401, create.body);
    const update = await postDashboardForm(harness.app, settingsUrl(tenant), null, renameForm(tenant));
    assert.equal(update.statusCode, 401, update.body);
    assert.deepEqual(await snapshot(tenant), state);
  });

  it('treats an expired session as none', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const state = await snapshot(tenant);
    harness.clock.advanceBy(SESSION_IDLE_TIMEOUT_MS + 1_000);
    const page = await getDashboardPage(harness.app, settingsUrl(tenant), owner);
    assert.equal(page.statusCode, 303);
    assert.match(String(page.headers.location), /^\/login\?next=/);
    const update = await postDashboardForm(harness.app, settingsUrl(tenant), owner, renameForm(tenant));
    assert.equal(update.statusCode, 401, update.body);
    const create = await postDashboardForm(harness.app, '/dashboard/projects', owner, { name: 'Late' });
    assert.equal(create.statusCode, 401, create.body);
    assert.deepEqual(await snapshot(tenant), state);
  });

  it('lets every role read, and only the roles the table allows create or update, refusing others with 403', async () => {
    for (const role of MEMBER_ROLES) {
      const tenant = await createTestTenant(harness);
      const session = await signInMember(harness.app, { accountId: tenant.project.accountId, role });
      for (const url of ['/dashboard/projects', settingsUrl(tenant)]) {
        assert.equal(
          (await getDashboardPage(harness.app, url, session)).statusCode,
          200,
          `${role} GET ${url}`,
        );
      }
      const list = await getDashboardPage(harness.app, '/dashboard/projects', session);
      assert.equal(
        list.body.includes('action="/dashboard/projects"'),
        canPerform(role, 'project.create'),
        `${role}: the create form shows only when allowed`,
      );
      const settings = await getDashboardPage(harness.app, settingsUrl(tenant), session);
      assert.equal(settings.body.includes('Save settings'), canPerform(role, 'project.update'), role);

      const state = await snapshot(tenant);
      const create = await postDashboardForm(harness.app, '/dashboard/projects', session, {
        name: `By ${role}`,
      });
      const update = await postDashboardForm(harness.app, settingsUrl(tenant), session, renameForm(tenant));
      if (canPerform(role, 'project.create')) {
        assert.equal(create.statusCode, 303, `${role} create: ${create.body}`);
      } else {
        assert.equal(create.statusCode, 403, `${role} create: ${create.body}`);
        assert.match(create.body, /Not allowed/);
      }
      if (canPerform(role, 'project.update')) {
        assert.equal(update.statusCode, 303, `${role} update: ${update.body}`);
        assert.equal((await harness.store.findProjectById(tenant.project.id))?.name, 'Taken over');
      } else {
        assert.equal(update.statusCode, 403, `${role} update: ${update.body}`);
      }
      if (!canPerform(role, 'project.create') && !canPerform(role, 'project.update')) {
        assert.deepEqual(await snapshot(tenant), state, `${role}: nothing changed`);
      }
    }
  });

  it('answers another account’s project with 404, exactly like an unknown one, changing nothing', async () => {
    const victim = await createTestTenant(harness);
    const attacker = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: attacker.project.accountId, role: 'owner' });
    const state = await snapshot(victim);
    const read = await getDashboardPage(harness.app, settingsUrl(victim), owner);
    const unknown = await getDashboardPage(
      harness.app,
      '/dashboard/p/proj_doesnotexist/test/settings',
      owner,
    );
    assert.equal(read.statusCode, 404);
    assert.equal(unknown.statusCode, 404);
    assert.equal(read.body, unknown.body);
    assert.ok(!read.body.includes(victim.project.name));
    const update = await postDashboardForm(harness.app, settingsUrl(victim), owner, renameForm(victim));
    assert.equal(update.statusCode, 404, update.body);
    assert.deepEqual(await snapshot(victim), state);
    const list = await getDashboardPage(harness.app, '/dashboard/projects', owner);
    assert.ok(!list.body.includes(victim.project.id));
  });

  it('refuses a state change without the token, with a wrong one, or from another origin (403), changing nothing', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const other: DashboardTestSession = await signInMember(harness.app, {
      accountId: tenant.project.accountId,
      role: 'owner',
    });
    const state = await snapshot(tenant);
    const forgeries: Array<[string, Record<string, string>, Record<string, string>]> = [
      ['missing token', { _csrf: '' }, {}],
      ['wrong token', { _csrf: 'x'.repeat(43) }, {}],
      ['another session’s token', { _csrf: other.csrfToken }, {}],
      ['foreign origin', {}, { origin: 'https://evil.example' }],
      ['cross-site fetch', {}, { 'sec-fetch-site': 'cross-site' }],
    ];
    for (const [label, fields, headers] of forgeries) {
      const create = await postDashboardForm(
        harness.app,
        '/dashboard/projects',
        owner,
        { name: 'Forged', ...fields },
        headers,
      );
      assert.equal(create.statusCode, 403, `create, ${label}: ${create.body}`);
      assert.match(create.body, /Request refused/);
      const update = await postDashboardForm(
        harness.app,
        settingsUrl(tenant),
        owner,
        { ...renameForm(tenant), ...fields },
        headers,
      );
      assert.equal(update.statusCode, 403, `update, ${label}: ${update.body}`);
    }
    // A form without any _csrf field at all.
    const bare = await harness.app.inject({
      method: 'POST',
      url: '/dashboard/projects',
      headers: {
        cookie: owner.cookie,
        origin: new URL(harness.app.services.verification.publicUrl).origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'name=Forged',
    });
    assert.equal(bare.statusCode, 403, bare.body);
    assert.deepEqual(await snapshot(tenant), state);
  });
});
