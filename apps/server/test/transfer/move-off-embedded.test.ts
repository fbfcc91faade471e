// Outgrowing the embedded database (docs/operations.md): `poy backup`, `poy restore` and
// `poy copy-to-postgres`, run as an operator runs them (the real CLI in a child process) on a data
// directory filled through the API. "Nothing lost" is checked row for row: every table's count and
// checksum, and then the API itself answering from the new database with the old keys.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openPglite } from '../../src/store/drivers/open-pglite.ts';
import { openPostgres } from '../../src/store/drivers/open-postgres.ts';
import { openStore } from '../../src/store/open-store.ts';
import { compareDigests, digestTables, type TableDigest } from '../../src/store/transfer/table-digests.ts';
import {
  createEmptyPostgresDatabase,
  createTestApp,
  createTestTenant,
  makeTempDir,
  removeDirectory,
  type TestApp,
  type TestTenant,
} from '../harness.ts';
import { connectPost, GET_STATUS, REGISTER, SANDBOX } from '../routes/connect-helpers.ts';
import { poyRequest, WEBHOOKS } from '../routes/webhook-helpers.ts';

const BIN = new URL('../../bin/poy.js', import.meta.url).pathname;
const CLI_TIMEOUT_MS = 300_000;

function poy(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Opens a data directory, runs `fn` with a test app on it, closes both. */
async function withEmbeddedApp<T>(dataDir: string, fn: (harness: TestApp) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir, migrate: true });
  const harness = await createTestApp({ testStore: { store, close: () => store.close() } });
  try {
    return await fn(harness);
  } finally {
    await harness.close();
    await store.close();
  }
}

async function digestDataDir(dataDir: string): Promise<TableDigest[]> {
  const handle = await openPglite({ dataDir });
  try {
    return await digestTables(handle.db);
  } finally {
    await handle.close();
  }
}

const USERS = ['user-1', 'user-2', 'user-3'];

describe('moving off the embedded database', () => {
  let directory: string;
  let dataDir: string;
  let tenant: TestTenant;
  let original: TableDigest[];

  before(async () => {
    directory = makeTempDir('poy-transfer');
    dataDir = join(directory, 'data');
    tenant = await withEmbeddedApp(dataDir, async (harness) => {
      const created = await createTestTenant(harness);
      const hook = await poyRequest(harness, created.testKey, 'POST', WEBHOOKS, {
        url: 'https://hooks.example.com/poy',
      });
      assert.equal(hook.statusCode, 201, hook.body);
      for (const [index, user] of USERS.entries()) {
        const registered = await connectPost(harness, created.testKey, REGISTER, { reference_user_id: user });
        assert.equal(registered.statusCode, 200, registered.body);
        const outcome = index === 2 ? 'failed' : 'verified';
        const forced = await connectPost(harness, created.testKey, SANDBOX, {
          reference_user_id: user,
          outcome,
        });
        assert.equal(forced.statusCode, 200, forced.body);
      }
      return created;
    });
    original = await digestDataDir(dataDir);
  });

  after(() => {
    removeDirectory(directory);
  });

  it('the data directory holds what the API wrote (the digests below have something to compare)', () => {
    const rows = (table: string) => original.find((digest) => digest.table === table)?.rows ?? 0;
    assert.equal(rows('connect_users'), USERS.length);
    assert.ok(rows('humans') >= 2);
    assert.ok(rows('outbox_events') >= USERS.length);
    assert.ok(rows('webhook_deliveries') >= USERS.length);
    assert.equal(rows('api_keys'), 2);
  });

  it('backs up, and restores into a new directory with every row equal', () => {
    const archive = join(directory, 'backups', 'poy.tar.gz');
    const backup = poy({ DATA_DIR: dataDir }, 'backup', '--out', archive);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /checked by loading the backup back/);
    assert.ok(existsSync(archive));

    const restoredDir = join(directory, 'restored');
    const restored = poy({ DATA_DIR: restoredDir }, 'restore', '--from', archive);
    assert.equal(restored.code, 0, restored.stderr);
    return digestDataDir(restoredDir).then((digests) =>
      assert.deepEqual(compareDigests(original, digests), []),
    );
  });

  it('refuses to restore over a database, in one line, and leaves it alone', async () => {
    const archive = join(directory, 'backups', 'second.tar.gz');
    assert.equal(poy({ DATA_DIR: dataDir }, 'backup', '--out', archive).code, 0);
    const refused = poy({ DATA_DIR: dataDir }, 'restore', '--from', archive);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^DATA_DIR \(.*\) already holds a database: restore into an empty or new directory/,
    );
    assert.equal(refused.stderr.trim().split('\n').length, 1);
    assert.deepEqual(compareDigests(original, await digestDataDir(dataDir)), []);
  });

  describe('copy-to-postgres', () => {
    let target: { url: string; drop(): Promise<void> };
    before(async () => {
      target = await createEmptyPostgresDatabase();
    });
    after(async () => {
      await target.drop();
    });

    it('copies every row, and the API answers from PostgreSQL with the old keys and users', async () => {
      const copied = poy({ DATA_DIR: dataDir }, 'copy-to-postgres', '--to-database-url', target.url);
      assert.equal(copied.code, 0, copied.stderr);
      assert.match(copied.stdout, /every table matches the source/);

      const handle = await openPostgres({ connectionString: target.url });
      try {
        assert.deepEqual(compareDigests(original, await digestTables(handle.db)), []);
      } finally {
        await handle.close();
      }

      const store = await openStore({ databaseUrl: target.url, dataDir, migrate: false });
      const harness = await createTestApp({ testStore: { store, close: () => store.close() } });
      try {
        const project = await poyRequest(harness, tenant.testKey, 'GET', '/api/poy/project');
        assert.equal(project.statusCode, 200, project.body);
        const status = await connectPost(harness, tenant.testKey, GET_STATUS, {
          reference_user_id: 'user-1',
        });
        assert.equal(status.json.status, 'success', status.body);
        assert.equal(status.json.verification_status, 'VERIFIED', status.body);
        // New rows after the copy: identity columns continue past the copied ones.
        await connectPost(harness, tenant.testKey, REGISTER, { reference_user_id: 'user-4' });
        const forced = await connectPost(harness, tenant.testKey, SANDBOX, {
          reference_user_id: 'user-4',
          outcome: 'verified',
        });
        assert.equal(forced.statusCode, 200, forced.body);
      } finally {
        await harness.close();
        await store.close();
      }
    });

    it('refuses a target that already holds POY data, and writes nothing', async () => {
      const before = await withPostgresDigests(target.url);
      const again = poy({ DATA_DIR: dataDir }, 'copy-to-postgres', '--to-database-url', target.url);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /already holds POY data/);
      assert.deepEqual(compareDigests(before, await withPostgresDigests(target.url)), []);
    });
  });

  it('refuses to run on PostgreSQL: backup and restore are for the embedded database', () => {
    const refused = poy(
      { DATA_DIR: dataDir, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' },
      'backup',
      '--out',
      join(directory, 'never.tar.gz'),
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /DATABASE_URL is set: use pg_dump/);
    assert.ok(!existsSync(join(directory, 'never.tar.gz')));
  });
});

async function withPostgresDigests(url: string): Promise<TableDigest[]> {
  const handle = await openPostgres({ connectionString: url });
  try {
    return await digestTables(handle.db);
  } finally {
    await handle.close();
  }
}
