// Refusals on the keys page: no or expired session, every role against creating and revoking, a key of
// another project, mode or account, and forged requests. Each refusal changes nothing: no key made, no
// key revoked (the API still accepts it), no audit row.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../src/core/keys/create-api-key.ts';
import { canPerform, MEMBER_ROLES } from '../../src/core/members/member-roles.ts';
import { SESSION_IDLE_TIMEOUT_MS } from '../../src/core/members/member-sessions.ts';
import { createProject } from '../../src/core/tenancy/create-project.ts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { getDashboardPage, postDashboardForm, signInMember } from '../support/dashboard-session.ts';

describe('dashboard keys: refusals', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  async function snapshot(tenant: TestTenant) {
    return {
      keys: await harness.store.listApiKeysByProject(tenant.project.id),
      audit: await harness.store.listAuditEvents({ accountId: tenant.project.accountId, limit: 10 }),
    };
  }

  const keysUrl = (tenant: TestTenant, mode: 'live' | 'test' = 'test') =>
    `/dashboard/p/${tenant.project.id}/${mode}/keys`;
  const revokeUrl = (tenant: TestTenant) => `${keysUrl(tenant)}/${tenant.testKeyId}/revoke`;

  async function assertKeyStillWorks(tenant: TestTenant): Promise<void> {
    const reply = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${tenant.testKey}` },
    });
    assert.equal(reply.statusCode, 200, reply.body);
  }

  it('sends a GET without a session to sign in, and refuses POSTs with 401, changing nothing', async () => {
    const tenant = await createTestTenant(harness);
    const state = await snapshot(tenant);
    const page = await getDashboardPage(harness.app, keysUrl(tenant), null);
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, `/login?next=${encodeURIComponent(keysUrl(tenant))}`);
    assert.equal(
      (await postDashboardForm(harness.app, keysUrl(tenant), null, { name: 'x' })).statusCode,
      401,
    );
    assert.equal((await postDashboardForm(harness.app, revokeUrl(tenant), null)).statusCode, 401);
    assert.deepEqual(await snapshot(tenant), state);
    await assertKeyStillWorks(tenant);
  });

  it('treats an expired session as none', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const state = await snapshot(tenant);
    harness.clock.advanceBy(SESSION_IDLE_TIMEOUT_MS + 1_000);
    assert.equal((await getDashboardPage(harness.app, keysUrl(tenant), owner)).statusCode, 303);
    assert.equal(
      (await postDashboardForm(harness.app, keysUrl(tenant), owner, { name: 'x' })).statusCode,
      401,
    );
    assert.equal((await postDashboardForm(harness.app, revokeUrl(tenant), owner)).statusCode, 401);
    assert.deepEqual(await snapshot(tenant), state);
  });

  it('lets every role read, shows only the buttons its role may use, and refuses the rest with 403', async () => {
    for (const role of MEMBER_ROLES) {
      const tenant = await createTestTenant(harness);
      const session = await signInMember(harness.app, { accountId: tenant.project.accountId, role });
      const page = await getDashboardPage(harness.app, keysUrl(tenant), session);
      assert.equal(page.statusCode, 200, `${role}: ${page.body}`);
      assert.equal(
        page.body.includes('Create key</button>'),
        canPerform(role, 'key.create'),
        `${role}: create form`,
      );
      assert.equal(
        page.body.includes(`${tenant.testKeyId}/revoke`),
        canPerform(role, 'key.revoke'),
        `${role}: revoke`,
      );

      const state = await snapshot(tenant);
      const created = await postDashboardForm(harness.app, keysUrl(tenant), session, { name: `By ${role}` });
      assert.equal(
        created.statusCode,
        canPerform(role, 'key.create') ? 303 : 403,
        `${role} create: ${created.body}`,
      );
      const revoked = await postDashboardForm(harness.app, revokeUrl(tenant), session);
      assert.equal(
        revoked.statusCode,
        canPerform(role, 'key.revoke') ? 303 : 403,
        `${role} revoke: ${revoked.body}`,
      );
      if (!canPerform(role, 'key.create') && !canPerform(role, 'key.revoke')) {
        assert.deepEqual(await snapshot(tenant), state, `${role}: nothing changed`);
        await assertKeyStillWorks(tenant);
      }
    }
  });

  it('answers a key of another mode, another project or another account with 404, revoking nothing', async () => {
    const tenant = await createTestTenant(harness);
    const accountId = tenant.project.accountId;
    const owner = await signInMember(harness.app, { accountId, role: 'owner' });
    const sibling = await createProject(harness, { accountId, name: 'Sibling' });
    assert.ok(sibling.ok);
    const siblingKey = await createApiKey(harness, { projectId: sibling.project.id, mode: 'test' });
    assert.ok(siblingKey);
    const stranger = await createTestTenant(harness);
    const state = await snapshot(tenant);
    const strangerState = await snapshot(stranger);
    for (const url of [
      // The live page with a test key: modes never mix.
      `${keysUrl(tenant, 'live')}/${tenant.testKeyId}/revoke`,
      // This project's page with a key of another project of the same account.
      `${keysUrl(tenant)}/${siblingKey.apiKey.id}/revoke`,
      // Another account's key through this project's page, and through its own project's page.
      `${keysUrl(tenant)}/${stranger.testKeyId}/revoke`,
      `${keysUrl(stranger)}/${stranger.testKeyId}/revoke`,
    ]) {
      const reply = await postDashboardForm(harness.app, url, owner);
      assert.equal(reply.statusCode, 404, `${url}: ${reply.body}`);
    }
    const strangerPage = await getDashboardPage(harness.app, keysUrl(stranger), owner);
    assert.equal(strangerPage.statusCode, 404);
    assert.ok(!strangerPage.body.includes(stranger.testKeyId));
    const strangerCreate = await postDashboardForm(harness.app, keysUrl(stranger), owner, {
      name: 'Planted',
    });
    assert.equal(strangerCreate.statusCode, 404);
    assert.deepEqual(await snapshot(tenant), state);
    assert.deepEqual(await snapshot(stranger), strangerState);
    assert.equal((await harness.store.findApiKeyById(siblingKey.apiKey.id))?.revokedAt, null);
    await assertKeyStillWorks(tenant);
    await assertKeyStillWorks(stranger);
  });

  it('refuses creating or revoking without the token, with a wrong one, or from another origin (403)', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const state = await snapshot(tenant);
    const forgeries: Array<[string, Record<string, string>, Record<string, string>]> = [
      ['missing token', { _csrf: '' }, {}],
      ['wrong token', { _csrf: 'x'.repeat(43) }, {}],
      ['foreign origin', {}, { origin: 'https://evil.example' }],
      ['cross-site fetch', {}, { 'sec-fetch-site': 'cross-site' }],
    ];
    for (const [label, fields, headers] of forgeries) {
      const created = await postDashboardForm(
        harness.app,
        keysUrl(tenant),
        owner,
        { name: 'Forged', ...fields },
        headers,
      );
      assert.equal(created.statusCode, 403, `create, ${label}: ${created.body}`);
      assert.ok(
        !String(created.headers['set-cookie'] ?? '').includes('poy_dash_flash='),
        'no key in a flash',
      );
      const revoked = await postDashboardForm(harness.app, revokeUrl(tenant), owner, fields, headers);
      assert.equal(revoked.statusCode, 403, `revoke, ${label}: ${revoked.body}`);
    }
    assert.deepEqual(await snapshot(tenant), state);
    await assertKeyStillWorks(tenant);
  });

  it('shows no flash of one session’s new key to another session', async () => {
    const tenant = await createTestTenant(harness);
    const accountId = tenant.project.accountId;
    const maker = await signInMember(harness.app, { accountId, role: 'developer' });
    const onlooker = await signInMember(harness.app, { accountId, role: 'viewer' });
    const created = await postDashboardForm(harness.app, keysUrl(tenant), maker, { name: 'Mine' });
    assert.equal(created.statusCode, 303);
    const setCookie = created.headers['set-cookie'];
    const flash = (Array.isArray(setCookie) ? setCookie : [String(setCookie)]).find((c) =>
      c.startsWith('poy_dash_flash='),
    );
    assert.ok(flash);
    const stolen = await getDashboardPage(harness.app, keysUrl(tenant), onlooker, {
      cookie: `${onlooker.cookie}; ${flash.split(';')[0]}`,
    });
    assert.equal(stolen.statusCode, 200);
    assert.ok(!stolen.body.includes('secret-reveal'));
    assert.ok(!stolen.body.includes('id="new-key"'));
  });
});
