// POY webhook events (contract §6): `{"event","timestamp","data"}`, written to the outbox inside the
// caller's transaction with the exact body that will be delivered.
import type { KeyMode, StoreOperations } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';
import { enqueueWebhookDeliveries } from '../webhooks/enqueue-deliveries.ts';

export type PoyEventType =
  | 'user.verified'
  | 'user.failed'
  | 'stamp.created'
  | 'trust.changed'
  | 'passkey.registered';

export async function recordPoyEvent(
  tx: StoreOperations,
  clock: Clock,
  input: { projectId: string; mode: KeyMode; event: PoyEventType; data: Record<string, unknown> },
): Promise<void> {
  const createdAt = clock.now();
  const id = createId('evt');
  await tx.insertOutboxEvent({
    id,
    projectId: input.projectId,
    mode: input.mode,
    surface: 'poy',
    eventType: input.event,
    body: { event: input.event, timestamp: createdAt.toISOString(), data: input.data },
    createdAt,
  });
  await enqueueWebhookDeliveries(tx, {
    eventId: id,
    projectId: input.projectId,
    mode: input.mode,
    surface: 'poy',
    eventType: input.event,
    now: createdAt,
  });
}
