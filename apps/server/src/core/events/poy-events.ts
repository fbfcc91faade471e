// POY webhook events (docs/api.md §6): `{"event","timestamp","data"}` (the shape is @poy/wire's, shared
// with the SDK), written to the outbox inside the caller's transaction with the exact body that will be
// delivered.
import type { PoyEventData, PoyEventType } from '@poy/wire';
import type { KeyMode, StoreOperations } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';
import { enqueueWebhookDeliveries } from '../webhooks/enqueue-deliveries.ts';

export async function recordPoyEvent<E extends PoyEventType>(
  tx: StoreOperations,
  clock: Clock,
  input: { projectId: string; mode: KeyMode; event: E; data: PoyEventData[E] },
): Promise<void> {
  const createdAt = clock.now();
  const id = createId('evt');
  await tx.insertOutboxEvent({
    id,
    projectId: input.projectId,
    mode: input.mode,
    surface: 'poy',
    eventType: input.event,
    // Key order is the delivered byte order (PoyWebhookEvent): event, timestamp, data.
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
