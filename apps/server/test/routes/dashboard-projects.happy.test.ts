// The dashboard's projects and settings pages doing their job: list, create, save settings (with the
// audit row), and the hosted pages showing the branding saved here.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { flashCookieOf, settingsFormFields } from '../support/dashboard-projects.ts';
import { getDashboardPage, postDashboardForm, signInMember } from '../support/dashboard-session.ts';
import { connectPost, REGISTER } from './connect-helpers.ts';

const YUBIKEY = 'fa2b99dc-9e39-4257-8f92-4a30d23c4118';

describe('dashboard projects: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null, config: { publicUrl: 'https://poy.example' } });
  });
  after(async () => {
    await harness.close();
  });

  it('lists the account’s projects with plan and created date, and offers the create form to an owner', async () => {
    const tenant = await createTestTenant(harness);
    const other = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const page = await getDashboardPage(harness.app, '/dashboard/projects', owner);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.ok(page.body.includes(`>${tenant.project.name}</a>`));
    assert.ok(page.body.includes('<td>Enterprise</td>'));
    assert.ok(page.body.includes(`datetime="${tenant.project.createdAt.toISOString()}"`));
    assert.ok(!page.body.includes(other.project.id), 'another account’s project is not listed');
    assert.match(page.body, /<form class="dash-form" method="post" action="\/dashboard\/projects"/);
    assert.match(page.body, /<option value="free" selected>Free<\/option>/);
  });

  it('creates a project (plan free by default) and lands on its test keys, with the audit row', async () => {
    const tenant = await createTestTenant(harness);
    const accountId = tenant.project.accountId;
    const owner = await signInMember(harness.app, { accountId, role: 'owner', displayName: 'Ada' });
    const created = await postDashboardForm(harness.app, '/dashboard/projects', owner, { name: '  Shop  ' });
    assert.equal(created.statusCode, 303, created.body);
    const project = (await harness.store.listProjectsByAccount(accountId)).find((p) => p.name === 'Shop');
    assert.ok(project, 'the project exists, its name trimmed');
    assert.equal(project.plan, 'free');
    assert.equal(created.headers.location, `/dashboard/p/${project.id}/test/keys`);
    const keysPage = await getDashboardPage(harness.app, String(created.headers.location), owner);
    assert.equal(keysPage.statusCode, 200, keysPage.body);

    const [event] = await harness.store.listAuditEvents({ accountId, actionPrefix: 'project.', limit: 5 });
    assert.equal(event?.action, 'project.created');
    assert.equal(event?.actorId, owner.memberId);
    assert.equal(event?.actorLabel, 'Ada');
    assert.equal(event?.targetId, project.id);
    assert.equal(event?.details.name, 'Shop');

    const pro = await postDashboardForm(harness.app, '/dashboard/projects', owner, {
      name: 'Shop Pro',
      plan: 'pro',
    });
    assert.equal(pro.statusCode, 303, pro.body);
    const projects = await harness.store.listProjectsByAccount(accountId);
    assert.equal(projects.find((p) => p.name === 'Shop Pro')?.plan, 'pro');
  });

  it('shows the settings as saved, and saves every field with one audit row naming old and new values', async () => {
    const tenant = await createTestTenant(harness);
    const { project } = tenant;
    const admin = await signInMember(harness.app, { accountId: project.accountId, role: 'admin' });
    const url = `/dashboard/p/${project.id}/live/settings`;
    const page = await getDashboardPage(harness.app, url, admin);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, new RegExp(`id="settings-name" name="name"[^>]* value="${project.name}"`));
    assert.match(page.body, /<button type="submit" class="button button--primary">Save settings<\/button>/);

    const saved = await postDashboardForm(
      harness.app,
      url,
      admin,
      settingsFormFields(project, {
        name: 'Renamed',
        plan: 'pro',
        trustThreshold: '70',
        requiredAssurance: 'liveness',
        attestationRequired: 'on',
        aaguidAllowList: `${YUBIKEY.toUpperCase()}\n`,
        'velocityLimits.startsPerIpPerHour': '60',
        'velocityLimits.velocityAction': 'review',
        inviteTtlSeconds: '3600',
        redirectOrigins: 'https://shop.example\r\nhttp://localhost:3000',
        webauthnRpId: 'shop.example',
        webauthnRpName: 'Shop',
        webauthnOrigins: 'https://login.shop.example',
        brandName: 'Shop & Co',
        brandColor: '#0A7D4F',
        brandLogoUrl: 'https://cdn.shop.example/logo.svg',
      }),
    );
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal(saved.headers.location, url);
    const stored = await harness.store.findProjectById(project.id);
    assert.deepEqual(stored, {
      ...project,
      name: 'Renamed',
      plan: 'pro',
      trustThreshold: 70,
      requiredAssurance: 'liveness',
      attestationRequired: true,
      aaguidAllowList: [YUBIKEY],
      velocityLimits: {
        ...(project.velocityLimits ?? assert.fail('tenant limits')),
        startsPerIpPerHour: 60,
        velocityAction: 'review',
      },
      inviteTtlSeconds: 3600,
      redirectOrigins: ['https://shop.example', 'http://localhost:3000'],
      webauthnRpId: 'shop.example',
      webauthnRpName: 'Shop',
      webauthnOrigins: ['https://login.shop.example'],
      brandName: 'Shop & Co',
      brandColor: '#0a7d4f',
      brandLogoUrl: 'https://cdn.shop.example/logo.svg',
    });

    const after = await getDashboardPage(harness.app, url, admin, {
      cookie: `${admin.cookie}; ${flashCookieOf(saved)}`,
    });
    assert.match(after.body, /role="status">Settings saved\./);
    assert.match(after.body, /id="settings-brandColor" name="brandColor"[^>]* value="#0a7d4f"/);

    const events = await harness.store.listAuditEvents({
      accountId: project.accountId,
      actionPrefix: 'project.',
      limit: 10,
    });
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event?.action, 'project.updated');
    assert.equal(event?.actorId, admin.memberId);
    assert.equal(event?.projectId, project.id);
    assert.equal(event?.details['name.old'], project.name);
    assert.equal(event?.details['name.new'], 'Renamed');
    assert.equal(event?.details['plan.old'], 'enterprise');
    assert.equal(event?.details['plan.new'], 'pro');

    // Saving the page again as shown changes nothing and writes nothing.
    const again = await postDashboardForm(harness.app, url, admin, settingsFormFields(stored ?? project));
    assert.equal(again.statusCode, 303, again.body);
    assert.equal(
      (
        await harness.store.listAuditEvents({
          accountId: project.accountId,
          actionPrefix: 'project.',
          limit: 10,
        })
      ).length,
      1,
    );
    const unchanged = await getDashboardPage(harness.app, url, admin, {
      cookie: `${admin.cookie}; ${flashCookieOf(again)}`,
    });
    assert.match(unchanged.body, /Nothing was changed\./);
  });

  it('shows the settings to a viewer without a way to save them', async () => {
    const tenant = await createTestTenant(harness);
    const viewer = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    const page = await getDashboardPage(
      harness.app,
      `/dashboard/p/${tenant.project.id}/test/settings`,
      viewer,
    );
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Only owners and admins can change these settings\./);
    assert.ok(!page.body.includes('Save settings'));
    assert.match(page.body, /<fieldset class="dash-fieldset" disabled>/);
  });

  it('shows the saved name, logo and colour on the project’s hosted invite page, allowing that one image origin', async () => {
    const tenant = await createTestTenant(harness);
    const { project } = tenant;
    const owner = await signInMember(harness.app, { accountId: project.accountId, role: 'owner' });
    const saved = await postDashboardForm(
      harness.app,
      `/dashboard/p/${project.id}/test/settings`,
      owner,
      settingsFormFields(project, {
        brandName: 'Shop "&" Co',
        brandColor: '#0a7d4f',
        brandLogoUrl: 'https://cdn.shop.example/logo.svg',
      }),
    );
    assert.equal(saved.statusCode, 303, saved.body);
    const registered = await connectPost(harness, tenant.testKey, REGISTER, { reference_user_id: 'branded' });
    assert.equal(registered.statusCode, 200, registered.body);
    const invitePath = new URL(String(registered.json.invite_url)).pathname;
    const page = await harness.app.inject({
      method: 'GET',
      url: invitePath,
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)' },
    });
    assert.equal(page.statusCode, 200, page.body);
    assert.ok(
      page.body.includes(
        '<img class="project-brand__logo" src="https://cdn.shop.example/logo.svg" alt="Shop &quot;&amp;&quot; Co" referrerpolicy="no-referrer" decoding="async">',
      ),
      page.body,
    );
    assert.ok(page.body.includes('fill="#0a7d4f"'));
    assert.ok(
      page.body.includes('Shop &quot;&amp;&quot; Co asks you to confirm'),
      'the brand name replaces the project name',
    );
    assert.match(
      String(page.headers['content-security-policy']),
      /img-src 'self' data: https:\/\/cdn\.shop\.example;/,
    );
  });
});
