import type { Kysely } from 'kysely';
import type { Database } from '../postgres/schema.ts';
import type { DatabaseTracing } from './database-tracing.ts';

/** Connections of the handle's pool, for the metrics (PGlite has one session, held or not). */
export interface DatabasePoolStats {
  total: number;
  idle: number;
  /** Queries waiting for a connection (a full pool, or PGlite's session held by another query). */
  waiting: number;
}

/** What the store needs from a connection, whichever database is behind it. */
export interface DatabaseHandle {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<Database>;
  /** Present only when tracing is on (its statements are traced through `db`). */
  readonly tracing?: DatabaseTracing;
  /**
   * Runs `fn` with exclusive use of one session that can execute multi-statement scripts
   * (migrations). `run` returns the rows of the script's last statement.
   */
  withScriptSession<T>(fn: (run: (script: string) => Promise<unknown[]>) => Promise<T>): Promise<T>;
  /** Delivers NOTIFY payloads on `channel`; `onLost` fires when notifications may have been missed. */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onLost: () => void,
  ): Promise<() => Promise<void>>;
  poolStats(): DatabasePoolStats;
  close(): Promise<void>;
}
