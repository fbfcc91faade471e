// Two enrollments of the same face at the same moment, as two processes would run them: two stores
// (two connection pools) and two face indexes on one PostgreSQL database. Each transaction starts,
// waits for the other to have started, then runs "findFaceMatch → if none, create the human and
// storeFaceTemplate". The first to search waits, before creating its human, until the other has either
// searched too or is blocked on the face-search lock: without the lock both would search an empty
// table and create two humans for one face (this test then fails); with it, exactly one human is
// created and the other enrollment finds it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { deriveServerSecrets } from '../src/core/secrets.ts';
import { createFaceIndex } from '../src/core/uniqueness/face-index.ts';
import { type FaceMatch, findFaceMatch, storeFaceTemplate } from '../src/core/uniqueness/search-face.ts';
import { openPostgres } from '../src/store/drivers/open-postgres.ts';
import { migrate } from '../src/store/migrate.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { Store } from '../src/store/store.ts';
import { createEmptyPostgresDatabase } from './harness.ts';
import { newHuman } from './store-suite/verification-fixtures.ts';
import { SKIP_POSTGRES_REASON } from './store-suite.ts';
import { randomUnitVector, seededRandom } from './support/face-vectors.ts';

const secrets = deriveServerSecrets('face-uniqueness-race-test-secret-key-0123');
const clock = { now: () => new Date('2030-01-01T00:00:00.000Z') };
const MODEL = 'race-model';
const POLL_MS = 5;

/** Resolves once `count` callers have arrived. */
function createBarrier(count: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => {};
  const open = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    arrived++;
    if (arrived === count) release();
    return open;
  };
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
}

describe('face uniqueness under concurrent enrollment (PostgreSQL)', { skip: SKIP_POSTGRES_REASON }, () => {
  let database: { url: string; drop(): Promise<void> };
  let stores: Store[] = [];
  let observer: pg.Client;

  before(async () => {
    database = await createEmptyPostgresDatabase();
    for (let index = 0; index < 2; index++) {
      const handle = await openPostgres({ connectionString: database.url });
      if (index === 0) await migrate(handle);
      stores.push(await createPostgresStore(handle));
    }
    observer = new pg.Client({ connectionString: database.url });
    await observer.connect();
  });

  after(async () => {
    await observer?.end();
    for (const store of stores) await store.close();
    stores = [];
    await database?.drop();
  });

  /** Backends of this database waiting for an advisory lock. */
  async function advisoryWaiters(): Promise<number> {
    const result = await observer.query(
      "select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted " +
        'and database = (select oid from pg_database where datname = current_database())',
    );
    const row: unknown = result.rows[0];
    return typeof row === 'object' && row !== null && 'waiting' in row && typeof row.waiting === 'number'
      ? row.waiting
      : 0;
  }

  it('two simultaneous enrollments of one face create one human; the other finds it', async () => {
    const template = randomUnitVector(1024, seededRandom(42));
    const started = createBarrier(2);
    const searched: boolean[] = [false, false];

    const enroll = (racer: number, store: Store) => {
      const faceIndex = createFaceIndex();
      return store.transaction(
        async (tx): Promise<{ match: FaceMatch | null; createdHumanId: string | null }> => {
          // Both transactions are open (and have run a statement) before either searches.
          await tx.countFaceTemplates('live');
          await started();
          const match = await findFaceMatch(
            tx,
            { secrets, faceIndex },
            { mode: 'live', template, modelVersion: MODEL },
          );
          searched[racer] = true;
          // Hold off creating the human until the other racer has searched as well, or is blocked on
          // the lock: the window in which, without the lock, both would see no match.
          await waitFor(async () => searched[1 - racer] === true || (await advisoryWaiters()) > 0);
          if (match) return { match, createdHumanId: null };
          const human = newHuman({ mode: 'live' });
          await tx.insertHuman(human);
          await storeFaceTemplate(
            tx,
            { secrets, faceIndex, clock },
            { humanId: human.id, mode: 'live', template, modelVersion: MODEL },
          );
          return { match: null, createdHumanId: human.id };
        },
      );
    };

    const [first, second] = stores;
    assert.ok(first && second);
    const results = await Promise.all([enroll(0, first), enroll(1, second)]);

    const created = results.flatMap((result) => (result.createdHumanId ? [result.createdHumanId] : []));
    assert.equal(created.length, 1, `humans created: ${JSON.stringify(created)}`);
    assert.equal(await first.countFaceTemplates('live'), 1);
    const matches = results.flatMap((result) => (result.match ? [result.match] : []));
    assert.equal(matches.length, 1);
    assert.equal(matches[0]?.humanId, created[0]);
    assert.ok((matches[0]?.similarity ?? 0) > 0.9999, `similarity ${matches[0]?.similarity}`);
  });
});
