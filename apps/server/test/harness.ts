// Test harness: real stores only. PGlite tests load a migrated template (made once per migration set
// and cached in the temp dir, since a fresh PGlite initdb costs seconds); PostgreSQL tests get a
// throwaway database on the server named by TEST_DATABASE_URL. Each test creates its own tenant.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { type Logger, pino } from 'pino';
import { createApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type Clock, ManualClock } from '../src/core/clock.ts';
import { createApiKey } from '../src/core/keys/create-api-key.ts';
import type { FaceAnalyzer } from '../src/core/liveness/face-analyzer.ts';
import { createAccount } from '../src/core/tenancy/create-account.ts';
import { createProject } from '../src/core/tenancy/create-project.ts';
import { VELOCITY_LIMIT_BOUNDS } from '../src/core/velocity/velocity-limits.ts';
import type { RateLimitBackend } from '../src/http/rate-limit-backend.ts';
import type { PublicRateLimits } from '../src/http/rate-limit-routes.ts';
import type { Readiness } from '../src/http/readiness.ts';
import { createLogger } from '../src/logger.ts';
import { openPglite } from '../src/store/drivers/open-pglite.ts';
import { openPostgres } from '../src/store/drivers/open-postgres.ts';
import { listMigrations, migrate } from '../src/store/migrate.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { Plan, Project, Store, VelocityLimits } from '../src/store/store.ts';
import { acquireFaceAnalyzer } from './support/shared-face-analyzer.ts';

export type StoreKind = 'pglite' | 'postgres';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStore {
  store: Store;
  close(): Promise<void>;
}

function templatePath(): string {
  const digest = createHash('sha256');
  for (const migration of listMigrations()) digest.update(`${migration.version}:${migration.sql}`);
  return join(tmpdir(), `poy-pglite-template-${digest.digest('hex').slice(0, 16)}.tar`);
}

export async function pgliteTemplate(): Promise<Blob> {
  const path = templatePath();
  if (!existsSync(path)) {
    const handle = await openPglite();
    await migrate(handle);
    const dump = await handle.pglite.dumpDataDir('none');
    await handle.close();
    // Written under a unique name, then renamed: concurrent test files never read a partial file.
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  }
  return new Blob([readFileSync(path)]);
}

export async function createTestStore(kind: StoreKind = 'pglite'): Promise<TestStore> {
  if (kind === 'pglite') {
    const handle = await openPglite({ loadDataDir: await pgliteTemplate() });
    const store = await createPostgresStore(handle);
    return { store, close: () => store.close() };
  }
  const database = await createEmptyPostgresDatabase();
  const handle = await openPostgres({ connectionString: database.url });
  await migrate(handle);
  const store = await createPostgresStore(handle);
  return {
    store,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

/** A database URL for a fresh, empty PostgreSQL database, and a function that drops it. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const databaseName = `poy_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${databaseName}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${databaseName} with (force)`);
      await cleanup.end();
    },
  };
}

export function createTestConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: join(tmpdir(), 'poy-unused') }), ...overrides };
}

/** A logger that keeps every line, so tests can assert what was (not) logged. */
export function createCapturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  // The production logger configuration (serializers, redaction), writing into memory.
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger({ logLevel: 'trace' }, destination), lines };
}

export interface TestTenant {
  project: Project;
  liveKey: string;
  testKey: string;
  liveKeyId: string;
  testKeyId: string;
}

let tenantCounter = 0;

const LOAD_TEST_VELOCITY_LIMITS: VelocityLimits = {
  newHumansPerIpPerHour: VELOCITY_LIMIT_BOUNDS.max,
  newHumansPerPrefixPerHour: VELOCITY_LIMIT_BOUNDS.max,
  newHumansPerDevicePerDay: VELOCITY_LIMIT_BOUNDS.max,
  startsPerIpPerHour: VELOCITY_LIMIT_BOUNDS.max,
  startsPerDevicePerHour: VELOCITY_LIMIT_BOUNDS.max,
  velocityAction: 'fail',
};

export async function createTestTenant(
  deps: { store: Store; clock: Clock },
  options: {
    plan?: Plan;
    rateLimitPerMinute?: number | null;
    rateLimitPerDay?: number | null;
    redirectOrigins?: string[];
    /**
     * The project's velocity limits. By default a tenant is a load-test project with the limits at
     * their maximum, because the flow tests run many people through one harness in a moment; the
     * velocity tests pass null (the documented defaults) or their own.
     */
    velocityLimits?: VelocityLimits | null;
  } = {},
): Promise<TestTenant> {
  tenantCounter++;
  const account = await createAccount(deps, { name: `Tenant ${tenantCounter}` });
  const created = await createProject(deps, {
    accountId: account.id,
    name: `Project ${tenantCounter}`,
    plan: options.plan ?? 'enterprise',
    rateLimitPerMinute: options.rateLimitPerMinute ?? null,
    rateLimitPerDay: options.rateLimitPerDay ?? null,
    ...(options.redirectOrigins ? { redirectOrigins: options.redirectOrigins } : {}),
  });
  if (!created.ok) throw new Error(`createProject failed: ${created.reason}`);
  const velocityLimits =
    options.velocityLimits === undefined ? LOAD_TEST_VELOCITY_LIMITS : options.velocityLimits;
  const project = await deps.store.updateProjectSettings(created.project.id, { velocityLimits });
  if (!project) throw new Error('updateProjectSettings failed');
  const live = await createApiKey(deps, { projectId: created.project.id, mode: 'live' });
  const test = await createApiKey(deps, { projectId: created.project.id, mode: 'test' });
  if (!live || !test) throw new Error('createApiKey failed');
  return {
    project,
    liveKey: live.secret,
    testKey: test.secret,
    liveKeyId: live.apiKey.id,
    testKeyId: test.apiKey.id,
  };
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function createTestApp(
  options: {
    testStore?: TestStore;
    clock?: ManualClock;
    config?: Partial<Config>;
    logger?: Logger;
    rateLimitBackend?: RateLimitBackend;
    /** The limits of the pages and the flow; production's (PUBLIC_RATE_LIMITS) by default. */
    publicRateLimits?: PublicRateLimits;
    readinessChecks?: ReadonlyArray<{ name: string; check: () => Promise<void> }>;
    readiness?: Readiness;
    /** The camera step's face analysis; by default the process's one real analyzer. */
    faceAnalyzer?: FaceAnalyzer | null;
    /** Registers extra routes before the app is ready (probe routes for the shared error pipeline). */
    extend?: (app: FastifyInstance) => void;
  } = {},
): Promise<TestApp> {
  const testStore = options.testStore ?? (await createTestStore());
  const clock = options.clock ?? new ManualClock(new Date());
  const shared = options.faceAnalyzer === undefined ? acquireFaceAnalyzer() : null;
  const faceAnalyzer = options.faceAnalyzer === undefined ? shared?.analyzer : options.faceAnalyzer;
  const app = createApp({
    config: createTestConfig(options.config),
    store: testStore.store,
    clock,
    logger: options.logger ?? pino({ level: process.env.POY_TEST_LOG ?? 'silent' }),
    ...(options.rateLimitBackend ? { rateLimitBackend: options.rateLimitBackend } : {}),
    ...(options.publicRateLimits ? { publicRateLimits: options.publicRateLimits } : {}),
    ...(options.readinessChecks ? { readinessChecks: options.readinessChecks } : {}),
    ...(options.readiness ? { readiness: options.readiness } : {}),
    ...(faceAnalyzer ? { faceAnalyzer } : {}),
  });
  options.extend?.(app);
  await app.ready();
  return {
    app,
    store: testStore.store,
    clock,
    async close() {
      await app.close();
      if (!options.testStore) await testStore.close();
      await shared?.release();
    },
  };
}

/** Parses a JSON response body for assertions (tests only; production code parses with zod). */
export function bodyOf(response: { body: string }): Record<string, unknown> {
  const parsed: unknown = JSON.parse(response.body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`Expected a JSON object, got: ${response.body}`);
  }
  return Object.fromEntries(Object.entries(parsed));
}

export function removeDirectory(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

export function makeTempDir(name: string): string {
  const path = join(tmpdir(), `poy-${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(path, { recursive: true });
  return path;
}
