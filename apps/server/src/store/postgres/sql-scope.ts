// What each SQL slice is built on. Every operation is written once against a Kysely executor, which
// is either the database or an open transaction, so the same code serves `store.x()` and
// `store.transaction(tx => tx.x())`. An operation that announces an invalidation is declared with
// `announcing`, beside its SQL: the scope decides where it runs, so its NOTIFY always commits (or
// rolls back) with the change it announces.
import type { Kysely } from 'kysely';
import type { Invalidation } from '../invalidation.ts';
import type { Database } from './schema.ts';

/** An open transaction in which an announcing operation runs. */
export interface AnnouncingTransaction {
  readonly db: Kysely<Database>;
  /**
   * Sends NOTIFY in this transaction; processes (this one included) hear it only if it commits.
   */
  announce(invalidation: Invalidation): Promise<void>;
}

export interface SqlScope {
  /** The executor of plain operations: the database, or the open transaction. */
  readonly db: Kysely<Database>;
  /**
   * Declares an operation that announces an invalidation. On the database it runs in a transaction of
   * its own; inside `store.transaction` it joins that transaction, and local delivery waits for it.
   */
  announcing<Args extends unknown[], Result>(
    operation: (tx: AnnouncingTransaction, ...args: Args) => Promise<Result>,
  ): (...args: Args) => Promise<Result>;
  /** The active trace's `traceparent`, when tracing is on (kept with webhook deliveries). */
  readonly currentTraceparent?: () => string | null;
}
