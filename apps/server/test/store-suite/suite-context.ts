// What every part of the Store conformance suite is given, and how the suite opens its stores.
import type { Store } from '../../src/store/store.ts';
import { createTestStore, type StoreKind, TEST_DATABASE_URL, type TestStore } from '../harness.ts';

/**
 * Set when PostgreSQL tests must be skipped (POY_TEST_SKIP_POSTGRES=1). Otherwise an unreachable
 * server fails the run: a silent skip would let CI pass without ever touching PostgreSQL.
 */
export const SKIP_POSTGRES_REASON: string | undefined =
  process.env.POY_TEST_SKIP_POSTGRES === '1' ? 'POY_TEST_SKIP_POSTGRES=1' : undefined;

/** Runs a PostgreSQL setup step; a failure says what to do instead of only `ECONNREFUSED`. */
export async function explainPostgresFailure<T>(setUp: () => Promise<T>): Promise<T> {
  try {
    return await setUp();
  } catch (error) {
    throw new Error(
      `Could not open a PostgreSQL test database at ${TEST_DATABASE_URL}. Start the server, point ` +
        'TEST_DATABASE_URL at one, or set POY_TEST_SKIP_POSTGRES=1 to skip the PostgreSQL tests.',
      { cause: error },
    );
  }
}

export function openTestStore(kind: StoreKind): Promise<TestStore> {
  return kind === 'postgres' ? explainPostgresFailure(() => createTestStore(kind)) : createTestStore(kind);
}

/** What runStoreSuite lends each part, so all parts share one store per database kind. */
export interface SuiteContext {
  kind: StoreKind;
  /** The store opened in `before`; throws (failing the test) if opening it failed. */
  store(): Store;
}
