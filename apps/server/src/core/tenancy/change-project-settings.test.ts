// changeProjectSettings on the real store (PGlite through the test harness): what is saved, what is
// refused field by field, and the audit event that goes with a change.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestStore, type TestStore } from '../../../test/harness.ts';
import type { Project, Store } from '../../store/store.ts';
import type { AuditActor } from '../audit/record-audit-event.ts';
import { ManualClock } from '../clock.ts';
import { DEFAULT_VELOCITY_LIMITS } from '../velocity/velocity-limits.ts';
import {
  changeProjectSettings,
  type EditedProjectSettings,
  type ProjectSettingField,
} from './change-project-settings.ts';
import { createAccount } from './create-account.ts';
import { createProject } from './create-project.ts';

const PUBLIC_URL = 'https://poy.example';
const ACTOR: AuditActor = { kind: 'member', memberId: 'mem_settings', displayName: 'Ada', ip: '192.0.2.1' };
const YUBIKEY = 'fa2b99dc-9e39-4257-8f92-4a30d23c4118';

/** The form as it is rendered for an untouched project: every value as stored or defaulted. */
function settingsOf(project: Project): EditedProjectSettings {
  return {
    name: project.name,
    plan: project.plan,
    trustThreshold: project.trustThreshold,
    inviteTtlSeconds: project.inviteTtlSeconds,
    requiredAssurance: project.requiredAssurance,
    attestationRequired: project.attestationRequired,
    aaguidAllowList: project.aaguidAllowList,
    velocityLimits: { ...(project.velocityLimits ?? DEFAULT_VELOCITY_LIMITS) },
    redirectOrigins: project.redirectOrigins,
    webauthnRpId: project.webauthnRpId,
    webauthnRpName: project.webauthnRpName,
    webauthnOrigins: project.webauthnOrigins,
    brandName: project.brandName,
    brandColor: project.brandColor,
    brandLogoUrl: project.brandLogoUrl,
  };
}

describe('changing a project’s settings', () => {
  let testStore: TestStore;
  let store: Store;
  const clock = new ManualClock(new Date('2031-04-01T10:00:00.000Z'));

  before(async () => {
    testStore = await createTestStore();
    store = testStore.store;
  });
  after(async () => {
    await testStore.close();
  });

  async function newProject(): Promise<Project> {
    const account = await createAccount({ store, clock }, { name: 'Settings' });
    const created = await createProject({ store, clock }, { accountId: account.id, name: 'Shop' });
    if (!created.ok) throw new Error(created.reason);
    return created.project;
  }

  function change(project: Project, settings: Partial<EditedProjectSettings>, accountId = project.accountId) {
    return changeProjectSettings(
      { store, clock, publicUrl: PUBLIC_URL },
      { accountId, projectId: project.id, actor: ACTOR, settings: { ...settingsOf(project), ...settings } },
    );
  }

  // The settings' own events: making the account and project records events of their own.
  const auditOf = (project: Project) =>
    store.listAuditEvents({ accountId: project.accountId, actionPrefix: 'project.updated', limit: 10 });

  it('saves every setting, normalized, with one audit event naming old and new values', async () => {
    const project = await newProject();
    const result = await change(project, {
      name: '  Renamed shop ',
      plan: 'pro',
      trustThreshold: 75,
      inviteTtlSeconds: 3600,
      requiredAssurance: 'liveness',
      attestationRequired: true,
      aaguidAllowList: [YUBIKEY.toUpperCase()],
      velocityLimits: { ...DEFAULT_VELOCITY_LIMITS, startsPerIpPerHour: 60, velocityAction: 'fail' },
      redirectOrigins: ['https://Shop.example:443/', 'https://shop.example'],
      webauthnRpId: 'Shop.Example',
      webauthnRpName: 'Shop',
      webauthnOrigins: ['https://login.shop.example'],
      brandName: 'Shop & Co',
      brandColor: '#0A7D4F',
      brandLogoUrl: 'https://cdn.shop.example/logo.svg',
    });
    assert.ok(result.ok, JSON.stringify(result));
    const expected: Project = {
      ...project,
      name: 'Renamed shop',
      plan: 'pro',
      trustThreshold: 75,
      inviteTtlSeconds: 3600,
      requiredAssurance: 'liveness',
      attestationRequired: true,
      aaguidAllowList: [YUBIKEY],
      velocityLimits: { ...DEFAULT_VELOCITY_LIMITS, startsPerIpPerHour: 60, velocityAction: 'fail' },
      redirectOrigins: ['https://shop.example'],
      webauthnRpId: 'shop.example',
      webauthnRpName: 'Shop',
      webauthnOrigins: ['https://login.shop.example'],
      brandName: 'Shop & Co',
      brandColor: '#0a7d4f',
      brandLogoUrl: 'https://cdn.shop.example/logo.svg',
    };
    assert.deepEqual(result.project, expected);
    assert.deepEqual(await store.findProjectById(project.id), expected);
    const [event, ...others] = await auditOf(project);
    assert.equal(others.length, 0);
    assert.equal(event?.action, 'project.updated');
    assert.equal(event?.actorId, 'mem_settings');
    assert.equal(event?.ip, '192.0.2.1');
    assert.equal(event?.targetId, project.id);
    assert.equal(event?.details['name.old'], 'Shop');
    assert.equal(event?.details['name.new'], 'Renamed shop');
    assert.equal(event?.details['velocityLimits.startsPerIpPerHour.old'], 30);
    assert.equal(event?.details['velocityLimits.startsPerIpPerHour.new'], 60);
    assert.equal(event?.details['brandColor.new'], '#0a7d4f');
    assert.ok(
      !('velocityLimits.startsPerDevicePerHour.new' in (event?.details ?? {})),
      'unchanged limits are not listed',
    );
  });

  it('saving the form as rendered changes nothing and records nothing (unset limits stay unset)', async () => {
    const project = await newProject();
    const result = await change(project, {});
    assert.deepEqual(result, { ok: true, project, changed: [] });
    assert.equal((await store.findProjectById(project.id))?.velocityLimits, null);
    assert.deepEqual(await auditOf(project), []);
  });

  it('refuses each invalid field by name, saving nothing and recording nothing', async () => {
    const project = await newProject();
    const cases: Array<[ProjectSettingField, Partial<EditedProjectSettings>]> = [
      ['name', { name: '   ' }],
      ['name', { name: 'x'.repeat(201) }],
      ['plan', { plan: 'platinum' }],
      ['trustThreshold', { trustThreshold: 101 }],
      ['trustThreshold', { trustThreshold: Number.NaN }],
      ['trustThreshold', { trustThreshold: 4.5 }],
      ['inviteTtlSeconds', { inviteTtlSeconds: 60 }],
      ['requiredAssurance', { requiredAssurance: 'maximum' }],
      ['aaguidAllowList', { aaguidAllowList: ['yubikey'] }],
      ['aaguidAllowList', { attestationRequired: true, aaguidAllowList: [] }],
      [
        'velocityLimits.newHumansPerIpPerHour',
        { velocityLimits: { ...DEFAULT_VELOCITY_LIMITS, newHumansPerIpPerHour: 0 } },
      ],
      [
        'velocityLimits.velocityAction',
        { velocityLimits: { ...DEFAULT_VELOCITY_LIMITS, velocityAction: 'block' } },
      ],
      ['redirectOrigins', { redirectOrigins: ['http://shop.example'] }],
      ['redirectOrigins', { redirectOrigins: ['https://shop.example/path'] }],
      ['webauthnRpId', { webauthnRpId: 'not a domain' }],
      ['webauthnRpId', { webauthnRpId: 'com' }],
      ['webauthnRpId', { webauthnRpId: 'shop.example', webauthnOrigins: ['https://evil.example'] }],
      // No origins listed: the deployment's own origin (poy.example) must be within the RP id.
      ['webauthnRpId', { webauthnRpId: 'shop.example' }],
      ['webauthnRpName', { webauthnRpName: 'x'.repeat(101) }],
      ['webauthnOrigins', { webauthnOrigins: ['ftp://shop.example'] }],
      ['brandName', { brandName: 'x'.repeat(101) }],
      ['brandColor', { brandColor: 'green' }],
      ['brandColor', { brandColor: '#0a7d4f;x' }],
      ['brandLogoUrl', { brandLogoUrl: 'http://cdn.example/logo.png' }],
      ['brandLogoUrl', { brandLogoUrl: 'javascript:alert(1)' }],
      ['brandLogoUrl', { brandLogoUrl: 'https://user:pass@cdn.example/logo.png' }],
    ];
    for (const [field, settings] of cases) {
      const result = await change(project, { ...settings, name: settings.name ?? 'Should not be saved' });
      assert.deepEqual(
        result,
        { ok: false, reason: 'invalid_settings', fields: [field] },
        JSON.stringify(settings),
      );
    }
    assert.deepEqual(await store.findProjectById(project.id), project);
    assert.deepEqual(await auditOf(project), []);
  });

  it('names every invalid field at once', async () => {
    const project = await newProject();
    const result = await change(project, { plan: 'gold', brandColor: 'red', trustThreshold: -1 });
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : 'fields' in result ? [...result.fields].sort() : [], [
      'brandColor',
      'plan',
      'trustThreshold',
    ]);
  });

  it('an RP id may be the parent domain of every origin; empty values return to the defaults', async () => {
    const project = await newProject();
    const set = await change(project, {
      webauthnRpId: 'shop.example',
      webauthnOrigins: ['https://shop.example', 'https://login.shop.example'],
      brandName: 'Shop',
    });
    assert.ok(set.ok);
    const cleared = await change(set.ok ? set.project : project, {
      webauthnRpId: '',
      webauthnOrigins: [],
      brandName: '  ',
    });
    assert.ok(cleared.ok);
    assert.equal(cleared.ok && cleared.project.webauthnRpId, null);
    assert.equal(cleared.ok && cleared.project.brandName, null);
  });

  it('treats another account’s project as unknown', async () => {
    const project = await newProject();
    const other = await newProject();
    assert.deepEqual(await change(project, { name: 'Taken over' }, other.accountId), {
      ok: false,
      reason: 'project_not_found',
    });
    assert.equal((await store.findProjectById(project.id))?.name, 'Shop');
  });
});
