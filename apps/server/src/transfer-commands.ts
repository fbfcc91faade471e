// `poy backup`, `poy restore` and `poy copy-to-postgres`: the embedded database's way out (docs/
// operations.md). Each needs the embedded data directory to itself (the server must be stopped: the
// data-directory lock refuses otherwise) and prints what it did table by table.
import type { Config } from './config.ts';
import { DatabaseOpenError } from './store/drivers/database-open-error.ts';
import { openPglite } from './store/drivers/open-pglite.ts';
import { openPostgres } from './store/drivers/open-postgres.ts';
import { migrate } from './store/migrate.ts';
import { copyDatabase } from './store/transfer/copy-database.ts';
import { backupDataDir, restoreDataDir } from './store/transfer/data-dir-archive.ts';
import type { TableDigest } from './store/transfer/table-digests.ts';

type Print = (line: string) => void;

function refuseWithPostgres(config: Config, command: string): void {
  if (config.databaseUrl) {
    throw new DatabaseOpenError(
      `poy ${command} works on the embedded database (DATA_DIR); DATABASE_URL is set: use pg_dump / pg_restore for PostgreSQL.`,
    );
  }
}

function totalRows(tables: readonly TableDigest[]): number {
  return tables.reduce((sum, table) => sum + table.rows, 0);
}

export async function runBackup(config: Config, archivePath: string, print: Print): Promise<number> {
  refuseWithPostgres(config, 'backup');
  const result = await backupDataDir(config.dataDir, archivePath);
  print(
    `Backed up ${config.dataDir} to ${archivePath} (${result.bytes} bytes): ${totalRows(result.tables)} rows in ` +
      `${result.tables.length} tables, checked by loading the backup back.`,
  );
  return 0;
}

export async function runRestore(config: Config, archivePath: string, print: Print): Promise<number> {
  refuseWithPostgres(config, 'restore');
  const result = await restoreDataDir(archivePath, config.dataDir);
  const migrated = result.migrated.length > 0 ? `; applied migrations ${result.migrated.join(', ')}` : '';
  print(
    `Restored ${archivePath} into ${config.dataDir}: ${totalRows(result.tables)} rows in ${result.tables.length} tables${migrated}.`,
  );
  return 0;
}

export async function runCopyToPostgres(config: Config, targetUrl: string, print: Print): Promise<number> {
  refuseWithPostgres(config, 'copy-to-postgres');
  const source = await openPglite({ dataDir: config.dataDir });
  try {
    await migrate(source);
    const target = await openPostgres({ connectionString: targetUrl });
    try {
      await migrate(target);
      const result = await copyDatabase(source.db, target.db);
      if (!result.ok) {
        process.stderr.write(
          result.reason === 'target_not_empty'
            ? `The target database already holds POY data (${result.tables.join(', ')}): copy into a new, empty database.\n`
            : `The copy did not match the source in ${result.tables.join(', ')}; nothing was written.\n`,
        );
        return 1;
      }
      for (const table of result.tables) print(`  ${table.table}: ${table.rows} rows`);
      print(
        `Copied ${totalRows(result.tables)} rows in ${result.tables.length} tables; every table matches the source ` +
          '(row counts and checksums). Start the server with DATABASE_URL set to the target.',
      );
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
