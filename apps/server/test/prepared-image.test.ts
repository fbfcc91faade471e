// A new embedded DATA_DIR starts as a copy of the prepared image (store/prepared-image.ts) instead of
// initdb plus every migration: the copy must be a complete, current POY database of its own, a stale or
// missing image must fall back to initdb, and nothing of the copy's first start may leak into the image.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { z } from 'zod';
import { openPglite } from '../src/store/drivers/open-pglite.ts';
import { listMigrations, migrate } from '../src/store/migrate.ts';
import { preparedImageDir, writePreparedImage } from '../src/store/prepared-image.ts';

const versionRows = z.array(z.object({ version: z.number().int() }));
const ALL_VERSIONS = listMigrations().map((migration) => migration.version);

describe('prepared database image', () => {
  const work = mkdtempSync(join(tmpdir(), 'poy-prepared-image-'));
  const imagesDir = join(work, 'images');
  after(() => rmSync(work, { recursive: true, force: true }));

  it('is made once for the current migrations, replacing images of older ones', async () => {
    mkdirSync(join(imagesDir, 'stale0123456789ab'), { recursive: true });
    const first = await writePreparedImage(imagesDir);
    assert.equal(first.created, true);
    assert.equal(first.dir, preparedImageDir(imagesDir));
    assert.deepEqual(readdirSync(imagesDir), [first.dir.split('/').at(-1)]);
    assert.equal(existsSync(join(first.dir, 'poy.lock')), false, 'no lock file is left in the image');
    const second = await writePreparedImage(imagesDir);
    assert.equal(second.created, false);
  });

  it('gives an empty data directory every migration, with nothing left to apply', async () => {
    const dataDir = join(work, 'from-image');
    const handle = await openPglite({ dataDir, preparedImageDir: preparedImageDir(imagesDir) });
    try {
      assert.deepEqual(await migrate(handle), []);
      const { rows } = await sql`select version from schema_migrations order by version`.execute(handle.db);
      assert.deepEqual(
        versionRows.parse(rows).map((row) => row.version),
        ALL_VERSIONS,
      );
      await sql`create table first_start_marker (id int)`.execute(handle.db);
    } finally {
      await handle.close();
    }
    assert.equal(existsSync(join(dataDir, '.poy-image-copy')), false, 'the staging folder is gone');
    // What one instance writes stays in its own directory: a second copy starts from the image again.
    const other = await openPglite({
      dataDir: join(work, 'second'),
      preparedImageDir: preparedImageDir(imagesDir),
    });
    try {
      const { rows } = await sql`select to_regclass('public.first_start_marker') is null as absent`.execute(
        other.db,
      );
      assert.deepEqual(rows, [{ absent: true }]);
    } finally {
      await other.close();
    }
  });

  it('falls back to initdb when there is no image for the current migrations', async () => {
    const dataDir = join(work, 'no-image');
    const handle = await openPglite({ dataDir, preparedImageDir: join(work, 'images', 'missing') });
    try {
      assert.deepEqual(await migrate(handle), ALL_VERSIONS);
    } finally {
      await handle.close();
    }
  });
});
