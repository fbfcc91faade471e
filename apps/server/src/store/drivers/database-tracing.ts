// Statement tracing, when it is on. Kysely hands every statement to the pool's client as SQL text plus a
// separate parameter list; only the text is given to the tracer, so no bound value (an e-mail address,
// a token hash, a user id) can reach a span. The same wrapper serves PGlite and node-postgres, so both
// databases produce the same spans. When tracing is off, the pool is used as is: nothing is wrapped.
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

export interface DatabaseTracing {
  /** Runs one statement inside a span; `statement` is the SQL text with `$n` placeholders only. */
  traceStatement<T>(statement: string, run: () => Promise<T>): Promise<T>;
  /**
   * The active trace as a W3C `traceparent`, or null: kept with each webhook delivery written in that
   * trace, so that the delivery's attempts, sent later by a worker, join it.
   */
  currentTraceparent(): string | null;
}

/** `pool` with every statement traced. */
export function tracePool(pool: PostgresPool, tracing: DatabaseTracing): PostgresPool {
  return {
    async connect() {
      return new TracedClient(await pool.connect(), tracing);
    },
    end: () => pool.end(),
  };
}

class TracedClient implements PostgresPoolClient {
  readonly #client: PostgresPoolClient;
  readonly #tracing: DatabaseTracing;

  constructor(client: PostgresPoolClient, tracing: DatabaseTracing) {
    this.#client = client;
    this.#tracing = tracing;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') return this.#client.query(sqlOrCursor);
    return this.#tracing.traceStatement(sqlOrCursor, () =>
      this.#client.query<R>(sqlOrCursor, parameters ?? []),
    );
  }

  release(): void {
    this.#client.release();
  }
}
