// Several POY processes on one PostgreSQL database and one Redis, behind HAProxy, all on 127.0.0.1:
// the deployment docs/operations.md ("Running several replicas") describes, started for real so the
// multi-replica proof and bench/replicas.ts measure what an operator runs. The cluster object exists
// before anything starts and tracks each child and the database as they appear, so `stop()` cleans up
// after a start that failed halfway or a test that timed out.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createEmptyPostgresDatabase } from '../../harness.ts';
import { BACKEND_HEADER, type Balancer, findHaproxy, startHaproxy } from './haproxy.ts';
import {
  type PoyProcess,
  poyEnvironment,
  runPoy,
  spawnPoy,
  waitForOutput,
  waitUntilAnswering,
} from './poy-process.ts';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** How an API-only replica is started: HTTP only, no webhook worker, no maintenance. */
export const API_REPLICA_COMMAND: { args: readonly string[]; env: Record<string, string> } = {
  args: ['serve', '--role', 'api'],
  env: {},
};
export const WORKER_COMMAND: readonly string[] = ['worker'];

export interface ClusterOptions {
  apiReplicas: number;
  workers: number;
  /** Extra environment for every poy process (webhook lease and retry timings, log level…). */
  env?: Record<string, string>;
  /** Per process; a child `poy serve` takes 20–60 s to start on a loaded 2-core machine. */
  startupTimeoutMs?: number;
  /** Per CLI command (migrate, account create…). */
  cliTimeoutMs?: number;
  /** POY_SECRET_KEY shared by every process; random by default. */
  secretKey?: string;
}

export interface ApiReplica {
  /** Also the HAProxy server name, so the X-Backend header names it. */
  name: string;
  baseUrl: string;
  process: PoyProcess;
}

export interface Tenant {
  accountId: string;
  projectId: string;
  /** Each created key: its id and its secret (printed once by the CLI). */
  keys: Array<{ id: string; secret: string }>;
}

async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No port was assigned');
  return address.port;
}

function capture(output: string, pattern: RegExp, what: string): string {
  const value = pattern.exec(output)?.[1];
  if (value === undefined) throw new Error(`No ${what} in the CLI output:\n${output}`);
  return value;
}

export class ReplicaCluster {
  readonly options: Required<ClusterOptions>;
  readonly secretKey: string;
  databaseUrl = '';
  balancer: Balancer | null = null;
  apis: ApiReplica[] = [];
  workers: PoyProcess[] = [];
  private database: { url: string; drop(): Promise<void> } | null = null;
  private directory: string | null = null;
  private stopped = false;

  constructor(options: ClusterOptions) {
    this.options = {
      env: {},
      startupTimeoutMs: 180_000,
      cliTimeoutMs: 120_000,
      secretKey: `replica-proof-${randomBytes(24).toString('hex')}`,
      ...options,
    };
    this.secretKey = this.options.secretKey;
  }

  get balancerUrl(): string {
    if (!this.balancer) throw new Error('The cluster has not started');
    return this.balancer.url;
  }

  /** The environment every poy process shares: one database, one Redis, one secret, one public URL. */
  environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return poyEnvironment({
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      POY_MODE: 'development',
      POY_SECRET_KEY: this.secretKey,
      PUBLIC_URL: this.balancer?.url ?? 'http://127.0.0.1',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '127.0.0.1',
      ...this.options.env,
      ...extra,
    });
  }

  /** Runs a `poy` CLI command against the cluster's database; resolves its output. */
  poy(args: readonly string[]): Promise<string> {
    return runPoy(args, this.environment(), this.options.cliTimeoutMs);
  }

  /** Starts everything and waits until the balancer routes to every API replica. */
  async start(): Promise<void> {
    await this.launch();
    await this.waitUntilReady();
  }

  /** Creates and migrates the database, starts HAProxy, and spawns the replicas and workers. */
  async launch(): Promise<void> {
    const haproxy = findHaproxy();
    if (haproxy === null) {
      throw new Error('haproxy is not installed (Debian: apt-get install -y haproxy; .ci/run installs it)');
    }
    this.directory = await mkdtemp(join(tmpdir(), 'poy-replicas-'));
    this.database = await createEmptyPostgresDatabase();
    this.databaseUrl = this.database.url;
    const balancerPort = await findFreePort();
    const apiPorts: number[] = [];
    for (let index = 0; index < this.options.apiReplicas; index += 1) apiPorts.push(await findFreePort());
    this.balancer = await startHaproxy({
      binary: haproxy,
      directory: this.directory,
      port: balancerPort,
      backends: apiPorts.map((port, index) => ({ name: `api${index + 1}`, port })),
    });
    // Migrated once, by the CLI, before any server starts (each would otherwise race to migrate).
    await this.poy(['migrate']);
    if (this.stopped) return;
    this.apis = apiPorts.map((port, index) => {
      const name = `api${index + 1}`;
      const child = spawnPoy(
        name,
        API_REPLICA_COMMAND.args,
        this.environment({ ...API_REPLICA_COMMAND.env, PORT: String(port) }),
      );
      return { name, baseUrl: `http://127.0.0.1:${port}`, process: child };
    });
    for (let index = 0; index < this.options.workers; index += 1) {
      this.workers.push(spawnPoy(`worker${index + 1}`, WORKER_COMMAND, this.environment()));
    }
  }

  /** Waits for each replica's /readyz, then for the balancer to route to all of them. */
  async waitUntilReady(): Promise<void> {
    await Promise.all(
      this.apis.map((api) =>
        waitUntilAnswering(api.process, `${api.baseUrl}/readyz`, this.options.startupTimeoutMs),
      ),
    );
    await this.waitUntilBalanced(this.apis.map((api) => api.name));
    for (const worker of this.workers) {
      if (worker.hasExited()) throw new Error(`${worker.name} exited at start:\n${worker.output()}`);
    }
  }

  /**
   * Spawns `count` more workers and waits until each has logged that it started (a worker has no HTTP
   * port to poll), so that what follows measures delivery, not start-up.
   */
  async startWorkers(count: number): Promise<PoyProcess[]> {
    const started: PoyProcess[] = [];
    for (let index = 0; index < count; index += 1) {
      const worker = spawnPoy(
        `worker${this.workers.length + 1}`,
        WORKER_COMMAND,
        this.environment({ LOG_LEVEL: 'info' }),
      );
      this.workers.push(worker);
      started.push(worker);
    }
    await Promise.all(
      started.map((worker) => waitForOutput(worker, /POY worker started/, this.options.startupTimeoutMs)),
    );
    return started;
  }

  /** Waits until the balancer has routed to each of `names` (its health checks marked them up). */
  async waitUntilBalanced(names: readonly string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const seen = new Set<string>();
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.balancerUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        const backend = response.headers.get(BACKEND_HEADER);
        if (response.status === 200 && backend) seen.add(backend);
        if (names.every((name) => seen.has(name))) return;
      } catch {
        // Not up yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`The balancer routed only to [${[...seen].join(', ')}] of [${names.join(', ')}]`);
  }

  /** Creates an account, a project and `keys` test keys with the CLI, as an operator would. */
  async createTenant(options: {
    plan: 'free' | 'pro' | 'enterprise';
    keys: number;
    name: string;
  }): Promise<Tenant> {
    const accountId = capture(
      await this.poy(['account', 'create', '--name', options.name]),
      /^Created account (acct_[0-9A-Za-z]+)/m,
      'account id',
    );
    const projectId = capture(
      await this.poy([
        'project',
        'create',
        '--account',
        accountId,
        '--name',
        `${options.name} ${randomBytes(3).toString('hex')}`,
        '--plan',
        options.plan,
      ]),
      /^Created project (proj_[0-9A-Za-z]+)/m,
      'project id',
    );
    const keys = await Promise.all(
      Array.from({ length: options.keys }, async () => {
        const output = await this.poy(['key', 'create', '--project', projectId, '--mode', 'test']);
        return {
          id: capture(output, /^Created (key_[0-9A-Za-z]+)\./m, 'key id'),
          secret: capture(output, /^(poy_test_[0-9A-Za-z]+)$/m, 'key'),
        };
      }),
    );
    return { accountId, projectId, keys };
  }

  /** One query against the cluster's database, on a connection of its own. */
  async query<Row extends Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      const result = await client.query<Row>(sql, parameters);
      return result.rows;
    } finally {
      await client.end();
    }
  }

  /** Kills every child (still running or not), drops the database and removes the temp dir. */
  async stop(): Promise<void> {
    this.stopped = true;
    const children = [...this.apis.map((api) => api.process), ...this.workers];
    await Promise.all(children.map((child) => child.stop()));
    await this.balancer?.process.stop();
    // Each step is attempted even when an earlier one failed; the first failure is reported.
    const problems: unknown[] = [];
    const database = this.database;
    this.database = null;
    await database?.drop().catch((error: unknown) => problems.push(error));
    if (this.directory) {
      await rm(this.directory, { recursive: true, force: true }).catch((error: unknown) =>
        problems.push(error),
      );
    }
    if (problems.length > 0) throw problems[0];
  }
}
