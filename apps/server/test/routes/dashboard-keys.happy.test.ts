// The dashboard's API keys page doing its job: keys of the URL's mode only, a new key shown once and
// gone on reload, and a revocation the API honours on its very next request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../src/core/keys/create-api-key.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { flashCookieOf, textOfId } from '../support/dashboard-projects.ts';
import { getDashboardPage, postDashboardForm, signInMember } from '../support/dashboard-session.ts';

describe('dashboard keys: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  const callApi = (key: string) =>
    harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${key}` },
    });

  it('lists only the URL’s mode, with prefix, mode, creator, times and status', async () => {
    const tenant = await createTestTenant(harness);
    const { project } = tenant;
    const owner = await signInMember(harness.app, {
      accountId: project.accountId,
      role: 'owner',
      displayName: 'Ada',
    });
    const cliKey = await createApiKey(harness, {
      projectId: project.id,
      mode: 'test',
      name: 'From the shell',
      actor: { kind: 'cli' },
    });
    assert.ok(cliKey);

    const testPage = await getDashboardPage(harness.app, `/dashboard/p/${project.id}/test/keys`, owner);
    assert.equal(testPage.statusCode, 200, testPage.body);
    assert.ok(testPage.body.includes(`id="key-${tenant.testKeyId}"`));
    assert.ok(testPage.body.includes(`id="key-${cliKey.apiKey.id}"`));
    assert.ok(!testPage.body.includes(tenant.liveKeyId), 'no live key on the test page');
    assert.ok(testPage.body.includes(`<code>${cliKey.apiKey.displayPrefix}…</code>`));
    assert.ok(testPage.body.includes('<td>Command line</td>'));
    assert.ok(testPage.body.includes('<td>Not recorded</td>'), 'a key made before creators were kept');
    assert.ok(testPage.body.includes('<td>Never</td>'));
    assert.ok(testPage.body.includes('>Active</span>'));
    assert.ok(!testPage.body.includes(tenant.testKey), 'never the full key of an existing key');

    const livePage = await getDashboardPage(harness.app, `/dashboard/p/${project.id}/live/keys`, owner);
    assert.equal(livePage.statusCode, 200, livePage.body);
    assert.ok(livePage.body.includes(`id="key-${tenant.liveKeyId}"`));
    assert.ok(!livePage.body.includes(tenant.testKeyId), 'no test key on the live page');
    assert.ok(!livePage.body.includes(cliKey.apiKey.id));
  });

  it('creates a key, shows it once with a copy button, and not again on reload', async () => {
    const tenant = await createTestTenant(harness);
    const { project } = tenant;
    const developer = await signInMember(harness.app, {
      accountId: project.accountId,
      role: 'developer',
      displayName: 'Grace',
    });
    const url = `/dashboard/p/${project.id}/live/keys`;
    const created = await postDashboardForm(harness.app, url, developer, { name: ' Checkout server ' });
    assert.equal(created.statusCode, 303, created.body);
    assert.equal(created.headers.location, url);
    assert.ok(!created.body.includes('poy_live_'), 'the redirect does not carry the key in its body');

    const keys = await harness.store.listApiKeysByProject(project.id, 'live');
    const apiKey = keys.find((key) => key.name === 'Checkout server');
    assert.ok(apiKey);
    assert.equal(apiKey.createdBy, developer.memberId);
    assert.equal(apiKey.mode, 'live');

    const shown = await getDashboardPage(harness.app, url, developer, {
      cookie: `${developer.cookie}; ${flashCookieOf(created)}`,
    });
    assert.equal(shown.statusCode, 200, shown.body);
    const secret = textOfId(shown.body, 'new-key');
    assert.ok(secret?.startsWith(apiKey.displayPrefix), shown.body);
    assert.match(shown.body, /<section class="secret-reveal"/);
    assert.ok(
      shown.body.includes(
        '<button type="button" class="button" data-copy="#new-key" data-copied-label="Copied" hidden>Copy key</button>',
      ),
    );
    assert.match(shown.body, /This is the only time the full key is shown\./);
    assert.ok(shown.body.includes('<td>Grace</td>'));
    // The response that shows the key clears the flash cookie.
    assert.match(String(shown.headers['set-cookie']), /poy_dash_flash=;/);
    assert.equal((await callApi(secret ?? '')).statusCode, 200, 'the key shown works');

    const reloaded = await getDashboardPage(harness.app, url, developer);
    assert.equal(reloaded.statusCode, 200);
    assert.ok(!reloaded.body.includes(secret ?? 'x'), 'a reload shows the key no more');
    assert.ok(!reloaded.body.includes('secret-reveal'));

    const [event] = await harness.store.listAuditEvents({
      accountId: project.accountId,
      actionPrefix: 'api_key.',
      limit: 5,
    });
    assert.equal(event?.action, 'api_key.created');
    assert.equal(event?.actorId, developer.memberId);
    assert.equal(event?.mode, 'live');
    assert.equal(event?.targetId, apiKey.id);
    assert.ok(!JSON.stringify(event).includes(secret ?? 'x'), 'the audit row never holds the key');
  });

  it('revokes a key: the API refuses it on the very next request, and the audit row is written', async () => {
    const tenant = await createTestTenant(harness);
    const { project } = tenant;
    const admin = await signInMember(harness.app, { accountId: project.accountId, role: 'admin' });
    // A first call caches the key in the authenticator; the revocation must drop it.
    assert.equal((await callApi(tenant.testKey)).statusCode, 200);
    const url = `/dashboard/p/${project.id}/test/keys`;
    const page = await getDashboardPage(harness.app, url, admin);
    assert.match(
      page.body,
      new RegExp(
        `<form class="dash-inline-form" method="post" action="${url}/${tenant.testKeyId}/revoke" data-confirm="Revoke the key`,
      ),
    );

    const revoked = await postDashboardForm(harness.app, `${url}/${tenant.testKeyId}/revoke`, admin);
    assert.equal(revoked.statusCode, 303, revoked.body);
    assert.equal(revoked.headers.location, url);
    const refused = await callApi(tenant.testKey);
    assert.equal(refused.statusCode, 401, refused.body);
    assert.equal((await callApi(tenant.liveKey)).statusCode, 200, 'the other key still works');

    const after = await getDashboardPage(harness.app, url, admin, {
      cookie: `${admin.cookie}; ${flashCookieOf(revoked)}`,
    });
    assert.match(after.body, /role="status">The key “test key” was revoked\./);
    assert.match(after.body, /class="tag tag--danger">Revoked /);
    assert.ok(!after.body.includes(`${tenant.testKeyId}/revoke`), 'no revoke button on a revoked key');

    const [event] = await harness.store.listAuditEvents({
      accountId: project.accountId,
      actionPrefix: 'api_key.',
      limit: 5,
    });
    assert.equal(event?.action, 'api_key.revoked');
    assert.equal(event?.actorId, admin.memberId);
    assert.equal(event?.targetId, tenant.testKeyId);
    assert.equal(event?.mode, 'test');

    // Revoking it again changes nothing and writes nothing.
    const again = await postDashboardForm(harness.app, `${url}/${tenant.testKeyId}/revoke`, admin);
    assert.equal(again.statusCode, 303, again.body);
    assert.equal(
      (
        await harness.store.listAuditEvents({
          accountId: project.accountId,
          actionPrefix: 'api_key.',
          limit: 10,
        })
      ).length,
      1,
    );
  });
});
