// Webhook delivery and acknowledged writes survive a SIGKILL of the server on PostgreSQL
// (the scenario: crash-scenario.ts).
import { after, before, describe, it } from 'node:test';
import { openPostgres } from '../../src/store/drivers/open-postgres.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { createEmptyPostgresDatabase } from '../harness.ts';
import { runCrashScenario, stopCrashScenarioChildren } from './crash-scenario.ts';

describe('webhook delivery survives a SIGKILL of the server (PostgreSQL)', () => {
  let database: { url: string; drop(): Promise<void> };

  before(async () => {
    database = await createEmptyPostgresDatabase();
    const handle = await openPostgres({ connectionString: database.url });
    await migrate(handle);
    await handle.close();
  });

  after(async () => {
    await stopCrashScenarioChildren();
    await database?.drop();
  });

  it('keeps every acknowledged verification, and every event in the outbox reaches the receiver', async (t) => {
    await runCrashScenario(t, {
      env: { DATABASE_URL: database.url },
      openStore: async () => createPostgresStore(await openPostgres({ connectionString: database.url })),
    });
  });
});
