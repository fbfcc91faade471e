// Process roles on one PostgreSQL database: `poy serve --role api` answers the API but sends no
// webhook, and `poy worker` started beside it delivers what is queued, once. Both are real child
// processes on a throwaway database made for this file and dropped after it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemClock } from '../src/core/clock.ts';
import { deriveServerSecrets } from '../src/core/secrets.ts';
import { createPoyEndpoint } from '../src/core/webhooks/manage-webhooks.ts';
import { openPostgres } from '../src/store/drivers/open-postgres.ts';
import { migrate } from '../src/store/migrate.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { Store, WebhookDelivery } from '../src/store/store.ts';
import { createEmptyPostgresDatabase, createTestTenant } from './harness.ts';
import { SKIP_POSTGRES_REASON } from './store-suite.ts';
import { freePort, killPoy, type PoyProcess, startPoy, waitUntilAnswering } from './support/poy-process.ts';
import { parsePrometheusText, sampleValue } from './support/prometheus-text.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhooks/webhook-receiver.ts';

const SECRET_KEY = 'process-roles-test-secret-key-0123456789abcd';
/** The API process would have delivered within this if it ran a worker (it polls every second). */
const QUIET_MS = 4_000;

async function scrape(url: string) {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  return parsePrometheusText(await response.text());
}

describe('process roles: `poy serve --role api` and `poy worker` (PostgreSQL)', {
  skip: SKIP_POSTGRES_REASON,
}, () => {
  let database: { url: string; drop(): Promise<void> };
  let store: Store;
  let receiver: WebhookReceiver;
  const processes: PoyProcess[] = [];

  before(async () => {
    database = await createEmptyPostgresDatabase();
    const handle = await openPostgres({ connectionString: database.url });
    await migrate(handle);
    store = await createPostgresStore(handle);
    receiver = await startWebhookReceiver(() => ({ status: 200, body: 'ok' }));
  });

  after(async () => {
    for (const poy of processes) await killPoy(poy);
    await receiver?.close();
    await store?.close();
    await database?.drop();
  });

  it('the API process queues the webhook; only the worker sends it, once', async () => {
    const tenant = await createTestTenant({ store, clock: systemClock });
    const created = await createPoyEndpoint(
      {
        store,
        clock: systemClock,
        secrets: deriveServerSecrets(SECRET_KEY),
        policy: { enforce: false, allowedHosts: new Set() },
      },
      { projectId: tenant.project.id, mode: 'test', url: receiver.url, events: [] },
      { actor: { kind: 'system' }, accountId: tenant.project.accountId },
    );
    assert.ok(created.ok);
    const endpointId = created.value.endpoint.id;
    const common = { DATABASE_URL: database.url, POY_SECRET_KEY: SECRET_KEY, LOG_LEVEL: 'warn' };

    const apiPort = await freePort();
    const api = startPoy(['serve', '--role', 'api'], { ...common, PORT: String(apiPort) });
    processes.push(api);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitUntilAnswering(api, `${apiUrl}/healthz`);

    const response = await fetch(`${apiUrl}/api/poy/sandbox/outcome`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.testKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u-roles', outcome: 'failed' }),
    });
    assert.equal(response.status, 200, await response.text());
    const deliveries = async (): Promise<WebhookDelivery[]> =>
      store.listDeliveries({ endpointId, limit: 10 });
    assert.equal((await deliveries()).length, 1);

    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    assert.equal(receiver.requests.length, 0, 'the API process sent a webhook');
    const queued = await deliveries();
    assert.equal(queued[0]?.status, 'pending');
    assert.equal(queued[0]?.attemptCount, 0);
    // The API process's scrape shows the backlog (read from the shared database).
    assert.equal(sampleValue(await scrape(`${apiUrl}/metrics`), 'poy_webhook_queue_depth'), 1);

    const workerPort = await freePort();
    const worker = startPoy(['worker'], { ...common, WORKER_PORT: String(workerPort) });
    processes.push(worker);
    const workerUrl = `http://127.0.0.1:${workerPort}`;
    await waitUntilAnswering(worker, `${workerUrl}/readyz`);

    const deadline = Date.now() + 60_000;
    let delivered: WebhookDelivery | undefined;
    for (;;) {
      delivered = (await deliveries())[0];
      if (delivered?.status === 'succeeded') break;
      if (Date.now() > deadline) assert.fail(`not delivered within 60 s:\n${worker.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(delivered.attemptCount, 1);
    assert.equal(receiver.requests.length, 1);
    assert.equal(receiver.countsById.get(delivered.id), 1);
    const workerSamples = await scrape(`${workerUrl}/metrics`);
    assert.equal(sampleValue(workerSamples, 'poy_webhook_attempts_total', { result: 'succeeded' }), 1);
    // A process's scrape includes prom-client's process metrics (main.ts turns them on).
    assert.ok(workerSamples.some((sample) => sample.name === 'process_cpu_user_seconds_total'));
    assert.ok(workerSamples.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds'));
    // The worker serves probes and metrics, not the API.
    assert.equal((await fetch(`${workerUrl}/api/poy/project`)).status, 404);

    // Both stop cleanly on SIGTERM.
    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    assert.deepEqual(await api.exited, { code: 0, signal: null }, api.output());
    assert.deepEqual(await worker.exited, { code: 0, signal: null }, worker.output());
    assert.equal(receiver.requests.length, 1);
  });
});
