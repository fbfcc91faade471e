// The lifecycle every e2e file shares: start its parts once in a `before` hook, reach them from each
// test, and close them in reverse order afterwards (a browser before the server whose event streams it
// holds open). A cleanup that fails is reported and does not stop the ones after it.
import { after, before } from 'node:test';

export type Defer = (cleanup: () => Promise<void>) => void;

export interface SuiteHarness<T> {
  /** The parts `start` returned; throws when called before it ran (or after it failed). */
  get(): T;
  /** Adds a cleanup to run after the file's tests, before those added earlier. */
  defer: Defer;
}

/** Registers the file's `before` and `after` hooks; call once at the top level of a test file. */
export function useSuiteHarness<T>(start: (defer: Defer) => Promise<T>): SuiteHarness<T> {
  let parts: T | undefined;
  const cleanups: Array<() => Promise<void>> = [];
  const defer: Defer = (cleanup) => {
    cleanups.push(cleanup);
  };
  before(async () => {
    parts = await start(defer);
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => console.error('e2e cleanup failed:', error));
    }
  });
  return {
    get() {
      if (parts === undefined) throw new Error('The e2e harness did not start (see the before hook)');
      return parts;
    },
    defer,
  };
}
