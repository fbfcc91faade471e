// Bad input on the projects and settings pages: each wrong field answers 400 with the form as typed and
// a message beside that field, and nothing is saved or audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SettingsTextField, settingsFieldId } from '../../src/web/dashboard/settings-page.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { settingsFormFields } from '../support/dashboard-projects.ts';
import { getDashboardPage, postDashboardForm, signInMember } from '../support/dashboard-session.ts';

/** Each field with a value the settings must refuse, and the start of the message shown for it. */
const INVALID_SETTINGS: ReadonlyArray<[field: SettingsTextField, value: string, message: RegExp]> = [
  ['name', '   ', /Enter a name of 1 to 200 characters\./],
  ['name', 'x'.repeat(201), /Enter a name of 1 to 200 characters\./],
  ['plan', 'platinum', /Choose one of the plans\./],
  ['trustThreshold', '101', /Enter a whole number from 0 to 100\./],
  ['trustThreshold', 'high', /Enter a whole number from 0 to 100\./],
  ['trustThreshold', '-1', /Enter a whole number from 0 to 100\./],
  ['requiredAssurance', 'maximum', /Choose one of the levels\./],
  ['aaguidAllowList', 'yubikey', /List each model as 8-4-4-4-12 hexadecimal digits/],
  ['aaguidAllowList', '00000000-0000-0000-0000-000000000000', /List each model as 8-4-4-4-12/],
  ['velocityLimits.newHumansPerIpPerHour', '0', /Enter a whole number from 1 to 10000\./],
  ['velocityLimits.newHumansPerPrefixPerHour', '10001', /Enter a whole number from 1 to 10000\./],
  ['velocityLimits.newHumansPerDevicePerDay', '1.5', /Enter a whole number from 1 to 10000\./],
  ['velocityLimits.startsPerIpPerHour', '', /Enter a whole number from 1 to 10000\./],
  ['velocityLimits.startsPerDevicePerHour', 'ten', /Enter a whole number from 1 to 10000\./],
  ['velocityLimits.velocityAction', 'block', /Choose one of the two\./],
  ['inviteTtlSeconds', '60', /Enter a whole number from 300 to 2592000, or leave it empty\./],
  ['inviteTtlSeconds', '2592001', /Enter a whole number from 300 to 2592000/],
  ['redirectOrigins', 'http://shop.example', /List each origin as scheme, host and port only/],
  ['redirectOrigins', 'https://shop.example/return', /List each origin as scheme, host and port only/],
  ['webauthnRpId', 'not a domain', /Enter a domain such as shop\.example/],
  ['webauthnRpId', 'shop.example', /Enter a domain such as shop\.example/],
  ['webauthnRpName', 'x'.repeat(101), /At most 100 characters\./],
  ['webauthnOrigins', 'ftp://login.shop.example', /List each origin as scheme, host and port only/],
  ['brandName', 'x'.repeat(101), /At most 100 characters\./],
  ['brandColor', 'green', /Enter # and six hexadecimal digits/],
  ['brandColor', '#0a7d4f" onmouseover="x', /Enter # and six hexadecimal digits/],
  ['brandLogoUrl', 'http://cdn.example/logo.png', /Enter an https address/],
  ['brandLogoUrl', 'javascript:alert(1)', /Enter an https address/],
];

describe('dashboard projects: bad input', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null, config: { publicUrl: 'https://poy.example' } });
  });
  after(async () => {
    await harness.close();
  });

  it('refuses each invalid settings field with 400 and its message, saving nothing', async () => {
    const tenant = await createTestTenant(harness);
    const { project } = tenant;
    const owner = await signInMember(harness.app, { accountId: project.accountId, role: 'owner' });
    const url = `/dashboard/p/${project.id}/test/settings`;
    for (const [field, value, message] of INVALID_SETTINGS) {
      // Another field changed beside the bad one: it must not be saved either.
      const reply = await postDashboardForm(
        harness.app,
        url,
        owner,
        settingsFormFields(project, { name: 'Not saved', [field]: value }),
      );
      const label = `${field}=${value.slice(0, 40)}`;
      assert.equal(reply.statusCode, 400, `${label}: ${reply.body.slice(0, 200)}`);
      assert.match(reply.headers['content-type'] ?? '', /text\/html/);
      assert.match(reply.body, /Nothing was saved\. Correct the fields marked below\./, label);
      const id = settingsFieldId(field);
      assert.match(
        reply.body,
        new RegExp(`<span id="${id}-error" class="field-error">${message.source}`),
        label,
      );
      assert.match(
        reply.body,
        new RegExp(`id="${id}" name="${field.replace('.', '\\.')}" aria-describedby="${id}-error`),
        label,
      );
      assert.match(reply.body, new RegExp(`id="${id}"[^>]* aria-invalid="true"`), label);
    }
    assert.deepEqual(await harness.store.findProjectById(project.id), project, 'nothing was saved');
    assert.deepEqual(
      await harness.store.listAuditEvents({
        accountId: project.accountId,
        actionPrefix: 'project.',
        limit: 5,
      }),
      [],
    );
  });

  it('keeps what was typed, escaped, in the re-rendered form', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const reply = await postDashboardForm(
      harness.app,
      `/dashboard/p/${tenant.project.id}/live/settings`,
      owner,
      settingsFormFields(tenant.project, {
        brandColor: '"><script>x</script>',
        redirectOrigins: 'https://a.example\nnope',
      }),
    );
    assert.equal(reply.statusCode, 400);
    assert.ok(reply.body.includes('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"'));
    assert.ok(!reply.body.includes('<script>x'));
    assert.ok(reply.body.includes('>https://a.example\nnope</textarea>'));
  });

  it('refuses a malformed body (a field sent twice) with the 400 page, saving nothing', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const reply = await postDashboardForm(
      harness.app,
      `/dashboard/p/${tenant.project.id}/live/settings`,
      owner,
      { ...settingsFormFields(tenant.project), name: ['One', 'Two'] },
    );
    assert.equal(reply.statusCode, 400, reply.body);
    assert.match(reply.body, /That request could not be used/);
    assert.deepEqual(await harness.store.findProjectById(tenant.project.id), tenant.project);
  });

  it('refuses a project without a name, or with an unknown plan, creating nothing', async () => {
    const tenant = await createTestTenant(harness);
    const accountId = tenant.project.accountId;
    const owner = await signInMember(harness.app, { accountId, role: 'owner' });
    const before = await harness.store.listProjectsByAccount(accountId);
    for (const [fields, message] of [
      [{ name: '' }, /Enter a name of 1 to 200 characters\./],
      [{ name: '   ' }, /Enter a name of 1 to 200 characters\./],
      [{ name: 'x'.repeat(201) }, /Enter a name of 1 to 200 characters\./],
      [{ name: 'Shop', plan: 'gold' }, /Choose one of the plans\./],
    ] as const) {
      const reply = await postDashboardForm(harness.app, '/dashboard/projects', owner, fields);
      assert.equal(reply.statusCode, 400, JSON.stringify(fields));
      assert.match(reply.body, message);
      assert.match(reply.body, /aria-invalid="true"/);
    }
    assert.deepEqual(await harness.store.listProjectsByAccount(accountId), before);
    assert.deepEqual(
      await harness.store.listAuditEvents({ accountId, actionPrefix: 'project.', limit: 5 }),
      [],
    );
  });

  it('answers an unknown mode or project in the URL with 404', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    for (const url of [
      `/dashboard/p/${tenant.project.id}/prod/settings`,
      '/dashboard/p/proj_unknown/test/settings',
    ]) {
      const reply = await getDashboardPage(harness.app, url, owner);
      assert.equal(reply.statusCode, 404, url);
    }
  });
});
