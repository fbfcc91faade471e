// Migrations are applied once per database, however often and however concurrently migrate() runs:
// several server processes starting together against one PostgreSQL database is the normal case.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DatabaseHandle } from '../src/store/drivers/database-handle.ts';
import { openPglite } from '../src/store/drivers/open-pglite.ts';
import { openPostgres } from '../src/store/drivers/open-postgres.ts';
import { listMigrations, migrate } from '../src/store/migrate.ts';
import { createEmptyPostgresDatabase } from './harness.ts';
import { explainPostgresFailure, SKIP_POSTGRES_REASON } from './store-suite.ts';

const ALL_VERSIONS = listMigrations().map((migration) => migration.version);

const recordedRows = z.array(
  z.object({ version: z.number().int(), name: z.string(), times: z.number().int() }),
);

/** Each recorded migration with how many times it was recorded. */
async function recordedMigrations(handle: DatabaseHandle): Promise<z.infer<typeof recordedRows>> {
  const result = await sql`
    select version, min(name) as name, count(*)::int as times
    from schema_migrations group by version order by version`.execute(handle.db);
  return recordedRows.parse(result.rows);
}

function expectedRecords(): z.infer<typeof recordedRows> {
  return listMigrations().map((migration) => ({
    version: migration.version,
    name: migration.name,
    times: 1,
  }));
}

describe('migrate', () => {
  // Everything opened is closed here as well, so a failed assertion leaves no connection or database.
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('lists at least one migration, in ascending version order', () => {
    assert.ok(ALL_VERSIONS.length > 0);
    assert.deepEqual(
      ALL_VERSIONS,
      [...ALL_VERSIONS].sort((a, b) => a - b),
    );
  });

  it('on PGlite, a second run applies nothing', async () => {
    const handle = await openPglite();
    cleanups.push(() => handle.close());
    assert.deepEqual(await migrate(handle), ALL_VERSIONS);
    assert.deepEqual(await migrate(handle), []);
    assert.deepEqual(await recordedMigrations(handle), expectedRecords());
  });

  describe('on PostgreSQL', { skip: SKIP_POSTGRES_REASON }, () => {
    it('a second run applies nothing', async () => {
      const database = await explainPostgresFailure(() => createEmptyPostgresDatabase());
      cleanups.push(() => database.drop());
      const handle = await openPostgres({ connectionString: database.url });
      cleanups.push(() => handle.close());
      assert.deepEqual(await migrate(handle), ALL_VERSIONS);
      assert.deepEqual(await migrate(handle), []);
      assert.deepEqual(await recordedMigrations(handle), expectedRecords());
    });

    it('two processes migrating a fresh database at once both succeed, each migration applied once', async () => {
      const database = await explainPostgresFailure(() => createEmptyPostgresDatabase());
      cleanups.push(() => database.drop());
      // Two pools stand in for two processes: separate connections, nothing shared in memory.
      const first = await openPostgres({ connectionString: database.url });
      cleanups.push(() => first.close());
      const second = await openPostgres({ connectionString: database.url });
      cleanups.push(() => second.close());

      // allSettled, not all: both runs finish before the assertions and the cleanup close the pools.
      const outcomes = await Promise.allSettled([migrate(first), migrate(second)]);
      const applied: number[] = [];
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected')
          assert.fail(`A concurrent migrate() failed: ${String(outcome.reason)}`);
        applied.push(...outcome.value);
      }
      // Between them they applied every migration exactly once, whichever got the lock first.
      assert.deepEqual(
        applied.sort((a, b) => a - b),
        ALL_VERSIONS,
      );
      assert.deepEqual(await recordedMigrations(first), expectedRecords());
      assert.deepEqual(await migrate(second), []);
    });
  });
});
