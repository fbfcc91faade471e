// Delivers webhooks from the durable outbox (docs/api.md §7). At least once: a delivery is claimed with a
// lease (FOR UPDATE SKIP LOCKED, so concurrent workers never hold the same one), sent outside any
// transaction (send-delivery.ts), and only then settled. A worker killed mid-attempt leaves the lease to
// run out and the delivery to be claimed again. Every attempt is recorded (status, latency, a truncated
// response). What each outcome means (retry, give up, disable a failing endpoint) is decided in
// core/webhooks/delivery-policy.ts; endpoint-health.ts keeps each endpoint's failure clock.
//
// The loop is a pipeline, not lockstep rounds: up to `batchSize` attempts are in flight, and more are
// claimed as soon as a quarter of the slots is free, so one slow receiver holds one slot, not the next
// claim. Results are recorded in groups (attempt-recorder.ts): one commit per group, not per attempt.
import type { Logger } from 'pino';
import { Agent, type Dispatcher } from 'undici';
import type { Clock } from '../core/clock.ts';
import { createId } from '../core/ids.ts';
import { type CoreMetrics, noCoreMetrics } from '../core/metrics/core-metrics.ts';
import type { ServerSecrets } from '../core/secrets.ts';
import { attemptOutcomeOf } from '../core/webhooks/delivery-policy.ts';
import { createGuardedLookup, type DestinationPolicy } from '../core/webhooks/destination-policy.ts';
import type { RetrySchedule } from '../core/webhooks/retry-schedule.ts';
import type { ClaimedDelivery, Store } from '../store/store.ts';
import { createAttemptRecorder } from './attempt-recorder.ts';
import { createEndpointHealthTracker } from './endpoint-health.ts';
import { type DeliveryAttemptTracer, sendDelivery } from './send-delivery.ts';

export { DISABLE_FAILING_ENDPOINT_AFTER_MS } from '../core/webhooks/delivery-policy.ts';

export interface WebhookWorkerOptions {
  store: Store;
  clock: Clock;
  secrets: ServerSecrets;
  logger: Logger;
  schedule: RetrySchedule;
  policy: DestinationPolicy;
  /** Most attempts in flight at once; also the most claimed at once (and per `runOnce()` round). */
  batchSize?: number;
  /** How long a claimed delivery is reserved for this worker before another may take it over. */
  leaseMs?: number;
  /** docs/api.md §7: a 2xx within 15 s is success. */
  requestTimeoutMs?: number;
  /** Longest sleep between rounds when nothing announced new deliveries. */
  pollIntervalMs?: number;
  /** Injected for tests; defaults to an agent whose DNS lookups apply the destination policy. */
  dispatcher?: Dispatcher;
  /** Counts attempts by result; no-op by default. */
  metrics?: Pick<CoreMetrics, 'countWebhookAttempt'>;
  /** Set only when tracing is on: one span per attempt. */
  traceAttempt?: DeliveryAttemptTracer | undefined;
}

export interface WebhookWorker {
  start(): void;
  /**
   * Stops claiming and waits for the attempts in flight to be sent and recorded (each is bounded by
   * the request timeout). If the process is stopped before that, their leases run out and another
   * worker sends them again: at least once either way.
   */
  stop(): Promise<void>;
  /** One lockstep round (tests, tools): claim, send, record. Returns how many deliveries it attempted. */
  runOnce(): Promise<number>;
}

export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { store, clock, logger, schedule, policy } = options;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 60_000;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const metrics = options.metrics ?? noCoreMetrics;
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connect: { lookup: createGuardedLookup(policy), timeout: timeoutMs },
      keepAliveTimeout: 10_000,
    });

  // Claim again once this many slots are free: claims of a few deliveries each would cost more
  // statements per delivery than they save in waiting.
  const refillAt = Math.max(1, Math.ceil(batchSize / 4));
  const recorder = createAttemptRecorder(store, { maxGroupSize: batchSize, maxConcurrentWrites: 2 });
  const endpointHealth = createEndpointHealthTracker(store, logger);

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  // Set when deliveries are announced while the loop is claiming (nobody is sleeping to be woken then):
  // the loop claims again instead of sleeping a whole poll interval.
  let wakeRequested = false;
  const inFlight = new Set<Promise<void>>();
  let slotFreed: (() => void) | null = null;
  const unsubscribe = store.onInvalidation((invalidation) => {
    if (invalidation.kind !== 'webhooks_due' && invalidation.kind !== 'all') return;
    wakeRequested = true;
    wake?.();
  });

  async function attempt(claimed: ClaimedDelivery): Promise<void> {
    const send = () =>
      sendDelivery(claimed, { clock, logger, policy, secrets: options.secrets, dispatcher, timeoutMs });
    const result = options.traceAttempt
      ? await options.traceAttempt(
          { url: claimed.endpoint.url, traceparent: claimed.traceparent ?? null },
          send,
        )
      : await send();
    const now = clock.now();
    const attemptNumber = claimed.delivery.attemptCount;
    const outcome = attemptOutcomeOf({
      statusCode: result.statusCode,
      attemptNumber,
      attemptedAt: now,
      schedule,
    });
    const recorded = await recorder.record({
      attempt: {
        id: createId('att'),
        deliveryId: claimed.delivery.id,
        attemptNumber,
        attemptedAt: now,
        durationMs: result.durationMs,
        statusCode: result.statusCode,
        error: result.error,
        responseExcerpt: result.responseExcerpt,
      },
      outcome,
    });
    if (recorded === null) {
      // Its endpoint was deleted while the attempt was in flight: nothing left to settle or count.
      logger.info({ deliveryId: claimed.delivery.id }, 'webhook delivery deleted during its attempt');
      return;
    }
    // The store settles a delivery only for the attempt that holds it; a late result (its lease ran out
    // and another attempt took over) is logged but must not move the endpoint's health either.
    const applied = recorded.attemptCount === attemptNumber;
    metrics.countWebhookAttempt(applied ? outcome.kind : 'superseded');
    if (applied) await endpointHealth.track(claimed, outcome.kind === 'succeeded', now);
    logger.debug(
      {
        deliveryId: claimed.delivery.id,
        endpointId: claimed.endpoint.id,
        attemptNumber,
        statusCode: result.statusCode,
        outcome: applied ? outcome.kind : 'superseded',
      },
      'webhook attempt',
    );
  }

  function attemptLogged(claimed: ClaimedDelivery): Promise<void> {
    return attempt(claimed).catch((error: unknown) => {
      // The lease runs out and another claim retries it; nothing is lost.
      logger.error({ err: error, deliveryId: claimed.delivery.id }, 'recording a webhook attempt failed');
    });
  }

  function claim(limit: number): Promise<ClaimedDelivery[]> {
    const now = clock.now();
    return store.claimDueDeliveries({ now, limit, leaseUntil: new Date(now.getTime() + leaseMs) });
  }

  async function runOnce(): Promise<number> {
    const claimed = await claim(batchSize);
    await Promise.all(claimed.map(attemptLogged));
    return claimed.length;
  }

  function launch(claimed: ClaimedDelivery): void {
    const running = attemptLogged(claimed).finally(() => {
      inFlight.delete(running);
      slotFreed?.();
    });
    inFlight.add(running);
  }

  async function runLoop(): Promise<void> {
    while (running) {
      while (running && batchSize - inFlight.size < refillAt) {
        await new Promise<void>((resolve) => {
          slotFreed = resolve;
        });
        slotFreed = null;
      }
      if (!running) break;
      wakeRequested = false;
      const wanted = batchSize - inFlight.size;
      let claimed: ClaimedDelivery[] = [];
      try {
        claimed = await claim(wanted);
      } catch (error) {
        logger.error({ err: error }, 'claiming webhook deliveries failed');
      }
      for (const delivery of claimed) launch(delivery);
      if (!running) break;
      if (claimed.length >= wanted || wakeRequested) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = runLoop();
    },
    async stop() {
      running = false;
      wake?.();
      slotFreed?.();
      await loop;
      loop = null;
      // What was claimed is sent and recorded (each bounded by the request timeout), not abandoned.
      while (inFlight.size > 0) await Promise.all(inFlight);
      unsubscribe();
      if (ownsDispatcher) await dispatcher.close();
    },
    runOnce,
  };
}
