// Revocations announced: to the changing process, and exactly once to another store on the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import { addKey, at, createTenant, RACERS } from './fixtures.ts';
import { isKeyInvalidation, openStorePair, recordInvalidations, type StorePair } from './invalidations.ts';
import type { SuiteContext } from './suite-context.ts';

export function describeKeyInvalidations({ kind, store }: SuiteContext): void {
  describe('invalidations in the changing process', () => {
    // The process that makes a change may hear it more than once (at once, and again through its
    // own NOTIFY), so these tests ask for "at least once"; exact counts are checked from a second
    // store below, which hears only NOTIFY.
    it('a revocation delivers the key id and hash to a subscriber', async () => {
      const { project } = await createTenant(store());
      const { apiKey, keyHashHex } = await addKey(store(), project.id);
      const recorder = recordInvalidations(store());
      try {
        await store().revokeApiKey({ keyId: apiKey.id, projectId: project.id, revokedAt: at(1) });
        const delivered = await recorder.waitFor(isKeyInvalidation(apiKey.id));
        assert.deepEqual(delivered, { kind: 'api_key', keyId: apiKey.id, keyHashHex });
      } finally {
        recorder.unsubscribe();
      }
    });

    it('unsubscribing stops delivery to that handler only', async () => {
      const { project } = await createTenant(store());
      const { apiKey } = await addKey(store(), project.id);
      const leaving = recordInvalidations(store());
      const staying = recordInvalidations(store());
      try {
        leaving.unsubscribe();
        await store().revokeApiKey({ keyId: apiKey.id, projectId: null, revokedAt: at(1) });
        // Both handlers are called from one dispatch, so once `staying` has it, `leaving` would have too.
        await staying.waitFor(isKeyInvalidation(apiKey.id));
        assert.deepEqual(leaving.received, []);
      } finally {
        staying.unsubscribe();
      }
    });

    it('a revoke that matched nothing sends nothing', async () => {
      const owner = await createTenant(store());
      const intruder = await createTenant(store());
      const target = await addKey(store(), owner.project.id);
      const marker = await addKey(store(), owner.project.id);
      const unknownKeyId = createId('key');
      const recorder = recordInvalidations(store());
      try {
        const refused = await store().revokeApiKey({
          keyId: target.apiKey.id,
          projectId: intruder.project.id,
          revokedAt: at(2),
        });
        assert.equal(refused, null);
        assert.equal(
          await store().revokeApiKey({ keyId: unknownKeyId, projectId: null, revokedAt: at(2) }),
          null,
        );
        // Neither key was ever revoked, so any invalidation naming them came from a no-op. The
        // marker is committed last, and notifications arrive in commit order.
        await store().revokeApiKey({ keyId: marker.apiKey.id, projectId: null, revokedAt: at(3) });
        await recorder.waitFor(isKeyInvalidation(marker.apiKey.id));
        assert.deepEqual(recorder.received.filter(isKeyInvalidation(target.apiKey.id)), []);
        assert.deepEqual(recorder.received.filter(isKeyInvalidation(unknownKeyId)), []);
      } finally {
        recorder.unsubscribe();
      }
    });
  });

  describe('invalidations seen from another store on the same database', () => {
    let pair: StorePair | undefined;
    const stores = (): StorePair => {
      if (!pair) throw new Error('The store pair was not opened (see the before hook failure)');
      return pair;
    };

    before(async () => {
      pair = await openStorePair(kind);
    });

    after(async () => {
      await pair?.close();
    });

    it('a revocation reaches the other store exactly once', async () => {
      const { actor, observer } = stores();
      const { project } = await createTenant(actor);
      const revoked = await addKey(actor, project.id);
      const marker = await addKey(actor, project.id);
      const recorder = recordInvalidations(observer);
      try {
        await actor.revokeApiKey({ keyId: revoked.apiKey.id, projectId: project.id, revokedAt: at(1) });
        await actor.revokeApiKey({ keyId: marker.apiKey.id, projectId: project.id, revokedAt: at(2) });
        // Commit order: once the marker has arrived, every earlier notification has too.
        await recorder.waitFor(isKeyInvalidation(marker.apiKey.id));
        assert.deepEqual(recorder.received, [
          { kind: 'api_key', keyId: revoked.apiKey.id, keyHashHex: revoked.keyHashHex },
          { kind: 'api_key', keyId: marker.apiKey.id, keyHashHex: marker.keyHashHex },
        ]);
      } finally {
        recorder.unsubscribe();
      }
    });

    it('revokes that matched nothing (other project, already revoked, unknown) send nothing', async () => {
      const { actor, observer } = stores();
      const owner = await createTenant(actor);
      const intruder = await createTenant(actor);
      const target = await addKey(actor, owner.project.id);
      const alreadyRevoked = await addKey(actor, owner.project.id);
      const marker = await addKey(actor, owner.project.id);
      const recorder = recordInvalidations(observer);
      try {
        await actor.revokeApiKey({ keyId: alreadyRevoked.apiKey.id, projectId: null, revokedAt: at(1) });
        assert.equal(
          await actor.revokeApiKey({
            keyId: target.apiKey.id,
            projectId: intruder.project.id,
            revokedAt: at(2),
          }),
          null,
        );
        assert.equal(
          await actor.revokeApiKey({ keyId: alreadyRevoked.apiKey.id, projectId: null, revokedAt: at(2) }),
          null,
        );
        assert.equal(
          await actor.revokeApiKey({ keyId: createId('key'), projectId: null, revokedAt: at(2) }),
          null,
        );
        await actor.revokeApiKey({ keyId: marker.apiKey.id, projectId: null, revokedAt: at(3) });
        await recorder.waitFor(isKeyInvalidation(marker.apiKey.id));
        // The first revocation of `alreadyRevoked` and the marker; nothing from the three no-ops.
        assert.deepEqual(recorder.received, [
          { kind: 'api_key', keyId: alreadyRevoked.apiKey.id, keyHashHex: alreadyRevoked.keyHashHex },
          { kind: 'api_key', keyId: marker.apiKey.id, keyHashHex: marker.keyHashHex },
        ]);
      } finally {
        recorder.unsubscribe();
      }
    });

    it(`${RACERS} concurrent revokes of one key announce it exactly once`, async () => {
      const { actor, observer } = stores();
      const { project } = await createTenant(actor);
      const { apiKey, keyHashHex } = await addKey(actor, project.id);
      const marker = await addKey(actor, project.id);
      const recorder = recordInvalidations(observer);
      try {
        const results = await Promise.all(
          Array.from({ length: RACERS }, (_, index) =>
            actor.revokeApiKey({ keyId: apiKey.id, projectId: project.id, revokedAt: at(index) }),
          ),
        );
        assert.equal(results.filter((result) => result !== null).length, 1);
        await actor.revokeApiKey({ keyId: marker.apiKey.id, projectId: null, revokedAt: at(100) });
        await recorder.waitFor(isKeyInvalidation(marker.apiKey.id));
        assert.deepEqual(recorder.received, [
          { kind: 'api_key', keyId: apiKey.id, keyHashHex },
          { kind: 'api_key', keyId: marker.apiKey.id, keyHashHex: marker.keyHashHex },
        ]);
      } finally {
        recorder.unsubscribe();
      }
    });
  });
}
