// One process per PGlite data directory: two on one directory both report successful writes while
// one of them is lost. These tests check the lock in-process (openPglite) and across real processes
// (`poy serve` started twice), where a clear refusal at start is what an operator sees.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DataDirLockedError } from '../src/store/drivers/data-dir-lock.ts';
import { openPglite } from '../src/store/drivers/open-pglite.ts';
import { makeTempDir, removeDirectory } from './harness.ts';

const REPOSITORY_ROOT = new URL('../../../', import.meta.url).pathname;
const LOCK_FILE = 'poy.lock';
// Bounds so that a hung child fails the test instead of hanging the run. A first start runs initdb
// inside WASM and the migrations: seconds on a quiet machine, over a minute on a 2-core one running
// other suites beside it, so the bound is generous (it only decides how long a hang takes to fail).
const STARTUP_TIMEOUT_MS = 150_000;
const REFUSAL_TIMEOUT_MS = 90_000;
const SHUTDOWN_TIMEOUT_MS = 15_000;

/** A pid that belonged to a process which has exited and been reaped, so no process holds it now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('Could not start a short-lived process');
  return child.pid;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('No port was assigned'));
      });
    });
  });
}

interface ServeProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startServe(dataDir: string, port: number): ServeProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    POY_MODE: 'development',
  };
  // The embedded database is the subject here; the test runner's own markers must not leak in either.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.NODE_ENV;
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'serve'], {
    cwd: REPOSITORY_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => output, exited };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms: ${what()}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls /healthz until it answers 200; fails early if the process exits first. */
async function waitUntilHealthy(serve: ServeProcess, port: number): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited(serve.child)) {
      throw new Error(`The server exited during startup (code ${serve.child.exitCode}):\n${serve.output()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer /healthz within ${STARTUP_TIMEOUT_MS} ms:\n${serve.output()}`);
}

describe('data directory lock', () => {
  const directories: string[] = [];
  const children: ChildProcess[] = [];
  // Handles still open; closed in `after` if an assertion failed before the test closed them.
  const openHandles = new Set<{ close(): Promise<void> }>();

  after(async () => {
    for (const handle of openHandles) await handle.close().catch(() => {});
    for (const child of children) {
      if (!hasExited(child)) child.kill('SIGKILL');
    }
    for (const directory of directories) removeDirectory(directory);
  });

  async function open(dataDir: string): ReturnType<typeof openPglite> {
    const handle = await openPglite({ dataDir });
    openHandles.add(handle);
    return handle;
  }

  async function close(handle: { close(): Promise<void> }): Promise<void> {
    openHandles.delete(handle);
    await handle.close();
  }

  function tempDataDir(name: string): string {
    const directory = makeTempDir(name);
    directories.push(directory);
    return join(directory, 'data');
  }

  it('in one process: held while open, refused twice, reopened after close, stale lock taken over', async () => {
    const dataDir = tempDataDir('lock');
    const lockPath = join(dataDir, LOCK_FILE);

    const first = await open(dataDir);
    assert.equal(readFileSync(lockPath, 'utf8').trim(), String(process.pid));

    await assert.rejects(open(dataDir), (error: unknown) => {
      assert.ok(error instanceof DataDirLockedError, `expected DataDirLockedError, got ${String(error)}`);
      assert.ok(error.message.includes(dataDir), `the message should name ${dataDir}: ${error.message}`);
      return true;
    });
    // The refused open must not have released or replaced the holder's lock.
    assert.equal(readFileSync(lockPath, 'utf8').trim(), String(process.pid));

    await close(first);
    const reopened = await open(dataDir);
    await reopened.pglite.query('select 1');
    await close(reopened);

    // A process that died without releasing leaves its pid behind; the next start must not be blocked.
    writeFileSync(lockPath, String(deadPid()));
    const afterCrash = await open(dataDir);
    assert.equal(readFileSync(lockPath, 'utf8').trim(), String(process.pid));
    await close(afterCrash);
  });

  it('across processes: a second `poy serve` on the same DATA_DIR exits non-zero naming the directory', async () => {
    const dataDir = tempDataDir('serve-lock');
    const [firstPort, secondPort] = [await freePort(), await freePort()];

    const first = startServe(dataDir, firstPort);
    children.push(first.child);
    await waitUntilHealthy(first, firstPort);

    // A different port, so the only thing the two servers contend for is the data directory.
    const second = startServe(dataDir, secondPort);
    children.push(second.child);
    const refused = await withTimeout(
      second.exited,
      REFUSAL_TIMEOUT_MS,
      () => `second server:\n${second.output()}`,
    );
    assert.notEqual(refused.code, 0, `the second server should fail:\n${second.output()}`);
    assert.equal(refused.signal, null);
    assert.match(second.output(), /data directory .* is in use/);
    assert.ok(second.output().includes(dataDir), `stderr should name ${dataDir}:\n${second.output()}`);

    // The refusal did not disturb the first server.
    const health = await fetch(`http://127.0.0.1:${firstPort}/healthz`, {
      signal: AbortSignal.timeout(5_000),
    });
    assert.equal(health.status, 200);

    first.child.kill('SIGTERM');
    const stopped = await withTimeout(
      first.exited,
      SHUTDOWN_TIMEOUT_MS,
      () => `first server:\n${first.output()}`,
    );
    assert.deepEqual(stopped, { code: 0, signal: null }, first.output());

    // A clean shutdown releases the lock: the directory can be opened again.
    await close(await open(dataDir));
  });
});
