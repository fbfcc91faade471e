// The webhook worker's test fixture: a real store (PGlite), real HTTP receivers on 127.0.0.1 and workers
// driven by a ManualClock, shared by the worker's test files.
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { pino } from 'pino';
import type { Clock, ManualClock } from '../../src/core/clock.ts';
import { recordPoyEvent } from '../../src/core/events/poy-events.ts';
import type { CoreMetrics } from '../../src/core/metrics/core-metrics.ts';
import { deriveServerSecrets, type ServerSecrets } from '../../src/core/secrets.ts';
import { createPoyEndpoint } from '../../src/core/webhooks/manage-webhooks.ts';
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from '../../src/core/webhooks/retry-schedule.ts';
import { createWebhookWorker, type WebhookWorker } from '../../src/jobs/webhook-worker.ts';
import type { Store, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../../src/store/store.ts';
import { createTestStore, createTestTenant, type TestStore } from '../harness.ts';
import {
  type ReceivedWebhook,
  type ReceiverHandler,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../webhooks/webhook-receiver.ts';

export const SECRETS = deriveServerSecrets('webhook-worker-test-secret-key-0123456789');
export const POLICY = { enforce: false, allowedHosts: new Set<string>() };
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

let testStore: TestStore | undefined;
let store: Store;
const receivers: WebhookReceiver[] = [];
const workers: WebhookWorker[] = [];
const endpoints: WebhookEndpoint[] = [];

/**
 * Registers the file's hooks: one PGlite store shared by the file's tests, and workers, receivers and
 * endpoints cleaned up after each test. Call it once at the top of a test file.
 */
export function useWebhookWorkerFixture(): void {
  before(async () => {
    testStore = await createTestStore('pglite');
    store = testStore.store;
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    for (const receiver of receivers.splice(0)) await receiver.close();
    // The store is shared by the tests of this file: leave nothing due for the next test's workers.
    for (const endpoint of endpoints.splice(0)) {
      await store.updateWebhookEndpoint(endpoint.id, { enabled: false, updatedAt: new Date() });
    }
  });

  after(async () => {
    await testStore?.close();
  });
}

/** The store of the running test file. */
export function fixtureStore(): Store {
  return store;
}

export async function receiver(handler: ReceiverHandler): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(handler);
  receivers.push(started);
  return started;
}

export function worker(
  clock: Clock,
  options: {
    schedule?: RetrySchedule;
    requestTimeoutMs?: number;
    leaseMs?: number;
    pollIntervalMs?: number;
    secrets?: ServerSecrets;
    metrics?: Pick<CoreMetrics, 'countWebhookAttempt'>;
  } = {},
): WebhookWorker {
  const created = createWebhookWorker({
    store,
    clock,
    secrets: options.secrets ?? SECRETS,
    logger: pino({ level: 'silent' }),
    schedule: options.schedule ?? DEFAULT_RETRY_SCHEDULE,
    policy: POLICY,
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  workers.push(created);
  return created;
}

/** A tenant with one POY endpoint (all events) pointing at `url`. */
export async function endpointTo(
  clock: Clock,
  url: string,
  secrets: ServerSecrets = SECRETS,
): Promise<{ projectId: string; endpoint: WebhookEndpoint; secret: string }> {
  const tenant = await createTestTenant({ store, clock });
  const created = await createPoyEndpoint(
    { store, clock, secrets, policy: POLICY },
    { projectId: tenant.project.id, mode: 'test', url, events: [] },
    { actor: { kind: 'system' }, accountId: tenant.project.accountId },
  );
  assert.ok(created.ok, JSON.stringify(created));
  endpoints.push(created.value.endpoint);
  return { projectId: tenant.project.id, ...created.value };
}

/** One `user.verified` event (and so one delivery per subscribed endpoint), as the flow writes it. */
export async function emitEvent(clock: Clock, projectId: string, userId: string): Promise<void> {
  await store.transaction((tx) =>
    recordPoyEvent(tx, clock, {
      projectId,
      mode: 'test',
      event: 'user.verified',
      data: { userId, poyId: 'PoY #00000A1', trustScore: 80 },
    }),
  );
}

export async function deliveriesOf(endpointId: string): Promise<WebhookDelivery[]> {
  return store.listDeliveries({ endpointId, limit: 100 });
}

export async function onlyDelivery(endpointId: string): Promise<WebhookDelivery> {
  const deliveries = await deliveriesOf(endpointId);
  assert.equal(deliveries.length, 1, `expected one delivery, got ${deliveries.length}`);
  const [delivery] = deliveries;
  assert.ok(delivery);
  return delivery;
}

export async function attemptsOf(deliveryId: string): Promise<WebhookAttempt[]> {
  return store.listAttempts([deliveryId]);
}

export async function endpointNow(projectId: string, id: string): Promise<WebhookEndpoint> {
  const endpoint = await store.findWebhookEndpoint({ projectId, mode: 'test', id });
  assert.ok(endpoint, `endpoint ${id} vanished`);
  return endpoint;
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function standardHeaders(request: ReceivedWebhook): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/** Advances a manual clock to `at` (never backwards). */
export function advanceTo(clock: ManualClock, at: Date): void {
  clock.advanceBy(Math.max(0, at.getTime() - clock.now().getTime()));
}
