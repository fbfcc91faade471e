// Webhook deliveries (one per event and endpoint) and the log of their attempts.
import type { OutboxEvent } from './outbox.ts';
import type { KeyMode } from './tenancy.ts';
import type { ConnectWebhookSecret, WebhookEndpoint } from './webhook-endpoints.ts';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDelivery {
  /** The `webhook-id`: the same across retries and replays. */
  id: string;
  eventId: string;
  endpointId: string;
  projectId: string;
  mode: KeyMode;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
}

/** A delivery as enqueued: not attempted yet. */
export type NewWebhookDelivery = Omit<WebhookDelivery, 'attemptCount' | 'lastAttemptAt' | 'completedAt'>;

export interface WebhookAttempt {
  id: string;
  deliveryId: string;
  attemptNumber: number;
  attemptedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
}

/** A claimed delivery with what sending it needs. */
export interface ClaimedDelivery {
  delivery: WebhookDelivery;
  event: OutboxEvent;
  endpoint: WebhookEndpoint;
  connectSecret: ConnectWebhookSecret | null;
  /** The trace that enqueued the delivery (set only while tracing was on). */
  traceparent?: string | null;
}

export type AttemptOutcome =
  | { kind: 'succeeded' }
  | { kind: 'retry'; nextAttemptAt: Date }
  | { kind: 'failed' };

/** One finished attempt and what it means for its delivery (core/webhooks/delivery-policy.ts). */
export interface RecordedAttempt {
  attempt: WebhookAttempt;
  outcome: AttemptOutcome;
}

/** The queue as a scrape sees it: only deliveries a worker would claim (pending, endpoint enabled). */
export interface WebhookQueueStats {
  /** Due now and waiting for a worker. */
  due: number;
  /** Pending in all: due, waiting for a retry, or leased by a worker sending them. */
  pending: number;
  /** When the longest-waiting due delivery became due; null when none is due. */
  oldestDueAt: Date | null;
}

export interface DeliveriesStore {
  insertWebhookDeliveries(deliveries: ReadonlyArray<NewWebhookDelivery>): Promise<void>;
  /**
   * Claims up to `limit` due deliveries (FOR UPDATE SKIP LOCKED: concurrent workers never claim the
   * same one), counts the attempt and leases them until `leaseUntil`.
   */
  claimDueDeliveries(input: { now: Date; limit: number; leaseUntil: Date }): Promise<ClaimedDelivery[]>;
  /**
   * Records an attempt and settles or reschedules its delivery, but only if that attempt still holds
   * it (pending, and its latest attempt): a late result of a superseded attempt is logged, not applied.
   */
  recordDeliveryAttempt(input: RecordedAttempt): Promise<WebhookDelivery>;
  /**
   * recordDeliveryAttempt for many attempts in one statement (one commit instead of one per attempt):
   * each is logged, and settles its delivery only if it still holds it. Returns each attempt's
   * delivery as it now is, in input order; null for a delivery that no longer exists (its endpoint was
   * deleted while the attempt was in flight), whose attempt is not logged.
   */
  recordDeliveryAttempts(batch: ReadonlyArray<RecordedAttempt>): Promise<Array<WebhookDelivery | null>>;
  findDelivery(input: { projectId: string; mode: KeyMode; id: string }): Promise<WebhookDelivery | null>;
  listDeliveries(input: { endpointId: string; limit: number; before?: string }): Promise<WebhookDelivery[]>;
  listAttempts(deliveryIds: readonly string[]): Promise<WebhookAttempt[]>;
  /** Queue depth and the oldest due delivery, for the metrics scrape (one aggregate query). */
  webhookQueueStats(now: Date): Promise<WebhookQueueStats>;
  /** Makes a delivery due again now (replay); keeps its id; wakes the workers. */
  requeueDelivery(id: string, now: Date): Promise<WebhookDelivery>;
}
