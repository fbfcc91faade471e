// Two app instances (two "replicas") on one PostgreSQL database, each with its own connections and
// its own key cache. A key revoked through one must be refused by the other as soon as the
// invalidation broadcast (NOTIFY, sent in the revoking transaction) reaches it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { revokeApiKey } from '../src/core/keys/revoke-api-key.ts';
import { openPostgres } from '../src/store/drivers/open-postgres.ts';
import { migrate } from '../src/store/migrate.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { Invalidation, Store } from '../src/store/store.ts';
import { createEmptyPostgresDatabase, createTestApp, createTestTenant, type TestApp } from './harness.ts';

async function openReplicaStore(url: string): Promise<Store> {
  const handle = await openPostgres({ connectionString: url });
  await migrate(handle);
  return createPostgresStore(handle);
}

describe('key revocation across replicas (PostgreSQL)', () => {
  let database: { url: string; drop(): Promise<void> };
  let storeA: Store;
  let storeB: Store;
  let replicaA: TestApp;
  let replicaB: TestApp;

  before(async () => {
    database = await createEmptyPostgresDatabase();
    storeA = await openReplicaStore(database.url);
    storeB = await openReplicaStore(database.url);
    replicaA = await createTestApp({ testStore: { store: storeA, close: () => storeA.close() } });
    replicaB = await createTestApp({ testStore: { store: storeB, close: () => storeB.close() } });
  });
  after(async () => {
    await replicaA.close();
    await replicaB.close();
    await storeA.close();
    await storeB.close();
    await database.drop();
  });

  it('a key cached by replica B is refused by B once A revokes it', async () => {
    const tenant = await createTestTenant(replicaA);
    const request = {
      method: 'GET' as const,
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${tenant.testKey}` },
    };
    // B authenticates once, so the key now sits in B's cache.
    assert.equal((await replicaB.app.inject(request)).statusCode, 200);
    assert.equal((await replicaB.app.inject(request)).statusCode, 200);

    const reachedB = new Promise<Invalidation>((resolve) => {
      const unsubscribe = storeB.onInvalidation((invalidation) => {
        unsubscribe();
        resolve(invalidation);
      });
    });
    const revoked = await revokeApiKey(replicaA, { keyId: tenant.testKeyId, projectId: tenant.project.id });
    assert.equal(revoked.ok, true);
    // A, the replica that revoked, refuses at once.
    assert.equal((await replicaA.app.inject(request)).statusCode, 401);
    // B refuses from the moment the broadcast reaches it (sub-millisecond on one host).
    const invalidation = await reachedB;
    assert.deepEqual(invalidation.kind, 'api_key');
    const fromB = await replicaB.app.inject(request);
    assert.equal(fromB.statusCode, 401, fromB.body);
  });
});
