import type { DatabaseHandle } from './drivers/database-handle.ts';
import type { DatabaseTracing } from './drivers/database-tracing.ts';
import { openPglite } from './drivers/open-pglite.ts';
import { openPostgres } from './drivers/open-postgres.ts';
import { migrate } from './migrate.ts';
import { createPostgresStore } from './postgres/postgres-store.ts';
import { preparedImageDir } from './prepared-image.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** PostgreSQL connection string; when absent, embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Apply pending migrations before returning (the server does; `poy migrate` does it alone). */
  migrate: boolean;
  onBackgroundError?: (error: Error) => void;
  /** Set only when tracing is on. */
  tracing?: DatabaseTracing | undefined;
}

export async function openDatabase(options: Omit<OpenStoreOptions, 'migrate'>): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? openPostgres({
        connectionString: options.databaseUrl,
        ...(options.onBackgroundError ? { onError: options.onBackgroundError } : {}),
        tracing: options.tracing,
      })
    : openPglite({
        dataDir: options.dataDir,
        preparedImageDir: preparedImageDir(),
        tracing: options.tracing,
      });
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const handle = await openDatabase(options);
  try {
    if (options.migrate) await migrate(handle);
    return await createPostgresStore(
      handle,
      options.onBackgroundError ? { onListenError: options.onBackgroundError } : {},
    );
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}
