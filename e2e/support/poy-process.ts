// The service as a business runs it: `poy serve` in its own process (API, pages, dashboard and the
// webhook worker), on a fresh PostgreSQL database so that the `poy` CLI can work beside the running
// server (an embedded data directory is locked by the server that holds it). Its stdout is kept so a
// test can read what the first start prints (the dashboard sign-in link).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { findFreePort } from './poy-server.ts';
import { STEP_TIMEOUT_MS } from './timing.ts';

const CLI = fileURLToPath(new URL('../../apps/server/src/cli.ts', import.meta.url));
const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PoyProcess {
  baseUrl: string;
  databaseUrl: string;
  /** Everything the server printed on stdout so far. */
  output(): string;
  /** Waits until stdout has a line matching `pattern` and returns the match. */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray>;
  /** Runs `poy <args…>` against the same database and returns its stdout. */
  runCli(args: readonly string[]): Promise<string>;
  close(): Promise<void>;
}

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `poy_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

function environmentFor(baseUrl: string, port: number, databaseUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    POY_MODE: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
  };
}

export async function startPoyProcess(): Promise<PoyProcess> {
  const database = await createDatabase();
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const env = environmentFor(baseUrl, port, database.url);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const wake of waiters) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  async function waitForOutput(pattern: RegExp): Promise<RegExpExecArray> {
    const deadline = Date.now() + STEP_TIMEOUT_MS * 4;
    for (;;) {
      const match = pattern.exec(stdout);
      if (match) return match;
      if (child.exitCode !== null) throw new Error(`poy serve exited (${child.exitCode}): ${stderr}`);
      if (Date.now() > deadline) throw new Error(`poy serve never printed ${pattern}:\n${stdout}\n${stderr}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        setTimeout(wake, 250);
      });
    }
  }

  async function waitUntilReady(): Promise<void> {
    const deadline = Date.now() + STEP_TIMEOUT_MS * 4;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`poy serve exited (${child.exitCode}): ${stderr}`);
      try {
        const response = await fetch(`${baseUrl}/readyz`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`poy serve did not become ready:\n${stdout}\n${stderr}`);
  }

  async function runCli(args: readonly string[]): Promise<string> {
    const cli = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    cli.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    cli.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
    if (code !== 0) throw new Error(`poy ${args.join(' ')} exited ${code}: ${err}`);
    return out;
  }

  try {
    await waitUntilReady();
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await database.drop();
    throw error;
  }

  return {
    baseUrl,
    databaseUrl: database.url,
    output: () => stdout,
    waitForOutput,
    runCli,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await database.drop();
    },
  };
}
