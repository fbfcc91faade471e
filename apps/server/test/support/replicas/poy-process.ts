// Real `poy` processes (bin/poy.js, as an operator runs it) for the multi-replica proof and its bench.
// Every child is tracked so that a failing or interrupted run still kills it: the owner stops it, and
// the 'exit' hook below SIGKILLs whatever is left when the parent process ends anyway.
import { type ChildProcess, spawn } from 'node:child_process';

export const POY_BIN = new URL('../../../bin/poy.js', import.meta.url).pathname;

const OUTPUT_TAIL_CHARACTERS = 32_768;
const STOP_GRACE_MS = 10_000;

const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

/** The parent's environment without what would point a child elsewhere, plus `overrides`. */
export function poyEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'DATA_DIR',
    'PORT',
    'HOST',
    'PUBLIC_URL',
    'NODE_ENV',
    'POY_MODE',
    'WEBHOOK_WORKER',
    'NODE_TEST_CONTEXT',
  ]) {
    delete env[name];
  }
  return { ...env, ...overrides };
}

export interface PoyProcess {
  name: string;
  pid: number;
  output(): string;
  hasExited(): boolean;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (SIGKILL for a crash) and waits until the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

export function spawnProcess(
  name: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): PoyProcess {
  const child = spawn(command, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  liveChildren.add(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARACTERS);
  };
  // Both pipes are always drained: a child blocked on a full pipe would look like a hung server.
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      liveChildren.delete(child);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      keep(Buffer.from(`spawn error: ${error.message}\n`));
      liveChildren.delete(child);
      resolve({ code: null, signal: null });
    });
  });
  const hasExited = (): boolean => !liveChildren.has(child);
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (!hasExited()) child.kill(signal);
    await exited;
  };
  return {
    name,
    pid: child.pid ?? -1,
    output: () => output,
    hasExited,
    exited,
    kill,
    async stop() {
      if (hasExited()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function spawnPoy(name: string, args: readonly string[], env: NodeJS.ProcessEnv): PoyProcess {
  return spawnProcess(name, process.execPath, [POY_BIN, ...args], env);
}

/** Runs one `poy` command to completion; resolves its stdout, rejects with its output otherwise. */
export async function runPoy(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<string> {
  const child = spawnPoy(`poy ${args.join(' ')}`, args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const { code, signal } = await child.exited;
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(
      `poy ${args.join(' ')} failed (code ${code}, signal ${signal}; timeout ${timeoutMs} ms):\n${child.output()}`,
    );
  }
  return child.output();
}

/** Polls `url` until it answers 200; fails early when `child` exits. */
export async function waitUntilAnswering(child: PoyProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new Error(`${child.name} exited during startup:\n${child.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${child.name}: no 200 from ${url} within ${timeoutMs} ms (${last}):\n${child.output()}`);
}

/** Waits until `child` has written a line matching `pattern`; fails early when it exits. */
export async function waitForOutput(child: PoyProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pattern.test(child.output())) return;
    if (child.hasExited()) throw new Error(`${child.name} exited during startup:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${child.name} did not print ${pattern} within ${timeoutMs} ms:\n${child.output()}`);
}
