// The prepared database image: an embedded data directory with every migration applied, made by
// `npm run build` (the root `prepare` runs it at install) so that a new DATA_DIR starts from a copy
// instead of PGlite's initdb plus every migration. Each image is named by a digest of the migration
// files: after a migration is added or edited, the old image no longer matches and is ignored (a new
// DATA_DIR then runs initdb as before) until the next build makes a current one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST_DIR } from '../server-root.ts';
import { openPglite } from './drivers/open-pglite.ts';
import { listMigrations, type Migration, migrate } from './migrate.ts';

const IMAGES_DIR = fileURLToPath(new URL('pglite-image/', DIST_DIR));

/** Hex SHA-256 over every migration's version, name and text, in order. */
export function digestMigrations(migrations: readonly Migration[] = listMigrations()): string {
  const hash = createHash('sha256');
  for (const migration of migrations) {
    hash.update(`${migration.version}\0${migration.name}\0${migration.sql}\0`);
  }
  return hash.digest('hex');
}

/** Where the image for the current migrations is (it may not exist). */
export function preparedImageDir(imagesDir: string = IMAGES_DIR): string {
  return join(imagesDir, digestMigrations().slice(0, 16));
}

/**
 * Makes the image for the current migrations unless it exists, and removes images of older ones.
 * Built in a temporary folder and renamed into place, so a build cut short leaves no image rather
 * than a partial one.
 */
export async function writePreparedImage(
  imagesDir: string = IMAGES_DIR,
): Promise<{ dir: string; created: boolean }> {
  const dir = preparedImageDir(imagesDir);
  mkdirSync(imagesDir, { recursive: true });
  for (const name of readdirSync(imagesDir)) {
    if (join(imagesDir, name) !== dir) rmSync(join(imagesDir, name), { recursive: true, force: true });
  }
  if (existsSync(join(dir, 'PG_VERSION'))) return { dir, created: false };
  const building = join(imagesDir, `.building-${process.pid}`);
  rmSync(building, { recursive: true, force: true });
  const handle = await openPglite({ dataDir: building, preparedImageDir: null });
  try {
    await migrate(handle);
    // Written out now rather than replayed from the WAL by every copy's first start.
    await handle.withScriptSession((run) => run('checkpoint'));
  } finally {
    await handle.close();
  }
  renameSync(building, dir);
  return { dir, created: true };
}
