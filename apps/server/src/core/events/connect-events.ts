// Connect webhook events (docs/api.md §4.5), written to the outbox inside the caller's transaction with
// the exact body that will be delivered, so retries and replays send the same bytes and the same
// transaction_id. The body's shape is @poy/wire's ConnectWebhookEvent, shared with the SDK.
import { randomUUID } from 'node:crypto';
import type {
  ConnectEventPayload,
  ConnectEventType,
  ConnectWebhookEvent,
  SimpleDataRequestResponse,
} from '@poy/wire';

import type { ConnectUser, StoreOperations, UnfulfillableReason } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';
import { enqueueWebhookDeliveries } from '../webhooks/enqueue-deliveries.ts';

/** The data the business asked for, once the user is verified; null otherwise. */
export function simpleDataRequestResponseOf(user: ConnectUser): SimpleDataRequestResponse | null {
  if (user.status !== 'VERIFIED') return null;
  if (user.dataRequestType === 'IS_PHONE_NUMBER_VERIFIED') {
    return { type: 'IS_PHONE_NUMBER_VERIFIED', is_phone_number_verified: true };
  }
  if (user.humannessScore === null || user.uniqueHumanId === null) return null;
  return {
    type: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
    humanness_score: user.humannessScore,
    unique_human_id: user.uniqueHumanId,
    uniqueness_region_id: user.uniquenessRegionId,
  };
}

export function connectEventPayload(
  type: ConnectEventType,
  user: ConnectUser,
  reason?: UnfulfillableReason,
): ConnectEventPayload[ConnectEventType] {
  switch (type) {
    case 'USER_VERIFICATION_COMPLETED':
      return { simple_data_request_response: simpleDataRequestResponseOf(user) };
    case 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE':
      return { reason: reason ?? user.unfulfillableReason };
    case 'USER_VERIFICATION_REVOKED':
    case 'USER_DELETED':
      return {};
  }
}

export async function recordConnectEvent(
  tx: StoreOperations,
  clock: Clock,
  input: { type: ConnectEventType; user: ConnectUser; reason?: UnfulfillableReason },
): Promise<void> {
  const createdAt = clock.now();
  // Key order is the delivered byte order (ConnectWebhookEvent).
  const body: Omit<ConnectWebhookEvent, 'payload'> & { payload: ConnectEventPayload[ConnectEventType] } = {
    transaction_id: `ewh:${randomUUID()}`,
    user_id: input.user.id,
    reference_user_id: input.user.referenceUserId,
    type: input.type,
    payload: connectEventPayload(input.type, input.user, input.reason),
    created_at: createdAt.toISOString(),
  };
  const id = createId('evt');
  await tx.insertOutboxEvent({
    id,
    projectId: input.user.projectId,
    mode: input.user.mode,
    surface: 'connect',
    eventType: input.type,
    body,
    createdAt,
  });
  await enqueueWebhookDeliveries(tx, {
    eventId: id,
    projectId: input.user.projectId,
    mode: input.user.mode,
    surface: 'connect',
    eventType: input.type,
    now: createdAt,
  });
}
