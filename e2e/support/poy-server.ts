// The real server, in this process, on an embedded database in a temporary directory. The tenant and
// its live key are created with the same core functions the `poy` CLI uses, before the server starts,
// because the data directory is locked while the server runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../apps/server/src/config.ts';
import { systemClock } from '../../apps/server/src/core/clock.ts';
import { createApiKey } from '../../apps/server/src/core/keys/create-api-key.ts';
import { createAccount } from '../../apps/server/src/core/tenancy/create-account.ts';
import { createProject } from '../../apps/server/src/core/tenancy/create-project.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { openConfiguredStore, startServer } from '../../apps/server/src/main.ts';
import type { VelocityLimits } from '../../apps/server/src/store/store.ts';

export interface PoyUnderTest {
  /** `http://localhost:<port>`: WebAuthn refuses IP literals, so the pages are opened by name. */
  baseUrl: string;
  liveKey: string;
  /** The project's id (`proj_…`): the audience of its redirect results. */
  projectId: string;
  projectName: string;
  close(): Promise<void>;
}

export const E2E_PROJECT_NAME = 'Acme Tickets';

/** A port that was free a moment ago (listen on 0, read it, close). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('No port was assigned'))));
    });
  });
}

export interface E2eServerOptions {
  /**
   * The project's velocity limits; the documented defaults when absent. A test that verifies several
   * new people from this one machine (127.0.0.1) in a minute raises them, as a load-test project would.
   */
  velocityLimits?: VelocityLimits;
}

export async function startPoyForE2e(options: E2eServerOptions = {}): Promise<PoyUnderTest> {
  const dataDir = await mkdtemp(join(tmpdir(), 'poy-e2e-data-'));
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const config = loadConfig({
    POY_MODE: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  });

  let liveKey: string;
  let projectId: string;
  const store = await openConfiguredStore(config, createLogger({ logLevel: 'silent' }), true);
  try {
    const deps = { store, clock: systemClock };
    const account = await createAccount(deps, { name: 'Acme' });
    const project = await createProject(deps, { accountId: account.id, name: E2E_PROJECT_NAME });
    if (!project.ok) throw new Error(`Could not create the e2e project: ${project.reason}`);
    if (options.velocityLimits !== undefined) {
      const updated = await store.updateProjectSettings(project.project.id, {
        velocityLimits: options.velocityLimits,
      });
      if (!updated) throw new Error('Could not set the e2e project velocity limits');
    }
    const key = await createApiKey(deps, { projectId: project.project.id, mode: 'live', name: 'e2e' });
    if (!key) throw new Error('Could not create the e2e live key');
    liveKey = key.secret;
    projectId = project.project.id;
  } finally {
    await store.close();
  }

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, {
      // The server prints a demo test key only on an empty database; this one has its tenant already,
      // and the test output stays free of server text either way.
      print: () => {},
      logger: createLogger({ logLevel: 'silent' }),
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    liveKey,
    projectId,
    projectName: E2E_PROJECT_NAME,
    close: async () => {
      try {
        await server.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
