import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../postgres/schema.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { DatabaseHandle } from './database-handle.ts';
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
}

export async function openPglite(
  options: OpenPgliteOptions = {},
): Promise<DatabaseHandle & { pglite: PGlite }> {
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      startParams: [...PGlite.defaultStartParams, ...PGLITE_MEMORY_SETTINGS],
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const pool = new PgliteSessionPool(pglite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

  return {
    kind: 'pglite',
    db,
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
