// SIGTERM while a webhook receiver takes 12 s to answer: the real `poy serve`, as a child process on a
// fresh PostgreSQL database. /readyz must answer 503 at once; the attempt in flight must finish and be
// recorded exactly once; the process must exit 0 within SHUTDOWN_GRACE_SECONDS. With a grace period
// shorter than the attempt, the process must exit 1 with one clear line and leave the delivery leased
// (sent again when the lease runs out), not lost.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemClock } from '../src/core/clock.ts';
import { deriveServerSecrets } from '../src/core/secrets.ts';
import { createPoyEndpoint } from '../src/core/webhooks/manage-webhooks.ts';
import { openPostgres } from '../src/store/drivers/open-postgres.ts';
import { migrate } from '../src/store/migrate.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { Store, WebhookDelivery } from '../src/store/store.ts';
import { createEmptyPostgresDatabase, createTestTenant, type TestTenant } from './harness.ts';
import { SKIP_POSTGRES_REASON } from './store-suite.ts';
import { freePort, killPoy, type PoyProcess, startPoy, waitUntilAnswering } from './support/poy-process.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhooks/webhook-receiver.ts';

const SECRET_KEY = 'graceful-shutdown-test-secret-key-0123456789';
const RECEIVER_DELAY_MS = 12_000;

interface Scenario {
  tenant: TestTenant;
  endpointId: string;
  receiver: WebhookReceiver;
  /** Resolves when the receiver has the request (and is holding it). */
  received: Promise<void>;
}

describe('graceful shutdown of `poy serve` (PostgreSQL)', { skip: SKIP_POSTGRES_REASON }, () => {
  let database: { url: string; drop(): Promise<void> };
  let store: Store;
  const processes: PoyProcess[] = [];
  const receivers: WebhookReceiver[] = [];

  before(async () => {
    database = await createEmptyPostgresDatabase();
    const handle = await openPostgres({ connectionString: database.url });
    await migrate(handle);
    store = await createPostgresStore(handle);
  });

  after(async () => {
    for (const poy of processes) await killPoy(poy);
    for (const receiver of receivers) await receiver.close();
    await store?.close();
    await database?.drop();
  });

  /** A tenant whose one endpoint points at a receiver that answers 200 after 12 s. */
  async function scenario(): Promise<Scenario> {
    let markReceived: () => void = () => {};
    const received = new Promise<void>((resolve) => {
      markReceived = resolve;
    });
    const receiver = await startWebhookReceiver(() => {
      markReceived();
      return { status: 200, body: 'ok', delayMs: RECEIVER_DELAY_MS };
    });
    receivers.push(receiver);
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
    return { tenant, endpointId: created.value.endpoint.id, receiver, received };
  }

  async function serve(env: Record<string, string> = {}): Promise<{ poy: PoyProcess; baseUrl: string }> {
    const port = await freePort();
    const poy = startPoy(['serve'], {
      DATABASE_URL: database.url,
      PORT: String(port),
      POY_SECRET_KEY: SECRET_KEY,
      LOG_LEVEL: 'info',
      ...env,
    });
    processes.push(poy);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(poy, `${baseUrl}/healthz`);
    return { poy, baseUrl };
  }

  /** One event (user.failed) for the scenario's endpoint, through the API of the running server. */
  async function emitEvent(baseUrl: string, { tenant }: Scenario): Promise<void> {
    const response = await fetch(`${baseUrl}/api/poy/sandbox/outcome`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.testKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u-shutdown', outcome: 'failed' }),
    });
    assert.equal(response.status, 200, await response.text());
  }

  async function onlyDelivery(endpointId: string): Promise<WebhookDelivery> {
    const deliveries = await store.listDeliveries({ endpointId, limit: 10 });
    assert.equal(deliveries.length, 1);
    const [delivery] = deliveries;
    assert.ok(delivery);
    return delivery;
  }

  it('SIGTERM mid-attempt: /readyz 503 at once, the attempt finishes and is recorded once, exit 0', async () => {
    const setup = await scenario();
    const { poy, baseUrl } = await serve();
    assert.equal((await fetch(`${baseUrl}/readyz`)).status, 200);
    await emitEvent(baseUrl, setup);
    await setup.received;

    const signalledAt = Date.now();
    poy.child.kill('SIGTERM');
    // Draining: not ready, at once, while the attempt is still in flight (liveness unchanged).
    let readyStatus = 0;
    for (let tries = 0; tries < 50 && readyStatus !== 503; tries += 1) {
      readyStatus = (await fetch(`${baseUrl}/readyz`)).status;
      if (readyStatus !== 503) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(readyStatus, 503, poy.output());
    assert.ok(Date.now() - signalledAt < 5_000, 'readiness should drop at once');
    assert.equal((await fetch(`${baseUrl}/healthz`)).status, 200);

    const exit = await poy.exited;
    const tookMs = Date.now() - signalledAt;
    assert.deepEqual(exit, { code: 0, signal: null }, poy.output());
    // It waited for the receiver (12 s after it got the request) and finished inside the 25 s grace.
    assert.ok(tookMs > RECEIVER_DELAY_MS - 3_000, `exited after ${tookMs} ms`);
    assert.ok(tookMs < 25_000, `exited after ${tookMs} ms`);
    assert.ok(!poy.output().includes('did not finish'), poy.output());
    assert.match(poy.output(), /shut down cleanly/);

    const delivery = await onlyDelivery(setup.endpointId);
    assert.equal(delivery.status, 'succeeded');
    assert.equal(delivery.attemptCount, 1);
    const attempts = await store.listAttempts([delivery.id]);
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]?.statusCode, 200);
    assert.equal(setup.receiver.countsById.get(delivery.id), 1);
    assert.equal(setup.receiver.requests.length, 1);
  });

  it('past SHUTDOWN_GRACE_SECONDS: exit 1 with one clear line; the delivery stays leased, not lost', async () => {
    const setup = await scenario();
    const { poy, baseUrl } = await serve({ SHUTDOWN_GRACE_SECONDS: '2' });
    await emitEvent(baseUrl, setup);
    await setup.received;

    const signalledAt = Date.now();
    poy.child.kill('SIGTERM');
    const exit = await poy.exited;
    const tookMs = Date.now() - signalledAt;
    assert.deepEqual(exit, { code: 1, signal: null }, poy.output());
    assert.ok(tookMs >= 2_000 && tookMs < 9_000, `exited after ${tookMs} ms`);
    const lines = poy.output().split('\n');
    assert.equal(
      lines.filter((line) => line.includes('did not finish within SHUTDOWN_GRACE_SECONDS=2')).length,
      1,
      poy.output(),
    );

    // Claimed (the attempt counted, the lease running) but not recorded: the lease's end sends it again.
    const delivery = await onlyDelivery(setup.endpointId);
    assert.equal(delivery.status, 'pending');
    assert.equal(delivery.attemptCount, 1);
    assert.ok(delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() > signalledAt);
    assert.deepEqual(await store.listAttempts([delivery.id]), []);
  });
});
