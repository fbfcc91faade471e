import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../postgres/schema.ts';
import type { DatabaseHandle } from './database-handle.ts';
import { DatabaseOpenError, errorCodeOf, firstLineOf } from './database-open-error.ts';
import { type DatabaseTracing, tracePool } from './database-tracing.ts';

export interface OpenPostgresOptions {
  connectionString: string;
  maxConnections?: number;
  /** Called with connection-level errors that happen outside any query (logged by the caller). */
  onError?: (error: Error) => void;
  /** Traces every statement made through `db` (absent: nothing is wrapped). */
  tracing?: DatabaseTracing | undefined;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

export async function openPostgres(options: OpenPostgresOptions): Promise<DatabaseHandle> {
  await probeConnection(options.connectionString);
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  pool.on('error', (error) => options.onError?.(error));
  const { tracing } = options;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: tracing ? tracePool(pool, tracing) : pool }),
  });
  const listeners = new Set<pg.Client>();
  let closing = false;

  return {
    kind: 'postgres',
    db,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    ...(tracing ? { tracing } : {}),
    async withScriptSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(async (script) => {
          // A parameterless query uses the simple protocol, which accepts several statements.
          const result: pg.QueryResult | pg.QueryResult[] = await client.query(script);
          const last = Array.isArray(result) ? result.at(-1) : result;
          return last?.rows ?? [];
        });
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload, onLost) {
      if (!CHANNEL_NAME.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
      let client: pg.Client | null = null;
      let stopped = false;
      let retryDelayMs = 100;

      const connect = async (): Promise<void> => {
        const next = new pg.Client({ connectionString: options.connectionString });
        next.on('notification', (message) => {
          if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
        });
        next.on('error', (error) => {
          options.onError?.(error);
          reconnect(next);
        });
        next.on('end', () => reconnect(next));
        await next.connect();
        await next.query(`LISTEN ${channel}`);
        client = next;
        listeners.add(next);
        retryDelayMs = 100;
      };

      const reconnect = (lost: pg.Client): void => {
        if (stopped || closing || client !== lost) return;
        client = null;
        listeners.delete(lost);
        // Whatever was announced while we were away is unknown: callers drop their caches.
        onLost();
        const retry = (): void => {
          if (stopped || closing) return;
          connect().catch((error: unknown) => {
            if (error instanceof Error) options.onError?.(error);
            retryDelayMs = Math.min(retryDelayMs * 2, 5_000);
            setTimeout(retry, retryDelayMs).unref();
          });
        };
        setTimeout(retry, retryDelayMs).unref();
      };

      await connect();
      return async () => {
        stopped = true;
        const current = client;
        client = null;
        if (current) {
          listeners.delete(current);
          await current.end().catch(() => {});
        }
      };
    },
    async close() {
      closing = true;
      await Promise.all([...listeners].map((client) => client.end().catch(() => {})));
      listeners.clear();
      await db.destroy();
    },
  };
}

/** How long the start-up probe waits for a server that does not answer (a dropped SYN waits forever). */
const PROBE_TIMEOUT_MS = 10_000;

/**
 * One connection before the pool is built, so that a wrong DATABASE_URL fails at start with a line
 * that names it (and no password), instead of a stack from the first query.
 */
async function probeConnection(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  // A connection that breaks after the probe is not the probe's business.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseOpenError(
      `Could not connect to PostgreSQL at DATABASE_URL (${describeTarget(connectionString)}: ` +
        `${firstLineOf(error)}): ${adviceFor(errorCodeOf(error))}`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** host:port/database of a connection URL, never its user or password. */
function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return 'not a URL';
  }
}

function adviceFor(code: string | undefined): string {
  switch (code) {
    case '3D000':
      return 'create that database, or name an existing one in DATABASE_URL.';
    case '28P01':
    case '28000':
      return 'fix the user or password in DATABASE_URL, or the server’s pg_hba.conf.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'fix the host name in DATABASE_URL.';
    default:
      return 'check that PostgreSQL is running and reachable there, and that DATABASE_URL is right.';
  }
}
