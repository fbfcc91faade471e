// Delivers webhooks from the durable outbox (docs/api.md §7). At least once: a delivery is claimed with a
// lease (FOR UPDATE SKIP LOCKED, so concurrent workers never hold the same one), sent outside any
// transaction, and only then settled. A worker killed mid-attempt leaves the lease to run out and the
// delivery to be claimed again. Every attempt is recorded (status, latency, a truncated response);
// secrets are opened in memory only for signing and never logged.
// What each outcome means (retry, give up, disable a failing endpoint) is decided in
// core/webhooks/delivery-policy.ts; the signatures are @poy/wire's.
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { buildDeliveryHeaders } from '@poy/wire';
import type { Logger } from 'pino';
import { Agent, type Dispatcher, request } from 'undici';
import type { Clock } from '../core/clock.ts';
import { createId } from '../core/ids.ts';
import type { ServerSecrets } from '../core/secrets.ts';
import {
  attemptOutcomeOf,
  endpointActionAfterFailure,
  mustClearFailingSince,
} from '../core/webhooks/delivery-policy.ts';
import {
  createGuardedLookup,
  type DestinationPolicy,
  isRefusedAddressLiteral,
} from '../core/webhooks/destination-policy.ts';
import { resolveSigningSecrets } from '../core/webhooks/endpoint-secrets.ts';
import { nodeHmacSha256 } from '../core/webhooks/node-hmac-sha256.ts';
import type { RetrySchedule } from '../core/webhooks/retry-schedule.ts';
import type { ClaimedDelivery, Store } from '../store/store.ts';

export { DISABLE_FAILING_ENDPOINT_AFTER_MS } from '../core/webhooks/delivery-policy.ts';

const RESPONSE_EXCERPT_BYTES = 1_024;

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
}

export interface WebhookWorker {
  start(): void;
  /** Stops claiming and waits for the attempts in flight. */
  stop(): Promise<void>;
  /** One round: claim, send, record. Returns how many deliveries it attempted. */
  runOnce(): Promise<number>;
}

interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { store, clock, logger, schedule, policy } = options;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 60_000;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
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

  async function send(claimed: ClaimedDelivery): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const { endpoint, event, delivery } = claimed;
    if (isRefusedAddressLiteral(endpoint.url, policy)) {
      return {
        statusCode: null,
        error: 'refused: private or loopback address',
        responseExcerpt: null,
        durationMs: 0,
      };
    }
    const now = clock.now();
    let headers: Record<string, string>;
    try {
      headers = buildDeliveryHeaders({
        surface: endpoint.surface,
        secrets: resolveSigningSecrets(options.secrets, claimed, now),
        webhookId: delivery.id,
        timestampSeconds: Math.floor(now.getTime() / 1000),
        body: event.bodyJson,
        hmac: nodeHmacSha256,
      });
    } catch (error) {
      // A secret that cannot be opened (e.g. POY_SECRET_KEY changed) must not throw out of the attempt:
      // unrecorded, the delivery would be re-claimed at every lease expiry, forever and invisibly.
      logger.error({ err: error, endpointId: endpoint.id }, 'could not sign a webhook delivery');
      return {
        statusCode: null,
        error: 'could not sign the delivery: its signing secret is unavailable',
        responseExcerpt: null,
        durationMs: elapsed(),
      };
    }
    try {
      const response = await request(endpoint.url, {
        method: 'POST',
        headers,
        body: event.bodyJson,
        dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        chunks.push(buffer);
        size += buffer.length;
        if (size >= RESPONSE_EXCERPT_BYTES) break;
      }
      // A StringDecoder holds back a character cut at the 1 KiB boundary instead of turning it into
      // U+FFFD (3 bytes), so the excerpt never exceeds 1 KiB.
      const excerpt = new StringDecoder('utf8').write(
        Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES),
      );
      return {
        statusCode: response.statusCode,
        error: null,
        responseExcerpt: excerpt || null,
        durationMs: elapsed(),
      };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : 'request failed';
      return { statusCode: null, error: message.slice(0, 500), responseExcerpt: null, durationMs: elapsed() };
    }
  }

  async function attempt(claimed: ClaimedDelivery): Promise<void> {
    const result = await send(claimed);
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
    if (current) await trackEndpointHealth(claimed, outcome.kind === 'succeeded', now);
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

  // Endpoints this worker has marked failing; a success clears the mark even when the claim's snapshot
  // of the endpoint predates it (deliveries of one batch share one snapshot).
  const markedFailing = new Set<string>();
  // Health updates of one endpoint run one after another, so concurrent attempts of a batch never
  // interleave their read-then-write.
  const healthQueues = new Map<string, Promise<void>>();

  function trackEndpointHealth(claimed: ClaimedDelivery, succeeded: boolean, now: Date): Promise<void> {
    const id = claimed.endpoint.id;
    const run = (healthQueues.get(id) ?? Promise.resolve()).then(() =>
      updateEndpointHealth(claimed, succeeded, now),
    );
    const queued = run.catch(() => {});
    healthQueues.set(id, queued);
    void queued.then(() => {
      if (healthQueues.get(id) === queued) healthQueues.delete(id);
    });
    return run;
  }

  async function updateEndpointHealth(
    claimed: ClaimedDelivery,
    succeeded: boolean,
    now: Date,
  ): Promise<void> {
    const { endpoint } = claimed;
    if (succeeded) {
      // The hot path: no read unless this endpoint was failing.
      if (mustClearFailingSince(endpoint.failingSince, markedFailing.has(endpoint.id))) {
        await store.updateWebhookEndpoint(endpoint.id, { failingSince: null, updatedAt: now });
        markedFailing.delete(endpoint.id);
      }
      return;
    }
    // Failures decide on the endpoint as it is now, not as it was when the batch was claimed: a success
    // or a manual re-enable since then has reset the failure clock.
    const fresh = await store.findWebhookEndpoint({
      projectId: endpoint.projectId,
      mode: endpoint.mode,
      id: endpoint.id,
    });
    const action = endpointActionAfterFailure(fresh, now);
    if (action === 'none') return;
    if (action === 'start_failing') {
      await store.updateWebhookEndpoint(endpoint.id, { failingSince: now, updatedAt: now });
      markedFailing.add(endpoint.id);
    } else if (action === 'disable') {
      await store.updateWebhookEndpoint(endpoint.id, {
        enabled: false,
        disabledReason: 'failing',
        updatedAt: now,
      });
      markedFailing.delete(endpoint.id);
      logger.warn({ endpointId: endpoint.id }, 'webhook endpoint disabled after 5 days of failures');
    } else {
      markedFailing.add(endpoint.id);
    }
  }

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
