// The dashboard's delivery log: one project's webhook deliveries in one mode (never the other), filtered
// and paged newest first, each with its event type, endpoint and latest answer; per-endpoint counts for
// the health column; and the replay of every failed delivery of a time range.
import type { DeliveryStatus, WebhookDelivery } from './deliveries.ts';
import type { KeyMode } from './tenancy.ts';
import type { WebhookSurface } from './webhook-endpoints.ts';

export interface DeliveryLogQuery {
  projectId: string;
  mode: KeyMode;
  endpointId?: string;
  eventType?: string;
  status?: DeliveryStatus;
  /** Deliveries created at or after this time. */
  since?: Date;
  /** Deliveries created before this time. */
  until?: Date;
  /** Newest first; the page after this delivery (keyset pagination). */
  before?: { createdAt: Date; id: string };
  limit: number;
}

/** What the latest attempt of a delivery got back. */
export interface LastAttemptSummary {
  attemptedAt: Date;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

export interface DeliveryLogEntry {
  delivery: WebhookDelivery;
  eventType: string;
  surface: WebhookSurface;
  endpointUrl: string;
  /** Null until the first attempt is recorded. */
  lastAttempt: LastAttemptSummary | null;
}

/** Deliveries of one endpoint created since a time, by status: the health column of the endpoint list. */
export interface EndpointDeliveryCounts {
  endpointId: string;
  succeeded: number;
  failed: number;
  pending: number;
}

export interface DeliveryLogStore {
  listDeliveryLog(query: DeliveryLogQuery): Promise<DeliveryLogEntry[]>;
  findDeliveryLogEntry(input: {
    projectId: string;
    mode: KeyMode;
    id: string;
  }): Promise<DeliveryLogEntry | null>;
  countEndpointDeliveries(input: {
    projectId: string;
    mode: KeyMode;
    since: Date;
  }): Promise<EndpointDeliveryCounts[]>;
  /**
   * Makes every failed delivery of this project and mode created in [since, until) (of one endpoint,
   * when given) due again at `now`, keeping their ids; wakes the workers. Returns how many.
   */
  requeueFailedDeliveries(input: {
    projectId: string;
    mode: KeyMode;
    since: Date;
    until: Date;
    endpointId?: string;
    now: Date;
  }): Promise<number>;
}
