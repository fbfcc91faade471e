// Servers under test run in child processes so the load generator (this process) does not compete
// with them for the event loop. Every wait here is bounded, and every child is tracked so it is
// killed even when the benchmark fails or is interrupted.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** Keep the end of a child's output for error messages; older output is dropped. */
const OUTPUT_TAIL_CHARACTERS = 16_384;
const STOP_GRACE_MILLISECONDS = 12_000;
const KILL_WAIT_MILLISECONDS = 3_000;

const liveChildren = new Set<ChildProcess>();

// Last resort when the parent exits without stopping a child (an uncaught error, process.exit):
// 'exit' handlers must be synchronous, so this can only send SIGKILL.
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

export class ChildFailedError extends Error {
  constructor(message: string, output: string) {
    super(output.trim() ? `${message}\n--- child output (tail) ---\n${output.trimEnd()}` : message);
    this.name = 'ChildFailedError';
  }
}

/** The environment for a POY or baseline child: the parent's, minus what would switch storage. */
export function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The benchmark measures the embedded default (PGlite, in-memory rate limits); a DATABASE_URL or
  // REDIS_URL left in the shell would silently measure something else.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  return { ...env, ...overrides };
}

/** Runs `node --import tsx <script> ...args` to completion and returns its stdout. */
export async function runNodeScript(
  script: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMilliseconds: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMilliseconds, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new ChildFailedError(
              `${script} ${args.join(' ')} failed: ${error.message}`,
              `${stdout}${stderr}`,
            ),
          );
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/** A free TCP port on the loopback interface (it could be taken again before use; unlikely here). */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('Could not read the free port');
  return address.port;
}

export interface RunningChild {
  name: string;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  baseUrl: string;
  /** The child's process id (the server itself: tsx runs in the same process). */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

export interface ChildServerSpec {
  name: string;
  script: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** A path answering 200 once the server accepts requests. */
  readyPath: string;
  readyTimeoutMilliseconds: number;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitForExit(child: ChildProcess, timeoutMilliseconds: number): Promise<boolean> {
  if (hasExited(child)) return true;
  const exited = once(child, 'exit').then(() => true);
  const timedOut = new Promise<boolean>((resolve) =>
    setTimeout(() => resolve(false), timeoutMilliseconds).unref(),
  );
  return Promise.race([exited, timedOut]);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (!hasExited(child)) {
    // SIGTERM first so POY drains and closes PGlite cleanly; SIGKILL if it does not manage in time.
    child.kill('SIGTERM');
    if (!(await waitForExit(child, STOP_GRACE_MILLISECONDS))) {
      child.kill('SIGKILL');
      await waitForExit(child, KILL_WAIT_MILLISECONDS);
    }
  }
  liveChildren.delete(child);
}

/** Starts a server in a child process and resolves once `readyPath` answers 200. */
export async function startChildServer(spec: ChildServerSpec): Promise<RunningChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', spec.script, ...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  const pid = child.pid;

  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARACTERS);
  };
  // Always drain both pipes: a child blocked on a full pipe would look like a slow server.
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const running: RunningChild = {
    name: spec.name,
    baseUrl: `http://127.0.0.1:${spec.port}`,
    pid: pid ?? -1,
    output: () => output,
    stop: () => stopChild(child),
  };

  try {
    await waitUntilReady(child, `${running.baseUrl}${spec.readyPath}`, spec.readyTimeoutMilliseconds);
  } catch (error) {
    await running.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new ChildFailedError(`${spec.name} did not become ready: ${reason}`, output);
  }
  return running;
}

async function waitUntilReady(child: ChildProcess, url: string, timeoutMilliseconds: number): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`it exited (code ${child.exitCode}, signal ${child.signalCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastProblem = `status ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMilliseconds} ms (last: ${lastProblem})`);
}
