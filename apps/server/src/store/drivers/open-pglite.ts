import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { z } from 'zod';
import type { Database } from '../postgres/schema.ts';
import { copyDataDirImage } from './copy-data-dir-image.ts';
import { inspectDataDir } from './data-dir-contents.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { DatabaseHandle } from './database-handle.ts';
import { DatabaseOpenError, firstLineOf } from './database-open-error.ts';
import { type DatabaseTracing, tracePool } from './database-tracing.ts';
import { PgliteSessionPool } from './pglite-pool.ts';

/**
 * Postgres memory settings for the embedded database. Postgres's default 128 MB of shared buffers lives
 * inside PGlite's WebAssembly memory, which is resident once touched and never shrinks; with PGlite most
 * of it is touched when the database opens, and the rest fills as data passes through, so a server
 * started at ~450 MB resident and crept up from there. The data files are read through the operating
 * system, whose page cache keeps them anyway, so a small buffer pool costs a system call on a miss
 * rather than a disk read. The same goes for maintenance_work_mem (index builds in migrations).
 */
const PGLITE_MEMORY_SETTINGS = ['-c', 'shared_buffers=32MB', '-c', 'maintenance_work_mem=16MB'];

export interface OpenPgliteOptions {
  /** Directory for the database files; omit for an in-memory database (tests). */
  dataDir?: string;
  /** A tarball from `dumpDataDir()` to start from (tests load a migrated template this way). */
  loadDataDir?: Blob;
  /**
   * A prepared data directory (store/prepared-image.ts) copied into `dataDir` when that is empty,
   * instead of running initdb; null or absent, or no image there: initdb.
   */
  preparedImageDir?: string | null;
  /** Traces every statement made through `db` (absent: nothing is wrapped). */
  tracing?: DatabaseTracing | undefined;
}

export async function openPglite(
  options: OpenPgliteOptions = {},
): Promise<DatabaseHandle & { pglite: PGlite }> {
  const { dataDir } = options;
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => {};
  let pglite: PGlite;
  try {
    let existing = dataDir !== undefined && inspectDataDir(dataDir) === 'database';
    if (dataDir && !existing && options.preparedImageDir && !options.loadDataDir) {
      existing = copyDataDirImage(options.preparedImageDir, dataDir);
    }
    pglite = await createPglite(options, existing);
    if (dataDir && existing) await refuseForeignDatabase(pglite, dataDir);
  } catch (error) {
    releaseLock();
    throw error;
  }
  const pool = new PgliteSessionPool(pglite);
  const { tracing } = options;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: tracing ? tracePool(pool, tracing) : pool }),
  });

  return {
    kind: 'pglite',
    db,
    poolStats: () => pool.stats(),
    ...(tracing ? { tracing } : {}),
    pglite,
    async withScriptSession(fn) {
      const release = await pool.acquire();
      try {
        return await fn(async (script) => {
          const results = await pglite.exec(script);
          return results.at(-1)?.rows ?? [];
        });
      } finally {
        release();
      }
    },
    async listen(channel, onPayload) {
      // Notifications are delivered in-process; the session cannot be lost, so onLost never fires.
      const release = await pool.acquire();
      try {
        const unlisten = await pglite.listen(channel, onPayload);
        return async () => {
          const again = await pool.acquire();
          try {
            await unlisten();
          } finally {
            again();
          }
        };
      } finally {
        release();
      }
    },
    async close() {
      await db.destroy();
      const release = await pool.acquire();
      try {
        await pglite.close();
      } finally {
        release();
        releaseLock();
      }
    },
  };
}

/** Opens (or initialises) the database; a failure on a data directory says which and what to do. */
async function createPglite(options: OpenPgliteOptions, existing: boolean): Promise<PGlite> {
  let pglite: PGlite | null = null;
  try {
    pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      startParams: [...PGlite.defaultStartParams, ...PGLITE_MEMORY_SETTINGS],
    });
    // Damage can also show only at the first read of the catalog.
    await pglite.query('select count(*) from pg_class');
    return pglite;
  } catch (error) {
    await pglite?.close().catch(() => {});
    if (!options.dataDir) throw error;
    // A WASM abort says nothing useful ("Aborted(). Build with -sASSERTIONS…").
    const reason =
      error instanceof WebAssembly.RuntimeError ? 'the embedded PostgreSQL aborted' : firstLineOf(error);
    throw new DatabaseOpenError(
      existing
        ? `DATA_DIR (${options.dataDir}) holds a database that cannot be opened (${reason}): it is damaged ` +
            'or was not made by POY; restore it from a backup, or point DATA_DIR at an empty directory.'
        : `DATA_DIR (${options.dataDir}): a new database could not be created there (${reason}); ` +
            'check free space and permissions, or point DATA_DIR elsewhere.',
      { cause: error },
    );
  }
}

const contentsRows = z.array(z.object({ ours: z.boolean(), tables: z.number().int() }));

/**
 * A PGlite database of some other program opens fine: it is refused when it has tables but no POY
 * migration history. (One with neither is POY's own first start, stopped before its migrations.)
 */
async function refuseForeignDatabase(pglite: PGlite, dataDir: string): Promise<void> {
  const { rows } = await pglite.query(
    `select to_regclass('public.schema_migrations') is not null as ours,
            (select count(*)::int from pg_tables where schemaname not in ('pg_catalog', 'information_schema')) as tables`,
  );
  const [row] = contentsRows.parse(rows);
  if (row && !row.ours && row.tables > 0) {
    await pglite.close().catch(() => {});
    throw new DatabaseOpenError(
      `DATA_DIR (${dataDir}) holds a database that is not POY's (${row.tables} table${row.tables === 1 ? '' : 's'}, no POY migrations): ` +
        'point DATA_DIR at an empty or new directory, or at an existing POY data directory.',
    );
  }
}
