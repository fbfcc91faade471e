// The delivery worker against a real store (PGlite) and a real HTTP receiver on 127.0.0.1. Time is
// compressed with a ManualClock advanced between `runOnce()` rounds, so the real retry schedule
// (5 s doubling to the 6-hour cap) and the 5-day rule run in milliseconds. No timing assertions: every
// wait is a bounded loop on an observable state.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import {
  advanceTo,
  attemptsOf,
  DAY_MS,
  deliveriesOf,
  emitEvent,
  endpointTo,
  fixtureStore,
  onlyDelivery,
  receiver,
  standardHeaders,
  useWebhookWorkerFixture,
  waitFor,
  worker,
} from '../../test/support/webhook-worker-fixture.ts';
import { findClosedPort, type WebhookReceiver } from '../../test/webhooks/webhook-receiver.ts';
import { ManualClock, systemClock } from '../core/clock.ts';
import { DEFAULT_RETRY_SCHEDULE, delayAfterAttemptMs } from '../core/webhooks/retry-schedule.ts';
import type { WebhookAttempt } from '../store/store.ts';

useWebhookWorkerFixture();

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
    const event = await fixtureStore().findOutboxEvent(delivery.eventId);
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

describe('webhook worker: a pipeline, not lockstep rounds', () => {
  it('a hanging receiver holds only its own attempt: others are sent and recorded meanwhile; stop() waits for it', async () => {
    const slow = await receiver(() => 'hang');
    const fast = await receiver(() => ({ status: 200 }));
    const slowEndpoint = await endpointTo(systemClock, slow.url);
    const fastEndpoint = await endpointTo(systemClock, fast.url);
    const running = worker(systemClock, { requestTimeoutMs: 5_000, pollIntervalMs: 5 });
    await emitEvent(systemClock, slowEndpoint.projectId, 'u-slow');
    running.start();
    await waitFor('the hanging attempt to be in flight', () => slow.requests.length === 1);
    const FAST = 20;
    for (let index = 0; index < FAST; index += 1) {
      await emitEvent(systemClock, fastEndpoint.projectId, `u-fast-${index}`);
    }
    await waitFor('the other deliveries to succeed', async () => {
      const deliveries = await deliveriesOf(fastEndpoint.endpoint.id);
      return deliveries.length === FAST && deliveries.every((delivery) => delivery.status === 'succeeded');
    });
    const slowDelivery = await onlyDelivery(slowEndpoint.endpoint.id);
    // Lockstep rounds would have held every later claim until this attempt timed out.
    assert.deepEqual(await attemptsOf(slowDelivery.id), []);

    await running.stop();
    const [timedOut] = await attemptsOf(slowDelivery.id);
    assert.ok(timedOut, 'stop() returned before the attempt in flight was recorded');
    assert.equal(timedOut.statusCode, null);
    assert.match(timedOut.error ?? '', /timeout|abort/i);
    assert.equal((await onlyDelivery(slowEndpoint.endpoint.id)).status, 'pending');
    const fastAttempts = await fixtureStore().listAttempts(
      (await deliveriesOf(fastEndpoint.endpoint.id)).map((delivery) => delivery.id),
    );
    assert.equal(fastAttempts.length, FAST);
    assert.deepEqual(
      [...fast.countsById.values()].filter((count) => count !== 1),
      [],
      'each delivery is sent once',
    );
  });
});
