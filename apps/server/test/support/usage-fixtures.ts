// Usage a test needs in the store: a webhook delivery with attempts at chosen times and outcomes (the
// delivery is settled, so no worker or claim in another test ever picks it up).
import { createId } from '../../src/core/ids.ts';
import type { KeyMode, StoreOperations } from '../../src/store/store.ts';

const SETUP_TIME = new Date('2030-05-01T12:00:00.000Z');

export async function addDeliveryWithAttempts(
  store: StoreOperations,
  input: {
    projectId: string;
    mode: KeyMode;
    attempts: ReadonlyArray<{ at: Date; status: number | null; ms: number }>;
  },
): Promise<void> {
  const endpointId = createId('we');
  await store.insertWebhookEndpoint({
    id: endpointId,
    projectId: input.projectId,
    mode: input.mode,
    surface: 'poy',
    url: 'https://hooks.example.com/usage',
    eventTypes: [],
    enabled: true,
    disabledReason: null,
    secretEncrypted: null,
    previousSecretEncrypted: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: SETUP_TIME,
    updatedAt: SETUP_TIME,
  });
  const eventId = createId('evt');
  await store.insertOutboxEvent({
    id: eventId,
    projectId: input.projectId,
    mode: input.mode,
    surface: 'poy',
    eventType: 'test.usage',
    body: { id: eventId },
    createdAt: SETUP_TIME,
  });
  const deliveryId = createId('msg');
  await store.insertWebhookDeliveries([
    {
      id: deliveryId,
      eventId,
      endpointId,
      projectId: input.projectId,
      mode: input.mode,
      status: 'succeeded',
      nextAttemptAt: null,
      createdAt: SETUP_TIME,
    },
  ]);
  await store.recordDeliveryAttempts(
    input.attempts.map((attempt, index) => ({
      attempt: {
        id: createId('att'),
        deliveryId,
        attemptNumber: index + 1,
        attemptedAt: attempt.at,
        durationMs: attempt.ms,
        statusCode: attempt.status,
        error: attempt.status === null ? 'timeout' : null,
        responseExcerpt: null,
      },
      outcome: { kind: 'succeeded' as const },
    })),
  );
}
