// A new embedded database starts as a copy of a prepared image (store/prepared-image.ts): a data
// directory made at build time with every migration applied. Copying ~40 MB of files takes a tenth of
// a second; PGlite's initdb, which it replaces, took six seconds and ~900 MB of memory. The image holds
// only the schema: nothing per instance (no keys, accounts or sign-in links) exists before first start.
import { constants, cpSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Hidden, so that a copy cut short leaves a directory inspectDataDir still counts as empty. */
const STAGING = '.poy-image-copy';

/**
 * Copies the image into an empty `dataDir`; false when there is no image there (then PGlite runs
 * initdb as before). PG_VERSION, which makes a directory count as a database, is moved in last, so a
 * crash part-way leaves either the hidden staging folder (removed on the next attempt) or a complete
 * database.
 */
export function copyDataDirImage(imageDir: string, dataDir: string): boolean {
  if (!existsSync(join(imageDir, 'PG_VERSION'))) return false;
  const staging = join(dataDir, STAGING);
  rmSync(staging, { recursive: true, force: true });
  // A copy-on-write clone where the file system has one (btrfs, xfs, APFS), a plain copy elsewhere.
  cpSync(imageDir, staging, { recursive: true, mode: constants.COPYFILE_FICLONE });
  const names = readdirSync(staging).filter((name) => name !== 'PG_VERSION');
  for (const name of [...names, 'PG_VERSION']) renameSync(join(staging, name), join(dataDir, name));
  rmSync(staging, { recursive: true, force: true });
  return true;
}
