// What an operator sees when the database setting is wrong: `poy serve` run as a real process exits
// non-zero with one line on stderr that names the setting (DATA_DIR or DATABASE_URL) and what to do,
// and no stack trace. A directory that is neither empty nor a POY database is refused, not adopted;
// an existing POY database still opens.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inspectDataDir } from '../src/store/drivers/data-dir-contents.ts';
import { DatabaseOpenError } from '../src/store/drivers/database-open-error.ts';
import { openPglite } from '../src/store/drivers/open-pglite.ts';
import { makeTempDir, removeDirectory } from './harness.ts';

const REPOSITORY_ROOT = new URL('../../../', import.meta.url).pathname;
/** A first start runs initdb inside WASM and every migration: seconds, more on a busy machine. */
const RUN_TIMEOUT_MS = 120_000;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], settings: Record<string, string>): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    POY_MODE: 'development',
    // Set, so that the development-secret warning does not add a line of its own.
    POY_SECRET_KEY: 'startup-failure-test-secret-0123456789',
    ...settings,
  };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'NODE_ENV', 'NODE_TEST_CONTEXT']) {
    if (!(name in settings)) delete env[name];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: REPOSITORY_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`poy ${args.join(' ')} did not exit within ${RUN_TIMEOUT_MS} ms:\n${stdout}${stderr}`),
      );
    }, RUN_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A refused start: non-zero, nothing on stdout, one line on stderr matching `expected`, no stack. */
function assertOneLineRefusal(run: CliRun, expected: RegExp): string {
  const shown = `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
  assert.notEqual(run.code, 0, shown);
  assert.notEqual(run.code, null, shown);
  assert.equal(run.stdout, '', shown);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line expected:\n${shown}`);
  const [line = ''] = lines;
  assert.doesNotMatch(run.stderr, /^\s+at\s|Error:/m, shown);
  assert.match(line, expected, shown);
  return line;
}

describe('start-up failures: one line naming the setting', () => {
  let root: string;
  let database: string;
  before(async () => {
    root = makeTempDir('startup');
    // A directory that does not exist yet is created and initialised: the POY database the
    // other cases copy.
    database = join(root, 'new', 'data');
    const created = await runCli(['migrate'], { DATA_DIR: database });
    assert.equal(created.code, 0, created.stdout + created.stderr);
    // Applied one by one after initdb, or all present already when a build's prepared image was copied
    // in (store/prepared-image.ts); either way the next case finds nothing left to apply.
    assert.match(created.stdout, /Applied migrations|The database is up to date/);
  });
  after(() => {
    removeDirectory(root);
  });

  function copyOfDatabase(name: string): string {
    const copy = join(root, name);
    cpSync(database, copy, { recursive: true });
    rmSync(join(copy, 'poy.lock'), { force: true });
    return copy;
  }

  it('an existing POY database opens as before', async () => {
    const again = await runCli(['migrate'], { DATA_DIR: database });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /The database is up to date/);
  });

  it('a damaged embedded database: DATA_DIR named, restore or point elsewhere', async () => {
    const damaged = copyOfDatabase('damaged');
    truncateSync(join(damaged, 'global', 'pg_control'), 0);
    const line = assertOneLineRefusal(
      await runCli(['serve'], { DATA_DIR: damaged }),
      /^DATA_DIR \(.+\) holds a database that cannot be opened .*restore it from a backup/,
    );
    assert.ok(line.includes(damaged), line);
  });

  it('DATA_DIR pointing at a file', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a directory\n');
    const line = assertOneLineRefusal(
      await runCli(['serve'], { DATA_DIR: file }),
      /^DATA_DIR \(.+\) is a file, not a directory: point DATA_DIR at a directory/,
    );
    assert.ok(line.includes(file), line);
    assertOneLineRefusal(
      await runCli(['serve'], { DATA_DIR: join(file, 'data') }),
      /^DATA_DIR \(.+\) has a file on its path, not a directory/,
    );
  });

  it('a non-empty directory that is not a POY database is refused and left as it was', async () => {
    const home = join(root, 'someones-home');
    mkdirSync(home);
    writeFileSync(join(home, 'notes.txt'), 'mine\n');
    assertOneLineRefusal(
      await runCli(['serve'], { DATA_DIR: home }),
      /^DATA_DIR \(.+\) is not empty and holds no POY database \(it has notes\.txt\): point DATA_DIR at an empty/,
    );
    assert.deepEqual(readdirSync(home), ['notes.txt'], 'nothing was written into it');
  });

  it("another program's embedded database is refused, not migrated", async () => {
    const foreign = copyOfDatabase('foreign');
    const handle = await openPglite({ dataDir: foreign });
    await handle.pglite.exec('drop table schema_migrations; create table their_table (id int)');
    await handle.close();
    assertOneLineRefusal(
      await runCli(['serve'], { DATA_DIR: foreign }),
      /^DATA_DIR \(.+\) holds a database that is not POY's \(\d+ tables, no POY migrations\)/,
    );
    const reopened = await openPglite({ dataDir: foreign }).catch((error: unknown) => error);
    assert.ok(reopened instanceof DatabaseOpenError, 'still refused, still not adopted');
  });

  it('an unreachable DATABASE_URL: named, with its address and without its password', async () => {
    const line = assertOneLineRefusal(
      await runCli(['serve'], { DATABASE_URL: 'postgres://poy:hunter2-password@127.0.0.1:1/poy' }),
      /^Could not connect to PostgreSQL at DATABASE_URL \(127\.0\.0\.1:1\/poy: .*ECONNREFUSED.*\): check that PostgreSQL is running/,
    );
    assert.ok(!line.includes('hunter2'), line);
  });
});

describe('data directory contents', () => {
  const directories: string[] = [];
  after(() => {
    for (const directory of directories) removeDirectory(directory);
  });
  const directory = (name: string) => {
    const path = makeTempDir(name);
    directories.push(path);
    return path;
  };

  it('empty (or holding only a lock, lost+found and hidden files) is new; PG_VERSION is a database', () => {
    const empty = directory('contents-empty');
    assert.equal(inspectDataDir(empty), 'new');
    mkdirSync(join(empty, 'lost+found'));
    writeFileSync(join(empty, 'poy.lock'), '1');
    writeFileSync(join(empty, '.DS_Store'), '');
    assert.equal(inspectDataDir(empty), 'new');
    const cluster = directory('contents-cluster');
    writeFileSync(join(cluster, 'PG_VERSION'), '17\n');
    mkdirSync(join(cluster, 'base'));
    assert.equal(inspectDataDir(cluster), 'database');
  });

  it('anything else is refused with the names it holds', () => {
    const busy = directory('contents-busy');
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) writeFileSync(join(busy, name), '');
    assert.throws(
      () => inspectDataDir(busy),
      (error: unknown) =>
        error instanceof DatabaseOpenError && /\(it has a\.txt, b\.txt, c\.txt, …\)/.test(error.message),
    );
    assert.ok(!existsSync(join(busy, 'PG_VERSION')));
  });
});
