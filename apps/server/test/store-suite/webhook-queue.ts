// The webhook queue as the metrics scrape reads it: how many deliveries wait, and since when the
// oldest due one has been waiting. The query is not scoped to a tenant, so this part works in its own
// era (deliveries due before 1981, which no other part creates) and measures `pending` as a difference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { ClaimedDelivery, Store, WebhookAttempt } from '../../src/store/store.ts';
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

  describe('recording attempts in batches', () => {
    // Claims are not scoped to a tenant either: these tests claim only in their own era (deliveries due
    // before 1976, which no other part creates) and disable their endpoint when done, so nothing of
    // theirs stays in the queue the stats test above counts.
    const RECORD_ERA = new Date('1975-01-01T00:00:00.000Z');
    const inEra = (offset: number): Date => new Date(RECORD_ERA.getTime() + offset * 1000);

    async function enqueueDue(count: number): Promise<{ endpointId: string; ids: string[] }> {
      const { project } = await createTenant(store());
      const endpointId = await addEndpoint(store(), project.id);
      const ids: string[] = [];
      for (let index = 0; index < count; index += 1) {
        const eventId = createId('evt');
        await store().insertOutboxEvent({
          id: eventId,
          projectId: project.id,
          mode: 'test',
          surface: 'poy',
          eventType: 'suite.record',
          body: { index },
          createdAt: inEra(-60),
        });
        const id = createId('msg');
        ids.push(id);
        await store().insertWebhookDeliveries([
          {
            id,
            eventId,
            endpointId,
            projectId: project.id,
            mode: 'test',
            status: 'pending',
            nextAttemptAt: inEra(-60 + index),
            createdAt: inEra(-60),
          },
        ]);
      }
      return { endpointId, ids };
    }

    async function claimAt(now: Date, limit: number): Promise<ClaimedDelivery[]> {
      return store().claimDueDeliveries({ now, limit, leaseUntil: new Date(now.getTime() + 30_000) });
    }

    function attemptOf(
      claimed: ClaimedDelivery,
      at: Date,
      result: Pick<WebhookAttempt, 'statusCode' | 'error' | 'responseExcerpt'>,
    ): WebhookAttempt {
      return {
        id: createId('att'),
        deliveryId: claimed.delivery.id,
        attemptNumber: claimed.delivery.attemptCount,
        attemptedAt: at,
        durationMs: 12 + claimed.delivery.attemptCount,
        ...result,
      };
    }

    const done = (endpointId: string) =>
      store().updateWebhookEndpoint(endpointId, {
        enabled: false,
        disabledReason: 'manual',
        updatedAt: RECORD_ERA,
      });

    it('logs every attempt of a batch and settles each delivery by its own outcome, in input order', async () => {
      const { endpointId, ids } = await enqueueDue(3);
      const claimed = await claimAt(RECORD_ERA, 10);
      assert.deepEqual(claimed.map((entry) => entry.delivery.id).sort(), [...ids].sort());
      const byId = new Map(claimed.map((entry) => [entry.delivery.id, entry]));
      const [ok, retry, failed] = ids.map((id) => byId.get(id));
      assert.ok(ok && retry && failed);
      const attemptedAt = inEra(1);
      const retryAt = inEra(600);
      const batch = [
        {
          attempt: attemptOf(ok, attemptedAt, { statusCode: 200, error: null, responseExcerpt: 'fine' }),
          outcome: { kind: 'succeeded' as const },
        },
        {
          attempt: attemptOf(retry, attemptedAt, { statusCode: 503, error: null, responseExcerpt: 'busy' }),
          outcome: { kind: 'retry' as const, nextAttemptAt: retryAt },
        },
        {
          attempt: attemptOf(failed, attemptedAt, {
            statusCode: null,
            error: 'timeout',
            responseExcerpt: null,
          }),
          outcome: { kind: 'failed' as const },
        },
      ];
      const recorded = await store().recordDeliveryAttempts(batch);
      assert.deepEqual(
        recorded.map((delivery) => [delivery?.id, delivery?.status, delivery?.attemptCount]),
        [
          [ok.delivery.id, 'succeeded', 1],
          [retry.delivery.id, 'pending', 1],
          [failed.delivery.id, 'failed', 1],
        ],
      );
      assert.equal(recorded[0]?.completedAt?.toISOString(), attemptedAt.toISOString());
      assert.equal(recorded[0]?.nextAttemptAt, null);
      assert.equal(recorded[1]?.nextAttemptAt?.toISOString(), retryAt.toISOString());
      assert.equal(recorded[1]?.completedAt, null);
      assert.equal(recorded[2]?.completedAt?.toISOString(), attemptedAt.toISOString());

      const attempts = await store().listAttempts(ids);
      assert.deepEqual(
        attempts
          .map((attempt) => ({ ...attempt, attemptedAt: attempt.attemptedAt.toISOString() }))
          .sort((a, b) => a.id.localeCompare(b.id)),
        batch
          .map(({ attempt }) => ({ ...attempt, attemptedAt: attempt.attemptedAt.toISOString() }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      );
      // Only the retry is claimed again, once it is due.
      assert.deepEqual(await claimAt(inEra(300), 10), []);
      const again = await claimAt(inEra(601), 10);
      assert.deepEqual(
        again.map((entry) => [entry.delivery.id, entry.delivery.attemptCount]),
        [[retry.delivery.id, 2]],
      );
      assert.deepEqual(await store().recordDeliveryAttempts([]), []);
      await done(endpointId);
    });

    it('logs a superseded attempt without applying it, beside the attempt that holds the delivery', async () => {
      const { endpointId, ids } = await enqueueDue(1);
      const [first] = await claimAt(RECORD_ERA, 10);
      assert.ok(first);
      // The first attempt's lease (30 s) runs out while it is in flight; another claim takes over.
      const [second] = await claimAt(inEra(31), 10);
      assert.ok(second);
      assert.equal(second.delivery.attemptCount, 2);
      const retryAt = inEra(900);
      // The newer attempt's retry and the late success of the older one arrive in one batch.
      const recorded = await store().recordDeliveryAttempts([
        {
          attempt: attemptOf(second, inEra(32), { statusCode: 500, error: null, responseExcerpt: null }),
          outcome: { kind: 'retry', nextAttemptAt: retryAt },
        },
        {
          attempt: attemptOf(first, inEra(33), { statusCode: 200, error: null, responseExcerpt: 'late' }),
          outcome: { kind: 'succeeded' },
        },
      ]);
      for (const delivery of recorded) {
        assert.equal(delivery?.status, 'pending');
        assert.equal(delivery?.attemptCount, 2);
        assert.equal(delivery?.nextAttemptAt?.toISOString(), retryAt.toISOString());
      }
      const attempts = await store().listAttempts(ids);
      assert.deepEqual(
        attempts.map((attempt) => [attempt.attemptNumber, attempt.statusCode, attempt.responseExcerpt]),
        [
          [1, 200, 'late'],
          [2, 500, null],
        ],
      );
      await done(endpointId);
    });

    it('answers null for a delivery deleted during its attempt and records the rest of the batch', async () => {
      const kept = await enqueueDue(1);
      const gone = await enqueueDue(1);
      const claimed = await claimAt(RECORD_ERA, 10);
      const keptClaim = claimed.find((entry) => entry.delivery.id === kept.ids[0]);
      const goneClaim = claimed.find((entry) => entry.delivery.id === gone.ids[0]);
      assert.ok(keptClaim && goneClaim);
      assert.equal(await store().deleteWebhookEndpoint(gone.endpointId), true);
      const recorded = await store().recordDeliveryAttempts([
        {
          attempt: attemptOf(goneClaim, inEra(1), { statusCode: 200, error: null, responseExcerpt: null }),
          outcome: { kind: 'succeeded' },
        },
        {
          attempt: attemptOf(keptClaim, inEra(1), { statusCode: 200, error: null, responseExcerpt: null }),
          outcome: { kind: 'succeeded' },
        },
      ]);
      assert.equal(recorded[0], null);
      assert.equal(recorded[1]?.status, 'succeeded');
      assert.equal((await store().listAttempts(kept.ids)).length, 1);
      assert.deepEqual(await store().listAttempts(gone.ids), []);
      await done(kept.endpointId);
    });
  });
}
