// Delivers webhooks from the durable outbox (contract §7). At least once: a delivery is claimed with a
// lease (FOR UPDATE SKIP LOCKED, so concurrent workers never hold the same one), sent outside any
// transaction, and only then settled. A worker killed mid-attempt leaves the lease to run out and the
// delivery to be claimed again. Every attempt is recorded (status, latency, a truncated response);
// secrets are opened in memory only for signing and never logged.

import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { Agent, type Dispatcher, request } from 'undici';
import type { Clock } from '../core/clock.ts';
import { createId } from '../core/ids.ts';
import type { ServerSecrets } from '../core/secrets.ts';
import {
  createGuardedLookup,
  type DestinationPolicy,
  isBlockedAddress,
} from '../core/webhooks/destination-policy.ts';
import { resolveSigningSecrets } from '../core/webhooks/endpoint-secrets.ts';
import { delayAfterAttemptMs, type RetrySchedule } from '../core/webhooks/retry-schedule.ts';
import { buildDeliveryHeaders } from '../core/webhooks/webhook-signatures.ts';
import type { AttemptOutcome, ClaimedDelivery, Store } from '../store/store.ts';

/** Contract §5-day rule (issue): an endpoint whose every delivery failed for this long is disabled. */
export const DISABLE_FAILING_ENDPOINT_AFTER_MS = 5 * 86_400_000;
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
  /** Contract §7: a 2xx within 15 s is success. */
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
  const unsubscribe = store.onInvalidation((invalidation) => {
    if (invalidation.kind === 'webhooks_due' || invalidation.kind === 'all') wake?.();
  });

  async function send(claimed: ClaimedDelivery): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const { endpoint, event, delivery } = claimed;
    const host = new URL(endpoint.url).hostname.replace(/^\[|\]$/g, '');
    // IP literals skip DNS, so the guarded lookup never sees them: check them here.
    if (policy.enforce && isIP(host) && !policy.allowedHosts.has(host) && isBlockedAddress(host)) {
      return {
        statusCode: null,
        error: 'refused: private or loopback address',
        responseExcerpt: null,
        durationMs: 0,
      };
    }
    const now = clock.now();
    const headers = buildDeliveryHeaders({
      surface: endpoint.surface,
      secrets: resolveSigningSecrets(options.secrets, claimed, now),
      webhookId: delivery.id,
      timestampSeconds: Math.floor(now.getTime() / 1000),
      bodyJson: event.bodyJson,
    });
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
      const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
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

  function outcomeOf(result: AttemptResult, attemptNumber: number, now: Date): AttemptOutcome {
    if (result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300)
      return { kind: 'succeeded' };
    const delay = delayAfterAttemptMs(schedule, attemptNumber);
    return delay === null
      ? { kind: 'failed' }
      : { kind: 'retry', nextAttemptAt: new Date(now.getTime() + delay) };
  }

  async function attempt(claimed: ClaimedDelivery): Promise<void> {
    const result = await send(claimed);
    const now = clock.now();
    const attemptNumber = claimed.delivery.attemptCount;
    const outcome = outcomeOf(result, attemptNumber, now);
    await store.recordDeliveryAttempt({
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
    await trackEndpointHealth(claimed, outcome.kind === 'succeeded', now);
    logger.debug(
      {
        deliveryId: claimed.delivery.id,
        endpointId: claimed.endpoint.id,
        attemptNumber,
        statusCode: result.statusCode,
        outcome: outcome.kind,
      },
      'webhook attempt',
    );
  }

  async function trackEndpointHealth(claimed: ClaimedDelivery, succeeded: boolean, now: Date): Promise<void> {
    const { endpoint } = claimed;
    if (succeeded) {
      if (endpoint.failingSince !== null)
        await store.updateWebhookEndpoint(endpoint.id, { failingSince: null, updatedAt: now });
      return;
    }
    if (endpoint.failingSince === null) {
      await store.updateWebhookEndpoint(endpoint.id, { failingSince: now, updatedAt: now });
    } else if (now.getTime() - endpoint.failingSince.getTime() >= DISABLE_FAILING_ENDPOINT_AFTER_MS) {
      await store.updateWebhookEndpoint(endpoint.id, {
        enabled: false,
        disabledReason: 'failing',
        updatedAt: now,
      });
      logger.warn({ endpointId: endpoint.id }, 'webhook endpoint disabled after 5 days of failures');
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
      let attempted = 0;
      try {
        attempted = await runOnce();
      } catch (error) {
        logger.error({ err: error }, 'webhook worker round failed');
      }
      if (!running) break;
      if (attempted >= batchSize) continue;
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
