// Delivers webhooks from the durable outbox (docs/api.md §7). At least once: a delivery is claimed with a
// lease (FOR UPDATE SKIP LOCKED, so concurrent workers never hold the same one), sent outside any
// transaction (send-delivery.ts), and only then settled. A worker killed mid-attempt leaves the lease to
// run out and the delivery to be claimed again. Every attempt is recorded (status, latency, a truncated
// response). What each outcome means (retry, give up, disable a failing endpoint) is decided in
// core/webhooks/delivery-policy.ts; endpoint-health.ts keeps each endpoint's failure clock.
//
// The loop is a pipeline, not lockstep rounds: up to `maxInFlight` attempts are in flight, and more are
// claimed as soon as half a batch of slots is free, so one slow receiver holds one slot, not the next
// claim, and sends go on while a claim is being made. Results are recorded in groups (attempt-recorder.ts): one commit per group, not per attempt.
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

/** Claims made at once by one worker (see runClaimLoop). */
const CLAIMERS = 2;

export interface WebhookWorkerOptions {
  store: Store;
  clock: Clock;
  secrets: ServerSecrets;
  logger: Logger;
  schedule: RetrySchedule;
  policy: DestinationPolicy;
  /** Most deliveries claimed at once (and per `runOnce()` round). */
  batchSize?: number;
  /**
   * Most attempts in flight at once (default twice the batch): room for one more claim's worth, so
   * sends go on while the next claim is being made.
   */
  maxInFlight?: number;
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
  const batchSize = options.batchSize ?? 100;
  const maxInFlight = Math.max(batchSize, options.maxInFlight ?? 2 * batchSize);
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
  const refillAt = Math.max(1, Math.ceil(batchSize / 2));
  const recorder = createAttemptRecorder(store, { maxGroupSize: batchSize, maxConcurrentWrites: 2 });
  const endpointHealth = createEndpointHealthTracker(store, logger);

  let running = false;
  let loops: Promise<void>[] = [];
  let stopping: Promise<void> | null = null;
  // Claimers sleeping until deliveries are announced or the poll interval passes.
  const sleepers = new Set<() => void>();
  // Set when deliveries are announced while a claim is being made (nobody is sleeping to be woken then):
  // the claimer claims again instead of sleeping a whole poll interval.
  let wakeRequested = false;
  const inFlight = new Set<Promise<void>>();
  // Slots promised to claims being made, so two claimers never overfill maxInFlight together.
  let reserved = 0;
  const slotWaiters = new Set<() => void>();
  const wakeAll = (waiters: Set<() => void>) => {
    for (const resolve of [...waiters]) resolve();
  };
  const unsubscribe = store.onInvalidation((invalidation) => {
    if (invalidation.kind !== 'webhooks_due' && invalidation.kind !== 'all') return;
    wakeRequested = true;
    wakeAll(sleepers);
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
    const settled = attemptLogged(claimed).finally(() => {
      inFlight.delete(settled);
      wakeAll(slotWaiters);
    });
    inFlight.add(settled);
  }

  const freeSlots = () => maxInFlight - inFlight.size - reserved;

  function waitFor(waiters: Set<() => void>, timeoutMs?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(done, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      }
      waiters.add(done);
    });
  }

  /**
   * One of CLAIMERS concurrent claim loops: while one claim is being made (a few round trips, which
   * on a loaded database take longer than sending what the last claim brought), the other's deliveries
   * are being sent. SKIP LOCKED keeps them apart as it keeps workers apart.
   */
  async function runClaimLoop(): Promise<void> {
    while (running) {
      while (running && freeSlots() < refillAt) await waitFor(slotWaiters);
      if (!running) break;
      wakeRequested = false;
      const wanted = Math.min(batchSize, freeSlots());
      reserved += wanted;
      let claimed: ClaimedDelivery[] = [];
      try {
        claimed = await claim(wanted);
      } catch (error) {
        logger.error({ err: error }, 'claiming webhook deliveries failed');
      } finally {
        reserved -= wanted;
      }
      for (const delivery of claimed) launch(delivery);
      if (!running) break;
      if (claimed.length >= wanted || wakeRequested) continue;
      await waitFor(sleepers, pollIntervalMs);
    }
  }

  return {
    start() {
      if (running || stopping) return;
      running = true;
      loops = Array.from({ length: CLAIMERS }, () => runClaimLoop());
    },
    stop() {
      // Idempotent: a second caller waits for the same drain (the dispatcher is closed once).
      stopping ??= (async () => {
        running = false;
        wakeAll(sleepers);
        wakeAll(slotWaiters);
        await Promise.all(loops);
        loops = [];
        // What was claimed is sent and recorded (each bounded by the request timeout), not abandoned.
        while (inFlight.size > 0) await Promise.all(inFlight);
        unsubscribe();
        if (ownsDispatcher) await dispatcher.close();
      })();
      return stopping;
    },
    runOnce,
  };
}
