// Session updates announced: to the same store, and exactly once to another store on the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { Project, Store } from '../../src/store/store.ts';
import { at, createTenant } from './fixtures.ts';
import { isSessionInvalidation, openStorePair, recordInvalidations } from './invalidations.ts';
import type { SuiteContext } from './suite-context.ts';
import { addSession } from './verification-fixtures.ts';

export function describeSessionInvalidations({ kind, store }: SuiteContext): void {
  const tenant = async (): Promise<Project> => (await createTenant(store())).project;

  describe('session invalidations', () => {
    it('updateVerificationSession announces the session to a subscriber on the same store', async () => {
      const project = await tenant();
      const session = await addSession(store(), project.id);
      const recorder = recordInvalidations(store());
      try {
        await store().updateVerificationSession(session.id, { startedAt: at(1) });
        const delivered = await recorder.waitFor(isSessionInvalidation(session.id));
        assert.deepEqual(delivered, { kind: 'verification_session', sessionId: session.id });
      } finally {
        recorder.unsubscribe();
      }
    });

    describe('seen from a second store on the same database', () => {
      let pair: { actor: Store; observer: Store; close(): Promise<void> } | undefined;
      const stores = (): { actor: Store; observer: Store } => {
        if (!pair) throw new Error('The store pair was not opened (see the before hook failure)');
        return pair;
      };

      before(async () => {
        pair = await openStorePair(kind);
      });

      after(async () => {
        await pair?.close();
      });

      it('an update outside a transaction reaches the other store exactly once', async () => {
        const { actor, observer } = stores();
        const { project } = await createTenant(actor);
        const session = await addSession(actor, project.id);
        const marker = await addSession(actor, project.id);
        const recorder = recordInvalidations(observer);
        try {
          await actor.updateVerificationSession(session.id, { startedAt: at(1) });
          await actor.updateVerificationSession(marker.id, { startedAt: at(2) });
          // Commit order: once the marker has arrived, every earlier notification has too.
          await recorder.waitFor(isSessionInvalidation(marker.id));
          assert.deepEqual(recorder.received, [
            { kind: 'verification_session', sessionId: session.id },
            { kind: 'verification_session', sessionId: marker.id },
          ]);
        } finally {
          recorder.unsubscribe();
        }
      });

      it('a committed transaction is heard once; a rolled-back one, a failed update and an empty patch never', async () => {
        const { actor, observer } = stores();
        const { project } = await createTenant(actor);
        const committed = await addSession(actor, project.id);
        const rolledBack = await addSession(actor, project.id);
        const marker = await addSession(actor, project.id);
        const recorder = recordInvalidations(observer);
        try {
          await actor.transaction(async (tx) => {
            await tx.updateVerificationSession(committed.id, { status: 'COMPLETED' });
          });
          await assert.rejects(
            actor.transaction(async (tx) => {
              await tx.updateVerificationSession(rolledBack.id, { status: 'COMPLETED' });
              throw new Error('suite: roll back');
            }),
          );
          await assert.rejects(actor.updateVerificationSession(createId('vs'), { status: 'EXPIRED' }));
          // An empty patch changes nothing, so there is nothing to announce.
          await actor.updateVerificationSession(rolledBack.id, {});
          await actor.updateVerificationSession(marker.id, { status: 'CANCELLED' });
          await recorder.waitFor(isSessionInvalidation(marker.id));
          assert.deepEqual(recorder.received, [
            { kind: 'verification_session', sessionId: committed.id },
            { kind: 'verification_session', sessionId: marker.id },
          ]);
          assert.equal((await observer.findSessionById(rolledBack.id))?.status, 'PENDING');
        } finally {
          recorder.unsubscribe();
        }
      });
    });
  });
}
