// The Store conformance suite: every method of the Store interface, run against a real database of
// each kind (store.pglite.test.ts, store.postgres.test.ts). Tests share one store per file but never
// state: each makes its own account, project, keys and challenge tokens with fresh random ids.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createId, randomBase62 } from '../src/core/ids.ts';
import { openPglite } from '../src/store/drivers/open-pglite.ts';
import { openPostgres } from '../src/store/drivers/open-postgres.ts';
import { migrate } from '../src/store/migrate.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import type {
  Account,
  ApiKey,
  Invalidation,
  KeyMode,
  NewProject,
  Project,
  Store,
} from '../src/store/store.ts';
import {
  createEmptyPostgresDatabase,
  createTestStore,
  type StoreKind,
  TEST_DATABASE_URL,
  type TestStore,
} from './harness.ts';
import { type InvalidationRecorder, runVerificationStoreSuite } from './store-suite-verification.ts';

/**
 * Set when PostgreSQL tests must be skipped (POY_TEST_SKIP_POSTGRES=1). Otherwise an unreachable
 * server fails the run: a silent skip would let CI pass without ever touching PostgreSQL.
 */
export const SKIP_POSTGRES_REASON: string | undefined =
  process.env.POY_TEST_SKIP_POSTGRES === '1' ? 'POY_TEST_SKIP_POSTGRES=1' : undefined;

/** Runs a PostgreSQL setup step; a failure says what to do instead of only `ECONNREFUSED`. */
export async function explainPostgresFailure<T>(setUp: () => Promise<T>): Promise<T> {
  try {
    return await setUp();
  } catch (error) {
    throw new Error(
      `Could not open a PostgreSQL test database at ${TEST_DATABASE_URL}. Start the server, point ` +
        'TEST_DATABASE_URL at one, or set POY_TEST_SKIP_POSTGRES=1 to skip the PostgreSQL tests.',
      { cause: error },
    );
  }
}

function openTestStore(kind: StoreKind): Promise<TestStore> {
  return kind === 'postgres' ? explainPostgresFailure(() => createTestStore(kind)) : createTestStore(kind);
}

// Fixed times rather than the wall clock: expiry and ordering then depend only on the test's data.
const BASE_TIME = new Date('2030-06-01T12:00:00.000Z');
/** Challenges in the deleteExpiredChallenges test expire before this; no other test goes that early. */
const EXPIRED_ERA_END = new Date('2002-01-01T00:00:00.000Z');
/** Bounds the wait for a NOTIFY to arrive so a lost notification fails the test instead of hanging it. */
const NOTIFICATION_TIMEOUT_MS = 5_000;
const RACERS = 20;

function at(offsetSeconds: number, base: Date = BASE_TIME): Date {
  return new Date(base.getTime() + offsetSeconds * 1_000);
}

function randomHashHex(): string {
  return randomBytes(32).toString('hex');
}

/** Public ids are lower-case (see the projects table check), unlike createId's base62. */
function uniquePublicId(): string {
  return `t-${randomBase62(16).toLowerCase()}`;
}

interface Tenant {
  account: Account;
  project: Project;
}

async function createTenant(store: Store, project: Partial<NewProject> = {}): Promise<Tenant> {
  const account = await store.insertAccount({
    id: createId('acct'),
    name: 'Suite account',
    createdAt: BASE_TIME,
  });
  const inserted = await store.insertProject({
    id: createId('proj'),
    accountId: account.id,
    name: 'Suite project',
    publicId: uniquePublicId(),
    plan: 'free',
    createdAt: BASE_TIME,
    ...project,
  });
  if (!inserted) throw new Error('insertProject returned null for a fresh public id');
  return { account, project: inserted };
}

async function addKey(
  store: Store,
  projectId: string,
  options: { mode?: KeyMode; createdAt?: Date; keyHashHex?: string } = {},
): Promise<{ apiKey: ApiKey; keyHashHex: string }> {
  const keyHashHex = options.keyHashHex ?? randomHashHex();
  const apiKey = await store.insertApiKey({
    id: createId('key'),
    projectId,
    mode: options.mode ?? 'test',
    name: 'Suite key',
    keyHashHex,
    displayPrefix: 'poy_test_abcd',
    createdAt: options.createdAt ?? BASE_TIME,
  });
  return { apiKey, keyHashHex };
}

async function addChallenge(
  store: Store,
  options: { projectId?: string | null; purpose?: string; expiresAt?: Date; payload?: unknown } = {},
): Promise<{ id: string; purpose: string; tokenHashHex: string }> {
  const purpose = options.purpose ?? 'suite_purpose';
  const tokenHashHex = randomHashHex();
  const challenge = await store.insertChallenge({
    id: createId('ch'),
    projectId: options.projectId ?? null,
    purpose,
    tokenHashHex,
    payload: options.payload ?? { step: 1 },
    expiresAt: options.expiresAt ?? at(300),
    createdAt: BASE_TIME,
  });
  return { id: challenge.id, purpose, tokenHashHex };
}

/** Collects invalidations until unsubscribed; `waitFor` resolves on the first match. */
function recordInvalidations(store: Store): InvalidationRecorder {
  const received: Invalidation[] = [];
  const waiters = new Set<{
    predicate: (invalidation: Invalidation) => boolean;
    resolve: (i: Invalidation) => void;
  }>();
  const unsubscribe = store.onInvalidation((invalidation) => {
    received.push(invalidation);
    for (const waiter of waiters) {
      if (waiter.predicate(invalidation)) {
        waiters.delete(waiter);
        waiter.resolve(invalidation);
      }
    }
  });
  return {
    received,
    unsubscribe,
    waitFor(predicate) {
      const earlier = received.find(predicate);
      if (earlier) return Promise.resolve(earlier);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (invalidation: Invalidation) => {
            clearTimeout(timer);
            resolve(invalidation);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `No matching invalidation within ${NOTIFICATION_TIMEOUT_MS} ms; got ${JSON.stringify(received)}`,
            ),
          );
        }, NOTIFICATION_TIMEOUT_MS);
        waiters.add(waiter);
      });
    },
  };
}

function isKeyInvalidation(keyId: string): (invalidation: Invalidation) => boolean {
  return (invalidation) => invalidation.kind === 'api_key' && invalidation.keyId === keyId;
}

interface StorePair {
  /** Makes the changes. */
  actor: Store;
  /** Stands in for another process: it hears the actor's changes only through NOTIFY. */
  observer: Store;
  close(): Promise<void>;
}

/** Two Stores on one fresh, migrated database, for checking what other processes are told. */
async function openStorePair(kind: StoreKind): Promise<StorePair> {
  if (kind === 'pglite') {
    // PGlite is one process's database, so the observer shares the actor's handle (two LISTENers
    // on one session) and leaves closing it to the actor.
    const handle = await openPglite();
    await migrate(handle);
    const actor = await createPostgresStore(handle);
    const observer = await createPostgresStore({ ...handle, close: async () => {} });
    return {
      actor,
      observer,
      async close() {
        await observer.close();
        await actor.close();
      },
    };
  }
  const database = await explainPostgresFailure(() => createEmptyPostgresDatabase());
  const actorHandle = await openPostgres({ connectionString: database.url });
  await migrate(actorHandle);
  const actor = await createPostgresStore(actorHandle);
  const observer = await createPostgresStore(await openPostgres({ connectionString: database.url }));
  return {
    actor,
    observer,
    async close() {
      await observer.close();
      await actor.close();
      await database.drop();
    },
  };
}

export function runStoreSuite(kind: StoreKind): void {
  const skip = kind === 'postgres' ? SKIP_POSTGRES_REASON : undefined;

  describe(`Store conformance (${kind})`, { skip }, () => {
    let testStore: TestStore | undefined;

    /** The store opened in `before`; throws (failing the test) if opening it failed. */
    const store = (): Store => {
      if (!testStore) throw new Error('The test store was not opened (see the before hook failure)');
      return testStore.store;
    };

    before(async () => {
      testStore = await openTestStore(kind);
    });

    after(async () => {
      await testStore?.close();
    });

    describe('basics', () => {
      it('reports its kind and answers ping', async () => {
        assert.equal(store().kind, kind);
        await store().ping();
      });

      it('close ends the store: ping afterwards rejects', async () => {
        const second = await openTestStore(kind);
        await second.store.ping();
        await second.close();
        await assert.rejects(second.store.ping());
      });
    });

    describe('accounts', () => {
      it('inserts an account and finds it by id', async () => {
        const id = createId('acct');
        const inserted = await store().insertAccount({ id, name: 'Acme', createdAt: BASE_TIME });
        assert.deepEqual(inserted, { id, name: 'Acme', createdAt: BASE_TIME });
        assert.deepEqual(await store().findAccountById(id), inserted);
      });

      it('finds no account for an unknown id', async () => {
        assert.equal(await store().findAccountById(createId('acct')), null);
      });

      it('counts accounts', async () => {
        // Tests in one file run one after another, so nothing else inserts between the two counts.
        const before = await store().countAccounts();
        await store().insertAccount({ id: createId('acct'), name: 'One', createdAt: BASE_TIME });
        await store().insertAccount({ id: createId('acct'), name: 'Two', createdAt: BASE_TIME });
        assert.equal(await store().countAccounts(), before + 2);
      });
    });

    describe('projects', () => {
      it('inserts a project with defaults and finds it by id and by public id', async () => {
        const account = await store().insertAccount({
          id: createId('acct'),
          name: 'A',
          createdAt: BASE_TIME,
        });
        const id = createId('proj');
        const publicId = uniquePublicId();
        const inserted = await store().insertProject({
          id,
          accountId: account.id,
          name: 'Shop',
          publicId,
          plan: 'pro',
          createdAt: BASE_TIME,
        });
        const expected: Project = {
          id,
          accountId: account.id,
          name: 'Shop',
          publicId,
          plan: 'pro',
          rateLimitPerMinute: null,
          rateLimitPerDay: null,
          trustThreshold: 50,
          redirectOrigins: [],
          webauthnRpId: null,
          webauthnRpName: null,
          webauthnOrigins: [],
          createdAt: BASE_TIME,
        };
        assert.deepEqual(inserted, expected);
        assert.deepEqual(await store().findProjectById(id), expected);
        assert.deepEqual(await store().findProjectByPublicId(publicId), expected);
      });

      it('finds nothing for an unknown id or public id', async () => {
        assert.equal(await store().findProjectById(createId('proj')), null);
        assert.equal(await store().findProjectByPublicId(uniquePublicId()), null);
      });

      it('returns null when the public id is taken, and keeps the first project', async () => {
        const { account, project } = await createTenant(store());
        const duplicate = await store().insertProject({
          id: createId('proj'),
          accountId: account.id,
          name: 'Copycat',
          publicId: project.publicId,
          plan: 'free',
          createdAt: BASE_TIME,
        });
        assert.equal(duplicate, null);
        assert.deepEqual(await store().findProjectByPublicId(project.publicId), project);
        assert.equal((await store().listProjectsByAccount(account.id)).length, 1);
      });

      it('lists an account’s projects oldest first, and only that account’s', async () => {
        const { account, project: first } = await createTenant(store(), { createdAt: at(-60) });
        const other = await createTenant(store());
        const insertAt = async (createdAt: Date): Promise<Project> => {
          const project = await store().insertProject({
            id: createId('proj'),
            accountId: account.id,
            name: `Project at ${createdAt.toISOString()}`,
            publicId: uniquePublicId(),
            plan: 'free',
            createdAt,
          });
          if (!project) throw new Error('insertProject returned null');
          return project;
        };
        // Inserted out of order, so the order returned comes from created_at, not insertion.
        const third = await insertAt(at(120));
        const second = await insertAt(at(0));
        const listed = await store().listProjectsByAccount(account.id);
        assert.deepEqual(
          listed.map((project) => project.id),
          [first.id, second.id, third.id],
        );
        assert.ok(!listed.some((project) => project.id === other.project.id));
        assert.deepEqual(await store().listProjectsByAccount(createId('acct')), []);
      });

      it('round-trips redirect origins (jsonb), WebAuthn settings and trust threshold', async () => {
        const redirectOrigins = ['https://shop.example', 'http://localhost:3000', 'https://ünïcode.example'];
        const { project } = await createTenant(store(), {
          redirectOrigins,
          webauthnRpId: 'shop.example',
          webauthnRpName: 'Shop',
          trustThreshold: 80,
        });
        const found = await store().findProjectById(project.id);
        assert.deepEqual(found?.redirectOrigins, redirectOrigins);
        assert.equal(found?.webauthnRpId, 'shop.example');
        assert.equal(found?.webauthnRpName, 'Shop');
        assert.equal(found?.trustThreshold, 80);
      });

      it('round-trips enterprise limits, including null for unlimited', async () => {
        const limited = await createTenant(store(), {
          plan: 'enterprise',
          rateLimitPerMinute: 1_200,
          rateLimitPerDay: 500_000,
        });
        const unlimitedDay = await createTenant(store(), {
          plan: 'enterprise',
          rateLimitPerMinute: 60,
          rateLimitPerDay: null,
        });
        const found = await store().findProjectById(limited.project.id);
        assert.equal(found?.plan, 'enterprise');
        assert.equal(found?.rateLimitPerMinute, 1_200);
        assert.equal(found?.rateLimitPerDay, 500_000);
        const foundUnlimited = await store().findProjectByPublicId(unlimitedDay.project.publicId);
        assert.equal(foundUnlimited?.rateLimitPerMinute, 60);
        assert.equal(foundUnlimited?.rateLimitPerDay, null);
      });
    });

    describe('api keys', () => {
      it('inserts a key and finds it by id', async () => {
        const { project } = await createTenant(store());
        const { apiKey } = await addKey(store(), project.id, { mode: 'live' });
        assert.deepEqual(apiKey, {
          id: apiKey.id,
          projectId: project.id,
          mode: 'live',
          name: 'Suite key',
          displayPrefix: 'poy_test_abcd',
          createdAt: BASE_TIME,
          lastUsedAt: null,
          revokedAt: null,
        });
        assert.deepEqual(await store().findApiKeyById(apiKey.id), apiKey);
        assert.equal(await store().findApiKeyById(createId('key')), null);
      });

      it('finds a key and its project by hash; an unknown hash finds nothing', async () => {
        const { project } = await createTenant(store(), { redirectOrigins: ['https://a.example'] });
        const { apiKey, keyHashHex } = await addKey(store(), project.id);
        assert.deepEqual(await store().findApiKeyByHash(keyHashHex), { apiKey, project });
        assert.equal(await store().findApiKeyByHash(randomHashHex()), null);
      });

      it('finds a revoked key by hash, marked revoked', async () => {
        const { project } = await createTenant(store());
        const { apiKey, keyHashHex } = await addKey(store(), project.id);
        await store().revokeApiKey({ keyId: apiKey.id, projectId: project.id, revokedAt: at(10) });
        const found = await store().findApiKeyByHash(keyHashHex);
        assert.deepEqual(found?.apiKey.revokedAt, at(10));
        assert.equal(found?.project.id, project.id);
      });

      it('lists a project’s keys oldest first, optionally of one mode only', async () => {
        const { project } = await createTenant(store());
        const other = await createTenant(store());
        await addKey(store(), other.project.id);
        const liveLate = await addKey(store(), project.id, { mode: 'live', createdAt: at(30) });
        const testEarly = await addKey(store(), project.id, { mode: 'test', createdAt: at(10) });
        const liveEarly = await addKey(store(), project.id, { mode: 'live', createdAt: at(20) });

        const ids = (keys: ApiKey[]): string[] => keys.map((key) => key.id);
        assert.deepEqual(ids(await store().listApiKeysByProject(project.id)), [
          testEarly.apiKey.id,
          liveEarly.apiKey.id,
          liveLate.apiKey.id,
        ]);
        assert.deepEqual(ids(await store().listApiKeysByProject(project.id, 'live')), [
          liveEarly.apiKey.id,
          liveLate.apiKey.id,
        ]);
        assert.deepEqual(ids(await store().listApiKeysByProject(project.id, 'test')), [testEarly.apiKey.id]);
        assert.deepEqual(await store().listApiKeysByProject(createId('proj')), []);
      });

      it('revokes a key of the given project once; a second revoke returns null', async () => {
        const { project } = await createTenant(store());
        const { apiKey } = await addKey(store(), project.id);
        const revoked = await store().revokeApiKey({
          keyId: apiKey.id,
          projectId: project.id,
          revokedAt: at(5),
        });
        assert.deepEqual(revoked, { ...apiKey, revokedAt: at(5) });
        assert.deepEqual(await store().findApiKeyById(apiKey.id), revoked);

        const again = await store().revokeApiKey({
          keyId: apiKey.id,
          projectId: project.id,
          revokedAt: at(9),
        });
        assert.equal(again, null);
        // The first revocation time stands.
        assert.deepEqual((await store().findApiKeyById(apiKey.id))?.revokedAt, at(5));
      });

      it('does not revoke another project’s key, and changes nothing', async () => {
        const owner = await createTenant(store());
        const intruder = await createTenant(store());
        const { apiKey } = await addKey(store(), owner.project.id);
        const result = await store().revokeApiKey({
          keyId: apiKey.id,
          projectId: intruder.project.id,
          revokedAt: at(5),
        });
        assert.equal(result, null);
        assert.deepEqual(await store().findApiKeyById(apiKey.id), apiKey);
      });

      it('revokes a key of any project when projectId is null', async () => {
        const { project } = await createTenant(store());
        const { apiKey } = await addKey(store(), project.id);
        const revoked = await store().revokeApiKey({ keyId: apiKey.id, projectId: null, revokedAt: at(7) });
        assert.equal(revoked?.id, apiKey.id);
        assert.equal(revoked?.projectId, project.id);
        assert.deepEqual(revoked?.revokedAt, at(7));
      });

      it('returns null when revoking an unknown key', async () => {
        assert.equal(
          await store().revokeApiKey({ keyId: createId('key'), projectId: null, revokedAt: at(1) }),
          null,
        );
      });

      it('touchApiKeys records last use in one batch and only moves it forward', async () => {
        const { project } = await createTenant(store());
        const first = await addKey(store(), project.id);
        const second = await addKey(store(), project.id);
        const untouched = await addKey(store(), project.id);
        const lastUsed = async (keyId: string): Promise<Date | null | undefined> =>
          (await store().findApiKeyById(keyId))?.lastUsedAt;

        await store().touchApiKeys([
          { keyId: first.apiKey.id, lastUsedAt: at(100) },
          { keyId: second.apiKey.id, lastUsedAt: at(200) },
          // An unknown key (deleted meanwhile, say) is ignored rather than failing the batch.
          { keyId: createId('key'), lastUsedAt: at(300) },
        ]);
        assert.deepEqual(await lastUsed(first.apiKey.id), at(100));
        assert.deepEqual(await lastUsed(second.apiKey.id), at(200));
        assert.equal(await lastUsed(untouched.apiKey.id), null);

        // A late flush from another process carries an older time: it must not move the time back.
        await store().touchApiKeys([
          { keyId: first.apiKey.id, lastUsedAt: at(50) },
          { keyId: second.apiKey.id, lastUsedAt: at(250) },
        ]);
        assert.deepEqual(await lastUsed(first.apiKey.id), at(100));
        assert.deepEqual(await lastUsed(second.apiKey.id), at(250));

        await store().touchApiKeys([]);
        assert.deepEqual(await lastUsed(second.apiKey.id), at(250));
      });

      it('touchApiKeys keeps the latest time when one key appears twice in a batch', async () => {
        const { project } = await createTenant(store());
        const { apiKey } = await addKey(store(), project.id);
        await store().touchApiKeys([
          { keyId: apiKey.id, lastUsedAt: at(400) },
          { keyId: apiKey.id, lastUsedAt: at(300) },
        ]);
        assert.deepEqual((await store().findApiKeyById(apiKey.id))?.lastUsedAt, at(400));
        await store().touchApiKeys([
          { keyId: apiKey.id, lastUsedAt: at(500) },
          { keyId: apiKey.id, lastUsedAt: at(600) },
        ]);
        assert.deepEqual((await store().findApiKeyById(apiKey.id))?.lastUsedAt, at(600));
      });
    });

    describe('challenges', () => {
      it('inserts a challenge and consumes it once, payload intact', async () => {
        const { project } = await createTenant(store());
        const payload = {
          challenge: 'q1w2e3',
          userVerification: 'required',
          nested: { list: [1, 'two', null] },
        };
        const tokenHashHex = randomHashHex();
        const id = createId('ch');
        const inserted = await store().insertChallenge({
          id,
          projectId: project.id,
          purpose: 'webauthn_register',
          tokenHashHex,
          payload,
          expiresAt: at(300),
          createdAt: BASE_TIME,
        });
        const expected = {
          id,
          projectId: project.id,
          purpose: 'webauthn_register',
          payload,
          expiresAt: at(300),
          createdAt: BASE_TIME,
        };
        assert.deepEqual(inserted, expected);

        const consumed = await store().consumeChallenge({
          purpose: 'webauthn_register',
          tokenHashHex,
          now: BASE_TIME,
        });
        assert.deepEqual(consumed, expected);
        const replay = await store().consumeChallenge({
          purpose: 'webauthn_register',
          tokenHashHex,
          now: BASE_TIME,
        });
        assert.equal(replay, null);
      });

      it('stores a challenge without a project', async () => {
        const challenge = await addChallenge(store(), { projectId: null, payload: 'plain string' });
        const consumed = await store().consumeChallenge({ ...challenge, now: BASE_TIME });
        assert.equal(consumed?.projectId, null);
        assert.equal(consumed?.payload, 'plain string');
      });

      it('returns null for the wrong purpose and leaves the challenge in place', async () => {
        const challenge = await addChallenge(store(), { purpose: 'invite' });
        const wrong = await store().consumeChallenge({
          purpose: 'enrollment',
          tokenHashHex: challenge.tokenHashHex,
          now: BASE_TIME,
        });
        assert.equal(wrong, null);
        const right = await store().consumeChallenge({ ...challenge, now: BASE_TIME });
        assert.equal(right?.id, challenge.id);
      });

      it('returns null for an unknown token', async () => {
        assert.equal(
          await store().consumeChallenge({
            purpose: 'suite_purpose',
            tokenHashHex: randomHashHex(),
            now: BASE_TIME,
          }),
          null,
        );
      });

      it('returns null for an expired challenge and removes it', async () => {
        const challenge = await addChallenge(store(), { expiresAt: at(60) });
        // Expiry is inclusive: at the exact expiry instant the challenge is no longer valid.
        assert.equal(await store().consumeChallenge({ ...challenge, now: at(60) }), null);
        // Gone, not merely refused: even a caller with an earlier clock cannot have it now.
        assert.equal(await store().consumeChallenge({ ...challenge, now: BASE_TIME }), null);
      });

      it('deleteExpiredChallenges removes exactly the expired ones and returns the count', async () => {
        const expiredEarly = await addChallenge(store(), { expiresAt: new Date('2000-01-01T00:00:00.000Z') });
        const expiredLate = await addChallenge(store(), { expiresAt: new Date('2001-06-01T00:00:00.000Z') });
        const alive = await addChallenge(store(), { expiresAt: new Date('2003-01-01T00:00:00.000Z') });

        assert.equal(await store().deleteExpiredChallenges(EXPIRED_ERA_END), 2);
        assert.equal(await store().deleteExpiredChallenges(EXPIRED_ERA_END), 0);
        const early = new Date('1999-01-01T00:00:00.000Z');
        assert.equal(await store().consumeChallenge({ ...expiredEarly, now: early }), null);
        assert.equal(await store().consumeChallenge({ ...expiredLate, now: early }), null);
        assert.equal((await store().consumeChallenge({ ...alive, now: EXPIRED_ERA_END }))?.id, alive.id);
      });
    });

    describe('invalidations in the changing process', () => {
      // The process that makes a change may hear it more than once (at once, and again through its
      // own NOTIFY), so these tests ask for "at least once"; exact counts are checked from a second
      // store below, which hears only NOTIFY.
      it('a revocation delivers the key id and hash to a subscriber', async () => {
        const { project } = await createTenant(store());
        const { apiKey, keyHashHex } = await addKey(store(), project.id);
        const recorder = recordInvalidations(store());
        try {
          await store().revokeApiKey({ keyId: apiKey.id, projectId: project.id, revokedAt: at(1) });
          const delivered = await recorder.waitFor(isKeyInvalidation(apiKey.id));
          assert.deepEqual(delivered, { kind: 'api_key', keyId: apiKey.id, keyHashHex });
        } finally {
          recorder.unsubscribe();
        }
      });

      it('unsubscribing stops delivery to that handler only', async () => {
        const { project } = await createTenant(store());
        const { apiKey } = await addKey(store(), project.id);
        const leaving = recordInvalidations(store());
        const staying = recordInvalidations(store());
        try {
          leaving.unsubscribe();
          await store().revokeApiKey({ keyId: apiKey.id, projectId: null, revokedAt: at(1) });
          // Both handlers are called from one dispatch, so once `staying` has it, `leaving` would have too.
          await staying.waitFor(isKeyInvalidation(apiKey.id));
          assert.deepEqual(leaving.received, []);
        } finally {
          staying.unsubscribe();
        }
      });

      it('a revoke that matched nothing sends nothing', async () => {
        const owner = await createTenant(store());
        const intruder = await createTenant(store());
        const target = await addKey(store(), owner.project.id);
        const marker = await addKey(store(), owner.project.id);
        const unknownKeyId = createId('key');
        const recorder = recordInvalidations(store());
        try {
          const refused = await store().revokeApiKey({
            keyId: target.apiKey.id,
            projectId: intruder.project.id,
            revokedAt: at(2),
          });
          assert.equal(refused, null);
          assert.equal(
            await store().revokeApiKey({ keyId: unknownKeyId, projectId: null, revokedAt: at(2) }),
            null,
          );
          // Neither key was ever revoked, so any invalidation naming them came from a no-op. The
          // marker is committed last, and notifications arrive in commit order.
          await store().revokeApiKey({ keyId: marker.apiKey.id, projectId: null, revokedAt: at(3) });
          await recorder.waitFor(isKeyInvalidation(marker.apiKey.id));
          assert.deepEqual(recorder.received.filter(isKeyInvalidation(target.apiKey.id)), []);
          assert.deepEqual(recorder.received.filter(isKeyInvalidation(unknownKeyId)), []);
        } finally {
          recorder.unsubscribe();
        }
      });
    });

    describe('invalidations seen from another store on the same database', () => {
      let pair: StorePair | undefined;
      const stores = (): StorePair => {
        if (!pair) throw new Error('The store pair was not opened (see the before hook failure)');
        return pair;
      };

      before(async () => {
        pair = await openStorePair(kind);
      });

      after(async () => {
        await pair?.close();
      });

      it('a revocation reaches the other store exactly once', async () => {
        const { actor, observer } = stores();
        const { project } = await createTenant(actor);
        const revoked = await addKey(actor, project.id);
        const marker = await addKey(actor, project.id);
        const recorder = recordInvalidations(observer);
        try {
          await actor.revokeApiKey({ keyId: revoked.apiKey.id, projectId: project.id, revokedAt: at(1) });
          await actor.revokeApiKey({ keyId: marker.apiKey.id, projectId: project.id, revokedAt: at(2) });
          // Commit order: once the marker has arrived, every earlier notification has too.
          await recorder.waitFor(isKeyInvalidation(marker.apiKey.id));
          assert.deepEqual(recorder.received, [
            { kind: 'api_key', keyId: revoked.apiKey.id, keyHashHex: revoked.keyHashHex },
            { kind: 'api_key', keyId: marker.apiKey.id, keyHashHex: marker.keyHashHex },
          ]);
        } finally {
          recorder.unsubscribe();
        }
      });

      it('revokes that matched nothing (other project, already revoked, unknown) send nothing', async () => {
        const { actor, observer } = stores();
        const owner = await createTenant(actor);
        const intruder = await createTenant(actor);
        const target = await addKey(actor, owner.project.id);
        const alreadyRevoked = await addKey(actor, owner.project.id);
        const marker = await addKey(actor, owner.project.id);
        const recorder = recordInvalidations(observer);
        try {
          await actor.revokeApiKey({ keyId: alreadyRevoked.apiKey.id, projectId: null, revokedAt: at(1) });
          assert.equal(
            await actor.revokeApiKey({
              keyId: target.apiKey.id,
              projectId: intruder.project.id,
              revokedAt: at(2),
            }),
            null,
          );
          assert.equal(
            await actor.revokeApiKey({ keyId: alreadyRevoked.apiKey.id, projectId: null, revokedAt: at(2) }),
            null,
          );
          assert.equal(
            await actor.revokeApiKey({ keyId: createId('key'), projectId: null, revokedAt: at(2) }),
            null,
          );
          await actor.revokeApiKey({ keyId: marker.apiKey.id, projectId: null, revokedAt: at(3) });
          await recorder.waitFor(isKeyInvalidation(marker.apiKey.id));
          // The first revocation of `alreadyRevoked` and the marker; nothing from the three no-ops.
          assert.deepEqual(recorder.received, [
            { kind: 'api_key', keyId: alreadyRevoked.apiKey.id, keyHashHex: alreadyRevoked.keyHashHex },
            { kind: 'api_key', keyId: marker.apiKey.id, keyHashHex: marker.keyHashHex },
          ]);
        } finally {
          recorder.unsubscribe();
        }
      });

      it(`${RACERS} concurrent revokes of one key announce it exactly once`, async () => {
        const { actor, observer } = stores();
        const { project } = await createTenant(actor);
        const { apiKey, keyHashHex } = await addKey(actor, project.id);
        const marker = await addKey(actor, project.id);
        const recorder = recordInvalidations(observer);
        try {
          const results = await Promise.all(
            Array.from({ length: RACERS }, (_, index) =>
              actor.revokeApiKey({ keyId: apiKey.id, projectId: project.id, revokedAt: at(index) }),
            ),
          );
          assert.equal(results.filter((result) => result !== null).length, 1);
          await actor.revokeApiKey({ keyId: marker.apiKey.id, projectId: null, revokedAt: at(100) });
          await recorder.waitFor(isKeyInvalidation(marker.apiKey.id));
          assert.deepEqual(recorder.received, [
            { kind: 'api_key', keyId: apiKey.id, keyHashHex },
            { kind: 'api_key', keyId: marker.apiKey.id, keyHashHex: marker.keyHashHex },
          ]);
        } finally {
          recorder.unsubscribe();
        }
      });
    });

    describe('races', () => {
      it(`${RACERS} concurrent consumeChallenge calls on one token: exactly one wins`, async () => {
        const challenge = await addChallenge(store());
        const results = await Promise.all(
          Array.from({ length: RACERS }, () => store().consumeChallenge({ ...challenge, now: BASE_TIME })),
        );
        const winners = results.filter((result) => result !== null);
        assert.equal(winners.length, 1, `winners: ${JSON.stringify(winners)}`);
        assert.equal(winners[0]?.id, challenge.id);
      });

      it(`${RACERS} concurrent revokeApiKey calls on one key: exactly one revokes it`, async () => {
        const { project } = await createTenant(store());
        const { apiKey } = await addKey(store(), project.id);
        const results = await Promise.all(
          Array.from({ length: RACERS }, (_, index) =>
            store().revokeApiKey({ keyId: apiKey.id, projectId: project.id, revokedAt: at(index) }),
          ),
        );
        const winners = results.filter((result) => result !== null);
        assert.equal(winners.length, 1, `winners: ${JSON.stringify(winners)}`);
        // The stored revocation time is the winner's: no loser overwrote it.
        assert.deepEqual((await store().findApiKeyById(apiKey.id))?.revokedAt, winners[0]?.revokedAt);
      });
    });

    runVerificationStoreSuite({ kind, store, createTenant, recordInvalidations, openStorePair });
  });
}
