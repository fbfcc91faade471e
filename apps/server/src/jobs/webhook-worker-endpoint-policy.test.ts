// The delivery worker's endpoint policy and robustness, against a real store and receiver (see
// webhook-worker.test.ts for how time is compressed): the 5-day rule, leases, signing failures, wake-ups.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  advanceTo,
  attemptsOf,
  DAY_MS,
  deliveriesOf,
  emitEvent,
  endpointNow,
  endpointTo,
  fixtureStore,
  HOUR_MS,
  onlyDelivery,
  receiver,
  useWebhookWorkerFixture,
  waitFor,
  worker,
} from '../../test/support/webhook-worker-fixture.ts';
import { ManualClock, systemClock } from '../core/clock.ts';
import { deriveServerSecrets } from '../core/secrets.ts';
import { DISABLE_FAILING_ENDPOINT_AFTER_MS, type WebhookWorker } from './webhook-worker.ts';

useWebhookWorkerFixture();

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
    await fixtureStore().updateWebhookEndpoint(endpoint.id, { failingSince: start, updatedAt: start });
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
