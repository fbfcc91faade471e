// API keys: insert, lookup by hash, listing, revocation, and last-use write-behind.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { ApiKey } from '../../src/store/store.ts';
import { addKey, at, BASE_TIME, createTenant, randomHashHex } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';

export function describeApiKeys({ store }: SuiteContext): void {
  describe('api keys', () => {
    it('inserts a key and finds it by id', async () => {
      const { project } = await createTenant(store());
      const { apiKey } = await addKey(store(), project.id, { mode: 'live' });
      assert.deepEqual(apiKey, {
        id: apiKey.id,
        projectId: project.id,
        mode: 'live',
        name: 'Suite key',
        displayPrefix: 'poy_test_abcd',
        createdAt: BASE_TIME,
        lastUsedAt: null,
        revokedAt: null,
        createdBy: null,
      });
      assert.deepEqual(await store().findApiKeyById(apiKey.id), apiKey);
      assert.equal(await store().findApiKeyById(createId('key')), null);
    });

    it('finds a key and its project by hash; an unknown hash finds nothing', async () => {
      const { project } = await createTenant(store(), { redirectOrigins: ['https://a.example'] });
      const { apiKey, keyHashHex } = await addKey(store(), project.id);
      assert.deepEqual(await store().findApiKeyByHash(keyHashHex), { apiKey, project });
      assert.equal(await store().findApiKeyByHash(randomHashHex()), null);
    });

    it('finds a revoked key by hash, marked revoked', async () => {
      const { project } = await createTenant(store());
      const { apiKey, keyHashHex } = await addKey(store(), project.id);
      await store().revokeApiKey({ keyId: apiKey.id, projectId: project.id, revokedAt: at(10) });
      const found = await store().findApiKeyByHash(keyHashHex);
      assert.deepEqual(found?.apiKey.revokedAt, at(10));
      assert.equal(found?.project.id, project.id);
    });

    it('lists a project’s keys oldest first, optionally of one mode only', async () => {
      const { project } = await createTenant(store());
      const other = await createTenant(store());
      await addKey(store(), other.project.id);
      const liveLate = await addKey(store(), project.id, { mode: 'live', createdAt: at(30) });
      const testEarly = await addKey(store(), project.id, { mode: 'test', createdAt: at(10) });
      const liveEarly = await addKey(store(), project.id, { mode: 'live', createdAt: at(20) });

      const ids = (keys: ApiKey[]): string[] => keys.map((key) => key.id);
      assert.deepEqual(ids(await store().listApiKeysByProject(project.id)), [
        testEarly.apiKey.id,
        liveEarly.apiKey.id,
        liveLate.apiKey.id,
      ]);
      assert.deepEqual(ids(await store().listApiKeysByProject(project.id, 'live')), [
        liveEarly.apiKey.id,
        liveLate.apiKey.id,
      ]);
      assert.deepEqual(ids(await store().listApiKeysByProject(project.id, 'test')), [testEarly.apiKey.id]);
      assert.deepEqual(await store().listApiKeysByProject(createId('proj')), []);
    });

    it('revokes a key of the given project once; a second revoke returns null', async () => {
      const { project } = await createTenant(store());
      const { apiKey } = await addKey(store(), project.id);
      const revoked = await store().revokeApiKey({
        keyId: apiKey.id,
        projectId: project.id,
        revokedAt: at(5),
      });
      assert.deepEqual(revoked, { ...apiKey, revokedAt: at(5) });
      assert.deepEqual(await store().findApiKeyById(apiKey.id), revoked);

      const again = await store().revokeApiKey({
        keyId: apiKey.id,
        projectId: project.id,
        revokedAt: at(9),
      });
      assert.equal(again, null);
      // The first revocation time stands.
      assert.deepEqual((await store().findApiKeyById(apiKey.id))?.revokedAt, at(5));
    });

    it('does not revoke another project’s key, and changes nothing', async () => {
      const owner = await createTenant(store());
      const intruder = await createTenant(store());
      const { apiKey } = await addKey(store(), owner.project.id);
      const result = await store().revokeApiKey({
        keyId: apiKey.id,
        projectId: intruder.project.id,
        revokedAt: at(5),
      });
      assert.equal(result, null);
      assert.deepEqual(await store().findApiKeyById(apiKey.id), apiKey);
    });

    it('revokes a key of any project when projectId is null', async () => {
      const { project } = await createTenant(store());
      const { apiKey } = await addKey(store(), project.id);
      const revoked = await store().revokeApiKey({ keyId: apiKey.id, projectId: null, revokedAt: at(7) });
      assert.equal(revoked?.id, apiKey.id);
      assert.equal(revoked?.projectId, project.id);
      assert.deepEqual(revoked?.revokedAt, at(7));
    });

    it('returns null when revoking an unknown key', async () => {
      assert.equal(
        await store().revokeApiKey({ keyId: createId('key'), projectId: null, revokedAt: at(1) }),
        null,
      );
    });

    it('touchApiKeys records last use in one batch and only moves it forward', async () => {
      const { project } = await createTenant(store());
      const first = await addKey(store(), project.id);
      const second = await addKey(store(), project.id);
      const untouched = await addKey(store(), project.id);
      const lastUsed = async (keyId: string): Promise<Date | null | undefined> =>
        (await store().findApiKeyById(keyId))?.lastUsedAt;

      await store().touchApiKeys([
        { keyId: first.apiKey.id, lastUsedAt: at(100) },
        { keyId: second.apiKey.id, lastUsedAt: at(200) },
        // An unknown key (deleted meanwhile, say) is ignored rather than failing the batch.
        { keyId: createId('key'), lastUsedAt: at(300) },
      ]);
      assert.deepEqual(await lastUsed(first.apiKey.id), at(100));
      assert.deepEqual(await lastUsed(second.apiKey.id), at(200));
      assert.equal(await lastUsed(untouched.apiKey.id), null);

      // A late flush from another process carries an older time: it must not move the time back.
      await store().touchApiKeys([
        { keyId: first.apiKey.id, lastUsedAt: at(50) },
        { keyId: second.apiKey.id, lastUsedAt: at(250) },
      ]);
      assert.deepEqual(await lastUsed(first.apiKey.id), at(100));
      assert.deepEqual(await lastUsed(second.apiKey.id), at(250));

      await store().touchApiKeys([]);
      assert.deepEqual(await lastUsed(second.apiKey.id), at(250));
    });

    it('touchApiKeys keeps the latest time when one key appears twice in a batch', async () => {
      const { project } = await createTenant(store());
      const { apiKey } = await addKey(store(), project.id);
      await store().touchApiKeys([
        { keyId: apiKey.id, lastUsedAt: at(400) },
        { keyId: apiKey.id, lastUsedAt: at(300) },
      ]);
      assert.deepEqual((await store().findApiKeyById(apiKey.id))?.lastUsedAt, at(400));
      await store().touchApiKeys([
        { keyId: apiKey.id, lastUsedAt: at(500) },
        { keyId: apiKey.id, lastUsedAt: at(600) },
      ]);
      assert.deepEqual((await store().findApiKeyById(apiKey.id))?.lastUsedAt, at(600));
    });
  });
}
