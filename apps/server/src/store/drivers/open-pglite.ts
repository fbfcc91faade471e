import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../postgres/schema.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { DatabaseHandle } from './database-handle.ts';
import { PgliteSessionPool } from './pglite-pool.ts';

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
