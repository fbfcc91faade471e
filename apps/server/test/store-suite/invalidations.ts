// Listening for invalidations in the suite: a recorder that waits for a match (bounded, so a lost
// NOTIFY fails the test instead of hanging it), and two stores on one database to see what another
// process hears.
import { openPglite } from '../../src/store/drivers/open-pglite.ts';
import { openPostgres } from '../../src/store/drivers/open-postgres.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { Invalidation, Store } from '../../src/store/store.ts';
import { createEmptyPostgresDatabase, type StoreKind } from '../harness.ts';
import { explainPostgresFailure } from './suite-context.ts';

/** Bounds the wait for a NOTIFY to arrive so a lost notification fails the test instead of hanging it. */
export const NOTIFICATION_TIMEOUT_MS = 5_000;

/** Collects invalidations until unsubscribed; `waitFor` resolves on the first match. */
export interface InvalidationRecorder {
  received: Invalidation[];
  waitFor(predicate: (invalidation: Invalidation) => boolean): Promise<Invalidation>;
  unsubscribe(): void;
}

/** Collects invalidations until unsubscribed; `waitFor` resolves on the first match. */
export function recordInvalidations(store: Store): InvalidationRecorder {
  const received: Invalidation[] = [];
  const waiters = new Set<{
    predicate: (invalidation: Invalidation) => boolean;
    resolve: (i: Invalidation) => void;
  }>();
  const unsubscribe = store.onInvalidation((invalidation) => {
    received.push(invalidation);
    for (const waiter of waiters) {
      if (waiter.predicate(invalidation)) {
        waiters.delete(waiter);
        waiter.resolve(invalidation);
      }
    }
  });
  return {
    received,
    unsubscribe,
    waitFor(predicate) {
      const earlier = received.find(predicate);
      if (earlier) return Promise.resolve(earlier);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (invalidation: Invalidation) => {
            clearTimeout(timer);
            resolve(invalidation);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `No matching invalidation within ${NOTIFICATION_TIMEOUT_MS} ms; got ${JSON.stringify(received)}`,
            ),
          );
        }, NOTIFICATION_TIMEOUT_MS);
        waiters.add(waiter);
      });
    },
  };
}

export function isKeyInvalidation(keyId: string): (invalidation: Invalidation) => boolean {
  return (invalidation) => invalidation.kind === 'api_key' && invalidation.keyId === keyId;
}

export interface StorePair {
  /** Makes the changes. */
  actor: Store;
  /** Stands in for another process: it hears the actor's changes only through NOTIFY. */
  observer: Store;
  close(): Promise<void>;
}

/** Two Stores on one fresh, migrated database, for checking what other processes are told. */
export async function openStorePair(kind: StoreKind): Promise<StorePair> {
  if (kind === 'pglite') {
    // PGlite is one process's database, so the observer shares the actor's handle (two LISTENers
    // on one session) and leaves closing it to the actor.
    const handle = await openPglite();
    await migrate(handle);
    const actor = await createPostgresStore(handle);
    const observer = await createPostgresStore({ ...handle, close: async () => {} });
    return {
      actor,
      observer,
      async close() {
        await observer.close();
        await actor.close();
      },
    };
  }
  const database = await explainPostgresFailure(() => createEmptyPostgresDatabase());
  const actorHandle = await openPostgres({ connectionString: database.url });
  await migrate(actorHandle);
  const actor = await createPostgresStore(actorHandle);
  const observer = await createPostgresStore(await openPostgres({ connectionString: database.url }));
  return {
    actor,
    observer,
    async close() {
      await observer.close();
      await actor.close();
      await database.drop();
    },
  };
}

export function isSessionInvalidation(sessionId: string): (invalidation: Invalidation) => boolean {
  return (invalidation) =>
    invalidation.kind === 'verification_session' && invalidation.sessionId === sessionId;
}
