// What a DATA_DIR holds decides whether POY may write there. PGlite initialises a database in any
// directory without a PG_VERSION file, so without this check a mistyped DATA_DIR (a home directory,
// another program's data) would quietly get a database written into it. Only an empty directory, or
// one that already holds a database, is used.
import { readdirSync } from 'node:fs';
import { DatabaseOpenError } from './database-open-error.ts';

/**
 * Entries that do not make a directory "not empty": the lock POY itself takes, the lost+found of a
 * freshly formatted volume (a mount point), and hidden files (.DS_Store, a volume's .snapshot).
 */
function isIgnorable(name: string): boolean {
  return name === 'poy.lock' || name === 'lost+found' || name.startsWith('.');
}

/** 'new' for an empty directory (to be initialised), 'database' for one that holds a database. */
export function inspectDataDir(dataDir: string): 'new' | 'database' {
  const names = readdirSync(dataDir);
  if (names.includes('PG_VERSION')) return 'database';
  const others = names.filter((name) => !isIgnorable(name));
  if (others.length === 0) return 'new';
  const shown = others.slice(0, 3).join(', ') + (others.length > 3 ? ', …' : '');
  throw new DatabaseOpenError(
    `DATA_DIR (${dataDir}) is not empty and holds no POY database (it has ${shown}): point DATA_DIR ` +
      'at an empty or new directory, or at an existing POY data directory.',
  );
}
