// The webhook queue as the metrics scrape reads it: how many deliveries wait, and since when the
// oldest due one has been waiting. The query is not scoped to a tenant, so this part works in its own
// era (deliveries due before 1981, which no other part creates) and measures `pending` as a difference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { Store } from '../../src/store/store.ts';
import { createTenant } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';

const QUEUE_ERA = new Date('1981-01-01T00:00:00.000Z');
const seconds = (offset: number): Date => new Date(QUEUE_ERA.getTime() + offset * 1000);

async function addEndpoint(store: Store, projectId: string): Promise<string> {
  const id = createId('we');
  const inserted = await store.insertWebhookEndpoint({
    id,
    projectId,
    mode: 'test',
    surface: 'poy',
    url: 'https://hooks.example.com/poy',
    eventTypes: [],
    enabled: true,
    disabledReason: null,
    secretEncrypted: null,
    previousSecretEncrypted: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: QUEUE_ERA,
    updatedAt: QUEUE_ERA,
  });
  assert.ok(inserted);
  return id;
}

export function describeWebhookQueue({ store }: SuiteContext): void {
  describe('webhook queue stats', () => {
    it('counts due and pending deliveries of enabled endpoints and dates the oldest due one', async () => {
      const { project } = await createTenant(store());
      const endpointId = await addEndpoint(store(), project.id);
      const before = await store().webhookQueueStats(QUEUE_ERA);
      assert.equal(before.due, 0);
      assert.equal(before.oldestDueAt, null);

      const enqueue = async (status: 'pending' | 'succeeded', nextAttemptAt: Date | null): Promise<void> => {
        const eventId = createId('evt');
        await store().insertOutboxEvent({
          id: eventId,
          projectId: project.id,
          mode: 'test',
          surface: 'poy',
          eventType: 'suite.queue',
          body: { id: eventId },
          createdAt: seconds(-600),
        });
        await store().insertWebhookDeliveries([
          {
            id: createId('msg'),
            eventId,
            endpointId,
            projectId: project.id,
            mode: 'test',
            status,
            nextAttemptAt,
            createdAt: seconds(-600),
          },
        ]);
      };
      await enqueue('pending', seconds(-300)); // due for five minutes: the oldest
      await enqueue('pending', seconds(-60)); // due for a minute
      await enqueue('pending', seconds(3_600)); // a retry in an hour: pending, not due
      await enqueue('succeeded', null); // settled: not in the queue

      const stats = await store().webhookQueueStats(QUEUE_ERA);
      assert.equal(stats.due, 2);
      assert.equal(stats.pending - before.pending, 3);
      assert.equal(stats.oldestDueAt?.toISOString(), seconds(-300).toISOString());

      // A disabled endpoint's backlog is not claimed, so it is not queue depth either.
      await store().updateWebhookEndpoint(endpointId, {
        enabled: false,
        disabledReason: 'manual',
        updatedAt: QUEUE_ERA,
      });
      assert.deepEqual(await store().webhookQueueStats(QUEUE_ERA), before);
    });
  });
}
