// `poy <command>` as a child process, as an operator runs it: for the tests of what only a real process
// shows (signals, exit codes, several processes on one database). Output is kept for failure messages.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** A fresh process on a busy 2-core machine can take over a minute to answer. */
const STARTUP_TIMEOUT_MS = 150_000;

export interface PoyProcess {
  child: ChildProcess;
  /** The last 20,000 characters of stdout and stderr. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
// Last resort if the test process dies without running its `after` hooks.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `poy …args` from the repository root with `env` over a clean copy of this environment. */
export function startPoy(args: readonly string[], env: Record<string, string>): PoyProcess {
  const base: NodeJS.ProcessEnv = { ...process.env };
  // Only what the test sets: the runner's own markers and any developer settings must not leak in.
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL', 'NODE_ENV', 'NODE_TEST_CONTEXT', 'PORT']) {
    delete base[name];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: REPOSITORY_ROOT,
    env: { ...base, POY_MODE: 'development', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, output: () => output, exited };
}

/** Polls `url` until it answers 200; fails if the process exits first or the bound runs out. */
export async function waitUntilAnswering(poy: PoyProcess, url: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (poy.child.exitCode !== null || poy.child.signalCode !== null) {
      throw new Error(`the process exited before answering ${url}:\n${poy.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within 150 s:\n${poy.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGKILL, for cleanup after a failed assertion. */
export async function killPoy(poy: PoyProcess): Promise<void> {
  if (poy.child.exitCode !== null || poy.child.signalCode !== null) return;
  poy.child.kill('SIGKILL');
  await poy.exited;
}
