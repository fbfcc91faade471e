// Delivers webhooks from the durable outbox (docs/api.md §7). At least once: a delivery is claimed with a
// lease (FOR UPDATE SKIP LOCKED, so concurrent workers never hold the same one), sent outside any
// transaction (send-delivery.ts), and only then settled. A worker killed mid-attempt leaves the lease to
// run out and the delivery to be claimed again. Every attempt is recorded (status, latency, a truncated
// response). What each outcome means (retry, give up, disable a failing endpoint) is decided in
// core/webhooks/delivery-policy.ts; endpoint-health.ts keeps each endpoint's failure clock.
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
  /** Deliveries claimed (and sent concurrently) per round. */
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
  /** One round: claim, send, record. Returns how many deliveries it attempted. */
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

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  // Set when deliveries are announced while a round is running (nobody is sleeping to be woken then):
  // the loop goes straight into another round instead of sleeping a whole poll interval.
  let wakeRequested = false;
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
    const recorded = await store.recordDeliveryAttempt({
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
    // The store settles a delivery only for the attempt that holds it; a late result (its lease ran out
    // and another attempt took over) is logged but must not move the endpoint's health either.
    const current = recorded.attemptCount === attemptNumber;
    metrics.countWebhookAttempt(current ? outcome.kind : 'superseded');
    if (current) await endpointHealth.track(claimed, outcome.kind === 'succeeded', now);
    logger.debug(
      {
        deliveryId: claimed.delivery.id,
        endpointId: claimed.endpoint.id,
        attemptNumber,
        statusCode: result.statusCode,
        outcome: current ? outcome.kind : 'superseded',
      },
      'webhook attempt',
    );
  }

  const endpointHealth = createEndpointHealthTracker(store, logger);

  async function runOnce(): Promise<number> {
    const now = clock.now();
    const claimed = await store.claimDueDeliveries({
      now,
      limit: batchSize,
      leaseUntil: new Date(now.getTime() + leaseMs),
    });
    await Promise.all(
      claimed.map((delivery) =>
        attempt(delivery).catch((error: unknown) => {
          // The lease runs out and another round retries it; nothing is lost.
          logger.error(
            { err: error, deliveryId: delivery.delivery.id },
            'recording a webhook attempt failed',
          );
        }),
      ),
    );
    return claimed.length;
  }

  async function runLoop(): Promise<void> {
    while (running) {
      wakeRequested = false;
      let attempted = 0;
      try {
        attempted = await runOnce();
      } catch (error) {
        logger.error({ err: error }, 'webhook worker round failed');
      }
      if (!running) break;
      if (attempted >= batchSize || wakeRequested) continue;
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
      await loop;
      loop = null;
      unsubscribe();
      if (ownsDispatcher) await dispatcher.close();
    },
    runOnce,
  };
}
