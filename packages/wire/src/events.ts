// The bodies of webhook deliveries, as the server writes them and receivers parse them. POY events
// (docs/api.md §6) are `{"event","timestamp","data"}`; Connect events (docs/api.md §4) are snake_case
// with a `transaction_id`. The server stores each body once and delivers exactly those bytes, so the key
// order of the objects built from these types is part of the wire format too.

export const POY_EVENT_TYPES = [
  'user.verified',
  'user.failed',
  'user.expired',
  'stamp.created',
  'trust.changed',
  'passkey.registered',
] as const;

/** POY webhook event types (docs/api.md §6). */
export type PoyEventType = (typeof POY_EVENT_TYPES)[number];

/** A trust score's band. */
export type TrustLevel = 'high' | 'medium' | 'low' | 'none';

/** The `data` of each POY event. `userId` is your id for the user; null when a verification had none. */
export interface PoyEventData {
  'user.verified': { userId: string | null; poyId: string; trustScore: number };
  'user.failed': { userId: string | null; reason: 'DUPLICATE_HUMAN' | 'FAILED_CHECKS'; reasons: string[] };
  /** The invite ran out before the person finished; `reasons` is always `["EXPIRED"]`. */
  'user.expired': { userId: string; reason: 'EXPIRED'; reasons: string[] };
  'stamp.created': {
    stampId: string;
    userId: string;
    poyId: string;
    contentHash: string;
    contentType: string;
  };
  'trust.changed': {
    userId: string | null;
    poyId: string;
    previousTrustScore: number;
    trustScore: number;
    previousLevel: TrustLevel;
    level: TrustLevel;
  };
  'passkey.registered': { userId: string; credentialId: string };
}

/** A POY event body. `timestamp` is ISO-8601 UTC with milliseconds. */
export type PoyWebhookEvent = {
  [E in PoyEventType]: { event: E; timestamp: string; data: PoyEventData[E] };
}[PoyEventType];

/** What `POST /api/poy/webhooks/{id}/test` sends to that endpoint only. */
export interface PoyTestWebhookEvent {
  event: 'webhook.test';
  timestamp: string;
  data: { endpointId: string };
}

export const CONNECT_EVENT_TYPES = [
  'USER_VERIFICATION_COMPLETED',
  'USER_VERIFICATION_REVOKED',
  'USER_VERIFICATION_DETERMINED_UNFULFILLABLE',
  'USER_DELETED',
] as const;

/** Connect webhook event types (docs/api.md §4). */
export type ConnectEventType = (typeof CONNECT_EVENT_TYPES)[number];

/** Why a Connect verification cannot complete. */
export type UnfulfillableReason = 'DUPLICATE_HUMAN' | 'FAILED_CHECKS' | 'EXPIRED';

/** `simple_data_request_response` once verified: what the business asked for. */
export type SimpleDataRequestResponse =
  | {
      type: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID';
      humanness_score: number;
      unique_human_id: string;
      uniqueness_region_id: string | null;
    }
  | { type: 'IS_PHONE_NUMBER_VERIFIED'; is_phone_number_verified: true };

/** The `payload` of each Connect event. */
export interface ConnectEventPayload {
  USER_VERIFICATION_COMPLETED: { simple_data_request_response: SimpleDataRequestResponse | null };
  USER_VERIFICATION_REVOKED: Record<string, never>;
  USER_VERIFICATION_DETERMINED_UNFULFILLABLE: { reason: UnfulfillableReason | null };
  USER_DELETED: Record<string, never>;
}

/** A Connect event body. `transaction_id` is `ewh:` + a UUID, the same on every retry of the event. */
export type ConnectWebhookEvent = {
  [T in ConnectEventType]: {
    transaction_id: string;
    user_id: string;
    reference_user_id: string;
    type: T;
    payload: ConnectEventPayload[T];
    created_at: string;
  };
}[ConnectEventType];

/** What the Connect webhook test sends: no user, and the destination's event type. */
export interface ConnectTestWebhookEvent {
  transaction_id: string;
  user_id: null;
  reference_user_id: null;
  type: 'WEBHOOK_TEST';
  payload: { webhook_type: string | null };
  created_at: string;
}
