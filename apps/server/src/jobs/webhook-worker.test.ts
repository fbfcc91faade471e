// The delivery worker against a real store (PGlite) and a real HTTP receiver on 127.0.0.1. Time is
// compressed with a ManualClock advanced between `runOnce()` rounds, so the real retry schedule
// (5 s doubling to the 6-hour cap) and the 5-day rule run in milliseconds. No timing assertions: every
// wait is a bounded loop on an observable state.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import { createTestStore, createTestTenant, type TestStore } from '../../test/harness.ts';
import {
  findClosedPort,
  type ReceivedWebhook,
  type ReceiverHandler,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../test/webhooks/webhook-receiver.ts';
import { type Clock, ManualClock, systemClock } from '../core/clock.ts';
import { recordPoyEvent } from '../core/events/poy-events.ts';
import { deriveServerSecrets, type ServerSecrets } from '../core/secrets.ts';
import { createPoyEndpoint } from '../core/webhooks/manage-webhooks.ts';
import {
  DEFAULT_RETRY_SCHEDULE,
  delayAfterAttemptMs,
  type RetrySchedule,
} from '../core/webhooks/retry-schedule.ts';
import type { Store, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../store/store.ts';
import {
  createWebhookWorker,
  DISABLE_FAILING_ENDPOINT_AFTER_MS,
  type WebhookWorker,
} from './webhook-worker.ts';

const SECRETS = deriveServerSecrets('webhook-worker-test-secret-key-0123456789');
const POLICY = { enforce: false, allowedHosts: new Set<string>() };
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let testStore: TestStore;
let store: Store;
const receivers: WebhookReceiver[] = [];
const workers: WebhookWorker[] = [];
const endpoints: WebhookEndpoint[] = [];

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
  await testStore.close();
});

async function receiver(handler: ReceiverHandler): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(handler);
  receivers.push(started);
  return started;
}

function worker(
  clock: Clock,
  options: {
    schedule?: RetrySchedule;
    requestTimeoutMs?: number;
    leaseMs?: number;
    pollIntervalMs?: number;
    secrets?: ServerSecrets;
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
  });
  workers.push(created);
  return created;
}

/** A tenant with one POY endpoint (all events) pointing at `url`. */
async function endpointTo(
  clock: Clock,
  url: string,
  secrets: ServerSecrets = SECRETS,
): Promise<{ projectId: string; endpoint: WebhookEndpoint; secret: string }> {
  const tenant = await createTestTenant({ store, clock });
  const created = await createPoyEndpoint(
    { store, clock, secrets, policy: POLICY },
    { projectId: tenant.project.id, mode: 'test', url, events: [] },
  );
  assert.ok(created.ok, JSON.stringify(created));
  endpoints.push(created.value.endpoint);
  return { projectId: tenant.project.id, ...created.value };
}

/** One `user.verified` event (and so one delivery per subscribed endpoint), as the flow writes it. */
async function emitEvent(clock: Clock, projectId: string, userId: string): Promise<void> {
  await store.transaction((tx) =>
    recordPoyEvent(tx, clock, {
      projectId,
      mode: 'test',
      event: 'user.verified',
      data: { userId, poyId: 'PoY #00000A1', trustScore: 80 },
    }),
  );
}

async function deliveriesOf(endpointId: string): Promise<WebhookDelivery[]> {
  return store.listDeliveries({ endpointId, limit: 100 });
}

async function onlyDelivery(endpointId: string): Promise<WebhookDelivery> {
  const deliveries = await deliveriesOf(endpointId);
  assert.equal(deliveries.length, 1, `expected one delivery, got ${deliveries.length}`);
  const [delivery] = deliveries;
  assert.ok(delivery);
  return delivery;
}

async function attemptsOf(deliveryId: string): Promise<WebhookAttempt[]> {
  return store.listAttempts([deliveryId]);
}

async function endpointNow(projectId: string, id: string): Promise<WebhookEndpoint> {
  const endpoint = await store.findWebhookEndpoint({ projectId, mode: 'test', id });
  assert.ok(endpoint, `endpoint ${id} vanished`);
  return endpoint;
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function standardHeaders(request: ReceivedWebhook): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/** Advances a manual clock to `at` (never backwards). */
function advanceTo(clock: ManualClock, at: Date): void {
  clock.advanceBy(Math.max(0, at.getTime() - clock.now().getTime()));
}

describe('webhook worker: retries until a 2xx', () => {
  it('delivers after three 500s; every attempt is recorded with the same webhook-id and body bytes', async () => {
    // 'a' then 2-byte characters: the 1 KiB excerpt boundary falls inside a character.
    const bigBody = `a${'é'.repeat(3_000)}`;
    const hook = await receiver((_request, attempt) =>
      attempt <= 3 ? { status: 500, body: bigBody } : { status: 200, body: 'ok' },
    );
    // Real wall-clock start, so the Standard Webhooks timestamp is within the verifier's tolerance.
    const clock = new ManualClock(new Date());
    const { projectId, endpoint, secret } = await endpointTo(clock, hook.url);
    await emitEvent(clock, projectId, 'u-retry');
    const delivery = await onlyDelivery(endpoint.id);
    const event = await store.findOutboxEvent(delivery.eventId);
    assert.ok(event);

    const run = worker(clock);
    for (let round = 1; round <= 10; round += 1) {
      assert.equal(await run.runOnce(), 1, `round ${round} should attempt the delivery`);
      const now = await onlyDelivery(endpoint.id);
      if (now.status !== 'pending') break;
      assert.ok(now.nextAttemptAt);
      // Not due yet: nothing is attempted before the scheduled time.
      assert.equal(await run.runOnce(), 0);
      advanceTo(clock, now.nextAttemptAt);
    }

    const settled = await onlyDelivery(endpoint.id);
    assert.equal(settled.status, 'succeeded');
    assert.equal(settled.attemptCount, 4);
    assert.equal(settled.nextAttemptAt, null);
    assert.ok(settled.completedAt);

    const attempts = await attemptsOf(delivery.id);
    assert.deepEqual(
      attempts.map((attempt) => [attempt.attemptNumber, attempt.statusCode]),
      [
        [1, 500],
        [2, 500],
        [3, 500],
        [4, 200],
      ],
    );
    for (const attempt of attempts) {
      assert.ok(Number.isInteger(attempt.durationMs) && attempt.durationMs >= 0, String(attempt.durationMs));
      assert.equal(attempt.error, null);
    }
    for (const attempt of attempts.slice(0, 3)) {
      const excerpt = attempt.responseExcerpt ?? '';
      const bytes = Buffer.byteLength(excerpt);
      // Truncated to 1 KiB without leaving half a character (a U+FFFD would make it longer).
      assert.ok(bytes <= 1_024 && bytes >= 1_021, `excerpt of ${bytes} bytes`);
      assert.ok(bigBody.startsWith(excerpt), 'the excerpt is the start of the response');
    }
    assert.equal(attempts[3]?.responseExcerpt, 'ok');

    assert.equal(hook.requests.length, 4);
    for (const request of hook.requests) {
      assert.equal(request.webhookId, delivery.id);
      assert.ok(request.body.equals(Buffer.from(event.bodyJson)), 'byte-identical body on every attempt');
      assert.equal(
        request.headers['x-poy-signature'],
        createHmac('sha256', secret).update(request.body).digest('hex'),
      );
      new Webhook(secret).verify(request.body.toString('utf8'), standardHeaders(request));
    }
    assert.equal(new Set(hook.requests.map((request) => request.headers['webhook-timestamp'])).size, 4);
  });

  it('the running loop picks retries up by itself (real clock, 10 ms base delay)', async () => {
    const hook = await receiver((_request, attempt) => ({ status: attempt <= 3 ? 500 : 204 }));
    const { projectId, endpoint } = await endpointTo(systemClock, hook.url);
    const schedule = { ...DEFAULT_RETRY_SCHEDULE, baseDelayMs: 10, maxDelayMs: 40 };
    worker(systemClock, { schedule, pollIntervalMs: 5 }).start();
    await emitEvent(systemClock, projectId, 'u-loop');
    await waitFor('the delivery to succeed', async () => {
      const [delivery] = await deliveriesOf(endpoint.id);
      return delivery?.status === 'succeeded';
    });
    const delivery = await onlyDelivery(endpoint.id);
    const attempts = await attemptsOf(delivery.id);
    assert.deepEqual(
      attempts.map((attempt) => attempt.statusCode),
      [500, 500, 500, 204],
    );
    assert.deepEqual([...hook.countsById.entries()], [[delivery.id, 4]]);
  });
});

describe('webhook worker: gives up after exactly 16 attempts on the schedule', () => {
  const failures: Array<{
    name: string;
    start: () => Promise<{ url: string; hook: WebhookReceiver | null }>;
    requestTimeoutMs?: number;
    expect: (attempt: WebhookAttempt) => void;
  }> = [
    {
      name: 'a receiver answering 500',
      start: async () => {
        const hook = await receiver(() => ({ status: 500, body: 'nope' }));
        return { url: hook.url, hook };
      },
      expect: (attempt) => assert.equal(attempt.statusCode, 500),
    },
    {
      name: 'a closed port',
      start: async () => ({ url: `http://127.0.0.1:${await findClosedPort()}/hook`, hook: null }),
      expect: (attempt) => {
        assert.equal(attempt.statusCode, null);
        assert.match(attempt.error ?? '', /ECONNREFUSED|refused/i);
      },
    },
    {
      name: 'a receiver that hangs longer than the request timeout',
      start: async () => {
        const hook = await receiver(() => 'hang');
        return { url: hook.url, hook };
      },
      requestTimeoutMs: 150,
      expect: (attempt) => {
        assert.equal(attempt.statusCode, null);
        assert.match(attempt.error ?? '', /timeout|abort/i);
      },
    },
  ];

  for (const failure of failures) {
    it(`${failure.name}: failed after 16 attempts, gaps within the schedule's bounds, never tried again`, async () => {
      const { url, hook } = await failure.start();
      const clock = new ManualClock();
      const schedule = DEFAULT_RETRY_SCHEDULE;
      const { projectId, endpoint } = await endpointTo(clock, url);
      await emitEvent(clock, projectId, 'u-fail');
      const { id } = await onlyDelivery(endpoint.id);
      const run = worker(
        clock,
        failure.requestTimeoutMs !== undefined ? { requestTimeoutMs: failure.requestTimeoutMs } : {},
      );

      const gaps: number[] = [];
      for (let attempt = 1; attempt <= schedule.maxAttempts; attempt += 1) {
        assert.equal(await run.runOnce(), 1, `attempt ${attempt} should be made`);
        const delivery = await onlyDelivery(endpoint.id);
        assert.equal(delivery.attemptCount, attempt);
        if (attempt === schedule.maxAttempts) {
          assert.equal(delivery.status, 'failed');
          assert.equal(delivery.nextAttemptAt, null);
          assert.ok(delivery.completedAt);
          break;
        }
        assert.equal(delivery.status, 'pending');
        assert.ok(delivery.nextAttemptAt);
        const gap = delivery.nextAttemptAt.getTime() - clock.now().getTime();
        // The bounds of this gap: nominal × (1 ± jitter), capped (random → 0 and → 1).
        const lowest = delayAfterAttemptMs(schedule, attempt, () => 0);
        const highest = delayAfterAttemptMs(schedule, attempt, () => 1);
        assert.ok(lowest !== null && highest !== null);
        assert.ok(
          gap >= lowest && gap <= highest,
          `gap ${gap} after attempt ${attempt}: [${lowest}, ${highest}]`,
        );
        assert.ok(gap <= schedule.maxDelayMs);
        gaps.push(gap);
        // One millisecond early is too early.
        clock.advanceBy(gap - 1);
        assert.equal(await run.runOnce(), 0, `attempt ${attempt + 1} made before it was due`);
        clock.advanceBy(1);
      }
      assert.equal(gaps.length, 15);
      // Exponential at first (each nominal gap doubles: ratios within the ±20% jitter), capped at the end.
      for (let index = 1; index < 5; index += 1) {
        const ratio = (gaps[index] ?? 0) / (gaps[index - 1] ?? 1);
        assert.ok(ratio > 2 * (0.8 / 1.2) && ratio < 2 * (1.2 / 0.8), `ratio ${ratio}`);
      }
      assert.ok(gaps.slice(13).every((gap) => gap >= 0.8 * schedule.maxDelayMs));

      const attempts = await attemptsOf(id);
      assert.deepEqual(
        attempts.map((attempt) => attempt.attemptNumber),
        Array.from({ length: 16 }, (_, index) => index + 1),
      );
      for (const attempt of attempts) failure.expect(attempt);

      // A week later: still failed, never attempted again.
      clock.advanceBy(7 * DAY_MS);
      assert.equal(await run.runOnce(), 0);
      assert.equal((await onlyDelivery(endpoint.id)).status, 'failed');
      assert.equal((await attemptsOf(id)).length, 16);
      if (hook) assert.deepEqual([...hook.countsById.entries()], [[id, 16]]);
    });
  }
});

describe('webhook worker: endpoints failing for 5 days are disabled', () => {
  /** Runs rounds until nothing due is left (bounded). */
  async function drain(run: WebhookWorker): Promise<void> {
    for (let round = 0; round < 20; round += 1) {
      if ((await run.runOnce()) === 0) return;
    }
    assert.fail('the worker kept finding due deliveries');
  }

  it('every delivery failing for 5 days disables the endpoint (failing); nothing is sent afterwards', async () => {
    const hook = await receiver(() => ({ status: 503 }));
    const clock = new ManualClock();
    const start = clock.now();
    const { projectId, endpoint } = await endpointTo(clock, hook.url);
    const run = worker(clock);

    await emitEvent(clock, projectId, 'u-0');
    await drain(run);
    assert.deepEqual((await endpointNow(projectId, endpoint.id)).failingSince, start);

    // New events every 12 hours, all failing (with the earlier deliveries' retries), for 5 days less a minute.
    for (let step = 1; step < 10; step += 1) {
      advanceTo(clock, new Date(start.getTime() + step * 12 * HOUR_MS));
      await emitEvent(clock, projectId, `u-${step}`);
      await drain(run);
    }
    advanceTo(clock, new Date(start.getTime() + DISABLE_FAILING_ENDPOINT_AFTER_MS - 60_000));
    await emitEvent(clock, projectId, 'u-almost');
    await drain(run);
    let state = await endpointNow(projectId, endpoint.id);
    assert.equal(state.enabled, true, 'still enabled just before 5 days');
    assert.deepEqual(state.failingSince, start);

    advanceTo(clock, new Date(start.getTime() + DISABLE_FAILING_ENDPOINT_AFTER_MS));
    await emitEvent(clock, projectId, 'u-five-days');
    await drain(run);
    state = await endpointNow(projectId, endpoint.id);
    assert.equal(state.enabled, false);
    assert.equal(state.disabledReason, 'failing');

    // Disabled: new events still get deliveries (kept pending, not failed), but nothing is sent.
    const sent = hook.requests.length;
    clock.advanceBy(HOUR_MS);
    await emitEvent(clock, projectId, 'u-after');
    assert.equal(await run.runOnce(), 0);
    clock.advanceBy(DAY_MS);
    assert.equal(await run.runOnce(), 0);
    assert.equal(hook.requests.length, sent);
    const deliveries = await deliveriesOf(endpoint.id);
    assert.ok(deliveries.some((delivery) => delivery.status === 'pending'));
  });

  it('one success before the 5 days are up resets the failure clock', async () => {
    let healthy = false;
    const hook = await receiver(() => ({ status: healthy ? 200 : 500 }));
    const clock = new ManualClock();
    const start = clock.now();
    const { projectId, endpoint } = await endpointTo(clock, hook.url);
    const run = worker(clock);

    await emitEvent(clock, projectId, 'u-0');
    await drain(run);
    assert.deepEqual((await endpointNow(projectId, endpoint.id)).failingSince, start);

    // Day 3: one success.
    advanceTo(clock, new Date(start.getTime() + 3 * DAY_MS));
    healthy = true;
    await emitEvent(clock, projectId, 'u-ok');
    await drain(run);
    assert.equal((await endpointNow(projectId, endpoint.id)).failingSince, null);

    // Failing again from day 3 + 1 hour.
    healthy = false;
    const failingAgain = new Date(start.getTime() + 3 * DAY_MS + HOUR_MS);
    advanceTo(clock, failingAgain);
    await emitEvent(clock, projectId, 'u-1');
    await drain(run);
    assert.deepEqual((await endpointNow(projectId, endpoint.id)).failingSince, failingAgain);

    // Day 5 + 1 hour: 5 days after the first failure, but only 2 since the last success.
    advanceTo(clock, new Date(start.getTime() + 5 * DAY_MS + HOUR_MS));
    await emitEvent(clock, projectId, 'u-2');
    await drain(run);
    let state = await endpointNow(projectId, endpoint.id);
    assert.equal(state.enabled, true);
    assert.deepEqual(state.failingSince, failingAgain);

    // 5 days after it started failing again: disabled.
    for (let day = 6; day <= 8; day += 1) {
      advanceTo(clock, new Date(start.getTime() + day * DAY_MS + HOUR_MS));
      await emitEvent(clock, projectId, `u-day-${day}`);
      await drain(run);
    }
    state = await endpointNow(projectId, endpoint.id);
    assert.equal(state.enabled, false);
    assert.equal(state.disabledReason, 'failing');
  });

  it('a failure right after a success of the same batch restarts the clock, not disables on a stale view', async () => {
    const clock = new ManualClock();
    const start = clock.now();
    let endpointRef: { projectId: string; id: string } | null = null;
    // The success is answered at once; the failure only once that success has reset the failure clock.
    const hook = await receiver(async (request) => {
      if (request.body.includes('u-ok')) return { status: 200 };
      await waitFor('the success to reset failingSince', async () => {
        if (!endpointRef) return false;
        return (await endpointNow(endpointRef.projectId, endpointRef.id)).failingSince === null;
      });
      return { status: 500 };
    });
    const { projectId, endpoint } = await endpointTo(clock, hook.url);
    endpointRef = { projectId, id: endpoint.id };
    // Failing for 5 days (as if every delivery since `start` had failed).
    await store.updateWebhookEndpoint(endpoint.id, { failingSince: start, updatedAt: start });
    advanceTo(clock, new Date(start.getTime() + DISABLE_FAILING_ENDPOINT_AFTER_MS + 60_000));
    await emitEvent(clock, projectId, 'u-ok');
    await emitEvent(clock, projectId, 'u-bad');

    // One round claims both, with one snapshot of the endpoint (failing since `start`).
    assert.equal(await worker(clock).runOnce(), 2);
    const state = await endpointNow(projectId, endpoint.id);
    assert.equal(state.enabled, true, 'disabled although a delivery had just succeeded');
    assert.deepEqual(state.failingSince, clock.now());
    assert.equal(hook.requests.length, 2);
  });
});

describe('webhook worker: leases, signing failures, wake-ups', () => {
  it('a late result from a worker whose lease ran out does not undo the delivery that took over', async () => {
    let releaseFirst: (answer: { status: number }) => void = () => {};
    const firstAnswer = new Promise<{ status: number }>((resolve) => {
      releaseFirst = resolve;
    });
    const hook = await receiver((_request, attempt) => (attempt === 1 ? firstAnswer : { status: 200 }));
    const clock = new ManualClock();
    const { projectId, endpoint } = await endpointTo(clock, hook.url);
    await emitEvent(clock, projectId, 'u-lease');
    const { id } = await onlyDelivery(endpoint.id);
    const slow = worker(clock, { leaseMs: 30_000, requestTimeoutMs: 10_000 });
    const other = worker(clock, { leaseMs: 30_000, requestTimeoutMs: 10_000 });

    const slowRound = slow.runOnce();
    await waitFor('the first attempt to reach the receiver', () => hook.requests.length === 1);
    // The lease runs out while the first attempt is still in flight: another worker takes over.
    clock.advanceBy(30_001);
    assert.equal(await other.runOnce(), 1);
    assert.equal((await onlyDelivery(endpoint.id)).status, 'succeeded');

    // Now the slow attempt comes back with a failure: it is logged, but settles nothing.
    releaseFirst({ status: 500 });
    assert.equal(await slowRound, 1);
    const delivery = await onlyDelivery(endpoint.id);
    assert.equal(delivery.status, 'succeeded');
    assert.equal(delivery.nextAttemptAt, null);
    assert.deepEqual(
      (await attemptsOf(id)).map((attempt) => [attempt.attemptNumber, attempt.statusCode]),
      [
        [1, 500],
        [2, 200],
      ],
    );
    clock.advanceBy(DAY_MS);
    assert.equal(await slow.runOnce(), 0);
    assert.equal(await other.runOnce(), 0);
    assert.equal(hook.requests.length, 2);
    // The stale failure did not mark the endpoint as failing either.
    assert.equal((await endpointNow(projectId, endpoint.id)).failingSince, null);
  });

  it('a delivery that cannot be signed is recorded as a failed attempt and retried, not lost in a loop', async () => {
    const hook = await receiver(() => ({ status: 200 }));
    const clock = new ManualClock();
    // Sealed under another server secret (as after a POY_SECRET_KEY change): the worker cannot open it.
    const { projectId, endpoint } = await endpointTo(
      clock,
      hook.url,
      deriveServerSecrets('a-different-server-secret-key-0123456789'),
    );
    await emitEvent(clock, projectId, 'u-sign');
    const run = worker(clock);
    assert.equal(await run.runOnce(), 1);
    const delivery = await onlyDelivery(endpoint.id);
    const attempts = await attemptsOf(delivery.id);
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]?.statusCode, null);
    assert.match(attempts[0]?.error ?? '', /sign/i);
    assert.equal(delivery.status, 'pending');
    assert.ok(delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() < clock.now().getTime() + 60_000);
    assert.equal(hook.requests.length, 0, 'nothing unsigned was sent');
  });

  it('deliveries written while a round is in flight are sent right after it, not at the next poll', async () => {
    // The first delivery is slow, so the second event is written while the round is in progress.
    const hook = await receiver((request) =>
      request.body.includes('u-first') ? { status: 200, delayMs: 300 } : { status: 200 },
    );
    const { projectId, endpoint } = await endpointTo(systemClock, hook.url);
    // Polling every 10 minutes: only the "deliveries are due" announcements can wake the worker in time.
    worker(systemClock, { pollIntervalMs: 600_000 }).start();
    await emitEvent(systemClock, projectId, 'u-first');
    await waitFor('the first request', () => hook.requests.length === 1);
    await emitEvent(systemClock, projectId, 'u-second');
    await waitFor('both deliveries to succeed', async () => {
      const deliveries = await deliveriesOf(endpoint.id);
      return deliveries.length === 2 && deliveries.every((delivery) => delivery.status === 'succeeded');
    });
  });
});
