// Accounts and projects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { Project } from '../../src/store/store.ts';
import { at, BASE_TIME, createTenant, uniquePublicId } from './fixtures.ts';
import { recordInvalidations } from './invalidations.ts';
import type { SuiteContext } from './suite-context.ts';

export function describeTenancy({ store }: SuiteContext): void {
  describe('accounts', () => {
    it('inserts an account and finds it by id', async () => {
      const id = createId('acct');
      const inserted = await store().insertAccount({ id, name: 'Acme', createdAt: BASE_TIME });
      assert.deepEqual(inserted, { id, name: 'Acme', createdAt: BASE_TIME });
      assert.deepEqual(await store().findAccountById(id), inserted);
    });

    it('finds no account for an unknown id', async () => {
      assert.equal(await store().findAccountById(createId('acct')), null);
    });

    it('counts accounts', async () => {
      // Tests in one file run one after another, so nothing else inserts between the two counts.
      const before = await store().countAccounts();
      await store().insertAccount({ id: createId('acct'), name: 'One', createdAt: BASE_TIME });
      await store().insertAccount({ id: createId('acct'), name: 'Two', createdAt: BASE_TIME });
      assert.equal(await store().countAccounts(), before + 2);
    });
  });

  describe('projects', () => {
    it('inserts a project with defaults and finds it by id and by public id', async () => {
      const account = await store().insertAccount({
        id: createId('acct'),
        name: 'A',
        createdAt: BASE_TIME,
      });
      const id = createId('proj');
      const publicId = uniquePublicId();
      const inserted = await store().insertProject({
        id,
        accountId: account.id,
        name: 'Shop',
        publicId,
        plan: 'pro',
        createdAt: BASE_TIME,
      });
      const expected: Project = {
        id,
        accountId: account.id,
        name: 'Shop',
        publicId,
        plan: 'pro',
        rateLimitPerMinute: null,
        rateLimitPerDay: null,
        trustThreshold: 50,
        redirectOrigins: [],
        webauthnRpId: null,
        webauthnRpName: null,
        webauthnOrigins: [],
        inviteTtlSeconds: null,
        requiredAssurance: null,
        attestationRequired: false,
        aaguidAllowList: [],
        velocityLimits: null,
        brandName: null,
        brandColor: null,
        brandLogoUrl: null,
        createdAt: BASE_TIME,
      };
      assert.deepEqual(inserted, expected);
      assert.deepEqual(await store().findProjectById(id), expected);
      assert.deepEqual(await store().findProjectByPublicId(publicId), expected);
    });

    it('finds nothing for an unknown id or public id', async () => {
      assert.equal(await store().findProjectById(createId('proj')), null);
      assert.equal(await store().findProjectByPublicId(uniquePublicId()), null);
    });

    it('returns null when the public id is taken, and keeps the first project', async () => {
      const { account, project } = await createTenant(store());
      const duplicate = await store().insertProject({
        id: createId('proj'),
        accountId: account.id,
        name: 'Copycat',
        publicId: project.publicId,
        plan: 'free',
        createdAt: BASE_TIME,
      });
      assert.equal(duplicate, null);
      assert.deepEqual(await store().findProjectByPublicId(project.publicId), project);
      assert.equal((await store().listProjectsByAccount(account.id)).length, 1);
    });

    it('lists an account’s projects oldest first, and only that account’s', async () => {
      const { account, project: first } = await createTenant(store(), { createdAt: at(-60) });
      const other = await createTenant(store());
      const insertAt = async (createdAt: Date): Promise<Project> => {
        const project = await store().insertProject({
          id: createId('proj'),
          accountId: account.id,
          name: `Project at ${createdAt.toISOString()}`,
          publicId: uniquePublicId(),
          plan: 'free',
          createdAt,
        });
        if (!project) throw new Error('insertProject returned null');
        return project;
      };
      // Inserted out of order, so the order returned comes from created_at, not insertion.
      const third = await insertAt(at(120));
      const second = await insertAt(at(0));
      const listed = await store().listProjectsByAccount(account.id);
      assert.deepEqual(
        listed.map((project) => project.id),
        [first.id, second.id, third.id],
      );
      assert.ok(!listed.some((project) => project.id === other.project.id));
      assert.deepEqual(await store().listProjectsByAccount(createId('acct')), []);
    });

    it('round-trips redirect origins (jsonb), WebAuthn settings and trust threshold', async () => {
      const redirectOrigins = ['https://shop.example', 'http://localhost:3000', 'https://ünïcode.example'];
      const { project } = await createTenant(store(), {
        redirectOrigins,
        webauthnRpId: 'shop.example',
        webauthnRpName: 'Shop',
        trustThreshold: 80,
      });
      const found = await store().findProjectById(project.id);
      assert.deepEqual(found?.redirectOrigins, redirectOrigins);
      assert.equal(found?.webauthnRpId, 'shop.example');
      assert.equal(found?.webauthnRpName, 'Shop');
      assert.equal(found?.trustThreshold, 80);
    });

    it('replaces redirect origins, announces the project, and answers null for an unknown project', async () => {
      const { project } = await createTenant(store(), { redirectOrigins: ['https://old.example'] });
      const recorder = recordInvalidations(store());
      try {
        const updated = await store().setProjectRedirectOrigins(project.id, [
          'https://shop.example',
          'http://localhost:3000',
        ]);
        assert.deepEqual(updated?.redirectOrigins, ['https://shop.example', 'http://localhost:3000']);
        assert.equal(updated?.id, project.id);
        const delivered = await recorder.waitFor(
          (invalidation) => invalidation.kind === 'project' && invalidation.projectId === project.id,
        );
        assert.deepEqual(delivered, { kind: 'project', projectId: project.id });
      } finally {
        recorder.unsubscribe();
      }
      assert.deepEqual((await store().findProjectById(project.id))?.redirectOrigins, [
        'https://shop.example',
        'http://localhost:3000',
      ]);
      assert.deepEqual((await store().setProjectRedirectOrigins(project.id, []))?.redirectOrigins, []);
      assert.equal(await store().setProjectRedirectOrigins(createId('proj'), ['https://a.example']), null);
    });

    it('renames a project and changes its plan, threshold, origins, relying party and branding, announced', async () => {
      const { project } = await createTenant(store());
      const recorder = recordInvalidations(store());
      try {
        const updated = await store().updateProjectSettings(project.id, {
          name: 'Renamed shop',
          plan: 'pro',
          trustThreshold: 70,
          redirectOrigins: ['https://shop.example'],
          webauthnRpId: 'shop.example',
          webauthnRpName: 'Shop',
          webauthnOrigins: ['https://login.shop.example'],
          brandName: 'Shop & Co',
          brandColor: '#0a7d4f',
          brandLogoUrl: 'https://cdn.shop.example/logo.svg',
        });
        const expected: Project = {
          ...project,
          name: 'Renamed shop',
          plan: 'pro',
          trustThreshold: 70,
          redirectOrigins: ['https://shop.example'],
          webauthnRpId: 'shop.example',
          webauthnRpName: 'Shop',
          webauthnOrigins: ['https://login.shop.example'],
          brandName: 'Shop & Co',
          brandColor: '#0a7d4f',
          brandLogoUrl: 'https://cdn.shop.example/logo.svg',
        };
        assert.deepEqual(updated, expected);
        assert.deepEqual(await store().findProjectById(project.id), expected);
        await recorder.waitFor(
          (invalidation) => invalidation.kind === 'project' && invalidation.projectId === project.id,
        );
      } finally {
        recorder.unsubscribe();
      }
      const cleared = await store().updateProjectSettings(project.id, {
        brandName: null,
        brandColor: null,
        brandLogoUrl: null,
        webauthnRpId: null,
        webauthnRpName: null,
        webauthnOrigins: [],
      });
      assert.equal(cleared?.brandName, null);
      assert.equal(cleared?.brandColor, null);
      assert.equal(cleared?.brandLogoUrl, null);
      assert.equal(cleared?.webauthnRpId, null);
      assert.deepEqual(cleared?.webauthnOrigins, []);
      assert.equal(cleared?.name, 'Renamed shop', 'fields not in the patch are left alone');
    });

    it('refuses a brand colour that is not #rrggbb and a logo that is not https, changing nothing', async () => {
      const { project } = await createTenant(store());
      for (const patch of [
        { brandColor: 'red' },
        { brandColor: '#0A7D4F' },
        { brandColor: '#0a7d4f;background:url(x)' },
        { brandLogoUrl: 'http://cdn.example/logo.png' },
        { brandLogoUrl: 'javascript:alert(1)' },
        { brandName: '' },
      ]) {
        await assert.rejects(store().updateProjectSettings(project.id, patch), JSON.stringify(patch));
      }
      assert.deepEqual(await store().findProjectById(project.id), project);
    });

    it('round-trips enterprise limits, including null for unlimited', async () => {
      const limited = await createTenant(store(), {
        plan: 'enterprise',
        rateLimitPerMinute: 1_200,
        rateLimitPerDay: 500_000,
      });
      const unlimitedDay = await createTenant(store(), {
        plan: 'enterprise',
        rateLimitPerMinute: 60,
        rateLimitPerDay: null,
      });
      const found = await store().findProjectById(limited.project.id);
      assert.equal(found?.plan, 'enterprise');
      assert.equal(found?.rateLimitPerMinute, 1_200);
      assert.equal(found?.rateLimitPerDay, 500_000);
      const foundUnlimited = await store().findProjectByPublicId(unlimitedDay.project.publicId);
      assert.equal(foundUnlimited?.rateLimitPerMinute, 60);
      assert.equal(foundUnlimited?.rateLimitPerDay, null);
    });
  });
}
