import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Project } from '../../store/store.ts';
import { createTranslator } from '../i18n/translate.ts';
import { renderSettingsPage, type SettingsPageInput, settingsFormValuesOf } from './settings-page.ts';

const PROJECT: Project = {
  id: 'proj_1',
  accountId: 'acct_1',
  name: 'Shop "One"',
  publicId: 'shop',
  plan: 'pro',
  rateLimitPerMinute: null,
  rateLimitPerDay: null,
  trustThreshold: 60,
  redirectOrigins: ['https://shop.example', 'http://localhost:3000'],
  webauthnRpId: null,
  webauthnRpName: null,
  webauthnOrigins: [],
  inviteTtlSeconds: null,
  requiredAssurance: null,
  attestationRequired: false,
  aaguidAllowList: [],
  velocityLimits: null,
  brandName: null,
  brandColor: '#0a7d4f',
  brandLogoUrl: null,
  createdAt: new Date('2031-01-01T00:00:00Z'),
};

function input(overrides: Partial<SettingsPageInput> = {}): SettingsPageInput {
  return {
    translator: createTranslator(),
    viewer: { displayName: 'Ada', accountName: 'Acme', role: 'admin', csrfToken: 'tok' },
    projects: [{ id: PROJECT.id, name: PROJECT.name }],
    project: { id: PROJECT.id, name: PROJECT.name },
    mode: 'live',
    values: settingsFormValuesOf(PROJECT),
    invalid: new Set(),
    canEdit: true,
    defaultInviteTtlSeconds: 604_800,
    notice: null,
    ...overrides,
  };
}

describe('settings page', () => {
  it('fills every field from the project, lists one per line, unset limits as their defaults', () => {
    const page = renderSettingsPage(input()).value;
    assert.ok(page.includes('id="settings-name" name="name" value="Shop &quot;One&quot;"'));
    assert.ok(page.includes('<option value="pro" selected>Pro</option>'));
    assert.ok(page.includes('<option value="" selected>Default (unique)</option>'));
    assert.ok(page.includes('>https://shop.example\nhttp://localhost:3000</textarea>'));
    assert.match(
      page,
      /id="settings-velocityLimits-newHumansPerIpPerHour" name="velocityLimits\.newHumansPerIpPerHour"[^>]* value="5"/,
    );
    assert.ok(page.includes('Empty: the deployment’s default, 604800 seconds.'));
    assert.ok(page.includes('value="#0a7d4f"'));
    assert.ok(page.includes('<legend>Hosted pages</legend>'));
    assert.ok(page.includes('<button type="submit" class="button button--primary">Save settings</button>'));
  });

  it('gives every control a label', () => {
    const page = renderSettingsPage(input()).value;
    const ids = [...page.matchAll(/<(?:input|select|textarea)[^>]* id="(settings-[^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids.length >= 20, String(ids.length));
    for (const id of ids) assert.ok(page.includes(`<label for="${id}">`), id);
  });

  it('marks each invalid field with its message, and says nothing was saved', () => {
    const page = renderSettingsPage(
      input({ invalid: new Set(['brandColor', 'velocityLimits.startsPerIpPerHour']) }),
    ).value;
    assert.ok(page.includes('Nothing was saved. Correct the fields marked below.'));
    assert.match(page, /<span id="settings-brandColor-error" class="field-error">Enter # and six/);
    assert.match(
      page,
      /id="settings-brandColor" name="brandColor" aria-describedby="settings-brandColor-error settings-brandColor-hint" aria-invalid="true"/,
    );
    assert.match(page, /<span id="settings-velocityLimits-startsPerIpPerHour-error" class="field-error">/);
    assert.equal([...page.matchAll(/aria-invalid="true"/g)].length, 2);
  });

  it('for a member who cannot edit: disabled fieldsets, no token, no save button', () => {
    const page = renderSettingsPage(input({ canEdit: false })).value;
    assert.ok(!page.includes('Save settings'));
    assert.ok(page.includes('Only owners and admins can change these settings.'));
    assert.equal([...page.matchAll(/<fieldset class="dash-fieldset" disabled>/g)].length, 6);
    const form = page.slice(page.indexOf('dash-form--settings'));
    assert.ok(!form.includes('name="_csrf"'));
  });
});
