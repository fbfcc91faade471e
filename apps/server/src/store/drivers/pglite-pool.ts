// PGlite is one PostgreSQL session. Kysely runs a transaction as BEGIN … COMMIT on a connection it
// holds, so if two callers shared the session, one caller's write could land inside the other's
// transaction and be rolled back with it (the bug found in the `kysely-pglite` package). This pool
// therefore hands the single session to one holder at a time; everyone else waits in FIFO order.
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

const MODIFYING_COMMAND = /^\s*(insert|update|delete|merge)\b/i;

function commandOf(sql: string): Command {
  const match = MODIFYING_COMMAND.exec(sql);
  switch (match?.[1]?.toLowerCase()) {
    case 'insert':
      return 'INSERT';
    case 'update':
      return 'UPDATE';
    case 'delete':
      return 'DELETE';
    case 'merge':
      return 'MERGE';
    default:
      return 'SELECT';
  }
}

export class PgliteSessionPool implements PostgresPool {
  readonly #pglite: PGlite;
  readonly #waiters: Array<() => void> = [];
  #held = false;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  /** Waits for the session; the returned function gives it back (idempotent). */
  async acquire(): Promise<() => void> {
    if (this.#held) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    this.#held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next();
      else this.#held = false;
    };
  }

  /** One session: idle unless held, and the queries queued behind it. */
  stats(): { total: number; idle: number; waiting: number } {
    return { total: 1, idle: this.#held ? 0 : 1, waiting: this.#waiters.length };
  }

  async connect(): Promise<PostgresPoolClient> {
    const release = await this.acquire();
    return new PgliteSessionClient(this.#pglite, release);
  }

  async end(): Promise<void> {
    // The PGlite instance is closed by its owner (see open-pglite.ts), after the pool drains.
  }
}

class PgliteSessionClient implements PostgresPoolClient {
  readonly #pglite: PGlite;
  readonly #release: () => void;

  constructor(pglite: PGlite, release: () => void) {
    this.#pglite = pglite;
    this.#release = release;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') {
      throw new Error('Streaming cursors are not supported on PGlite');
    }
    return this.#run<R>(sqlOrCursor, parameters ?? []);
  }

  async #run<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const result = await this.#pglite.query<R>(sql, [...parameters]);
    return {
      command: commandOf(sql),
      rowCount: result.affectedRows ?? result.rows.length,
      rows: result.rows,
    };
  }

  release(): void {
    this.#release();
  }
}
