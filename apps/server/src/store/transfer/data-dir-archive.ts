// `poy backup` / `poy restore` for the embedded database. A backup is PGlite's own data-directory
// archive (a gzipped tar of the PostgreSQL files), taken while this process holds the data-directory
// lock, so the server cannot be writing; it is written under a temporary name and renamed, so a crash
// never leaves a half-written file under the name an operator will restore from, and it is checked by
// loading it back and comparing every table with the live database before the command reports success.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspectDataDir } from '../drivers/data-dir-contents.ts';
import { DatabaseOpenError } from '../drivers/database-open-error.ts';
import { openPglite } from '../drivers/open-pglite.ts';
import { migrate } from '../migrate.ts';
import { compareDigests, digestTables, type TableDigest } from './table-digests.ts';

export interface ArchiveResult {
  tables: TableDigest[];
  bytes: number;
}

export async function backupDataDir(dataDir: string, archivePath: string): Promise<ArchiveResult> {
  const source = await openPglite({ dataDir });
  let archive: Blob;
  let tables: TableDigest[];
  try {
    tables = await digestTables(source.db);
    archive = await source.pglite.dumpDataDir('gzip');
  } finally {
    await source.close();
  }
  const check = await openPglite({ loadDataDir: archive });
  try {
    const differing = compareDigests(tables, await digestTables(check.db));
    if (differing.length > 0)
      throw new Error(`The backup does not match the database in ${differing.join(', ')}`);
  } finally {
    await check.close();
  }
  const bytes = Buffer.from(await archive.arrayBuffer());
  mkdirSync(dirname(archivePath), { recursive: true });
  const partial = `${archivePath}.partial-${process.pid}`;
  try {
    writeFileSync(partial, bytes, { flag: 'wx' });
    renameSync(partial, archivePath);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { tables, bytes: bytes.length };
}

/** Restores into an empty or new DATA_DIR, then applies the migrations this version has on top. */
export async function restoreDataDir(
  archivePath: string,
  dataDir: string,
): Promise<ArchiveResult & { migrated: number[] }> {
  mkdirSync(dataDir, { recursive: true });
  if (inspectDataDir(dataDir) === 'database') {
    throw new DatabaseOpenError(
      `DATA_DIR (${dataDir}) already holds a database: restore into an empty or new directory, then point DATA_DIR at it.`,
    );
  }
  const bytes = readFileSync(archivePath);
  const restored = await openPglite({
    dataDir,
    loadDataDir: new Blob([bytes], { type: 'application/x-gzip' }),
  });
  try {
    const migrated = await migrate(restored);
    return { tables: await digestTables(restored.db), bytes: bytes.length, migrated };
  } finally {
    await restored.close();
  }
}
