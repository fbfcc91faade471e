// Webhook delivery and acknowledged writes survive a SIGKILL of the server on the embedded database
// (the scenario: crash-scenario.ts): PGlite's data directory, cut off mid-write, opens again with every
// acknowledged commit in it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.ts';
import { runCrashScenario, stopCrashScenarioChildren } from './crash-scenario.ts';

describe('webhook delivery survives a SIGKILL of the server (embedded database)', () => {
  let parent: string;
  let dataDir: string;

  before(async () => {
    parent = await mkdtemp(join(tmpdir(), 'poy-crash-'));
    dataDir = join(parent, 'data');
  });

  after(async () => {
    await stopCrashScenarioChildren();
    await rm(parent, { recursive: true, force: true });
  });

  it('keeps every acknowledged verification, and every event in the outbox reaches the receiver', async (t) => {
    await runCrashScenario(t, {
      env: { DATA_DIR: dataDir },
      openStore: () => openStore({ dataDir, migrate: true }),
    });
  });
});
