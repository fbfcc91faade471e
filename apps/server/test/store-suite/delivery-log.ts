// The dashboard's delivery log: one project's deliveries in one mode, filtered and paged newest first,
// each with its latest attempt; per-endpoint counts; and the replay of failed deliveries in a range.
// Pending deliveries here are never due (no next attempt), and the endpoints are disabled once a test
// has requeued anything, so no other part's claims ever pick these rows up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { DeliveryStatus, Invalidation, KeyMode, Store, WebhookSurface } from '../../src/store/store.ts';
import { at, createTenant } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';

async function addEndpoint(
  store: Store,
  projectId: string,
  options: { mode?: KeyMode; surface?: WebhookSurface; url?: string } = {},
): Promise<string> {
  const id = createId('we');
  const surface = options.surface ?? 'poy';
  const inserted = await store.insertWebhookEndpoint({
    id,
    projectId,
    mode: options.mode ?? 'test',
    surface,
    url: options.url ?? `https://hooks.example.com/${id}`,
    eventTypes: surface === 'connect' ? ['USER_DELETED'] : [],
    enabled: true,
    disabledReason: null,
    secretEncrypted: null,
    previousSecretEncrypted: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: at(0),
    updatedAt: at(0),
  });
  assert.ok(inserted);
  return id;
}

interface DeliverySpec {
  projectId: string;
  endpointId: string;
  mode?: KeyMode;
  eventType?: string;
  status?: DeliveryStatus;
  createdAt: Date;
}

async function addDelivery(store: Store, spec: DeliverySpec): Promise<string> {
  const eventId = createId('evt');
  const mode = spec.mode ?? 'test';
  await store.insertOutboxEvent({
    id: eventId,
    projectId: spec.projectId,
    mode,
    surface: 'poy',
    eventType: spec.eventType ?? 'user.verified',
    body: { event: spec.eventType ?? 'user.verified' },
    createdAt: spec.createdAt,
  });
  const id = createId('msg');
  await store.insertWebhookDeliveries([
    {
      id,
      eventId,
      endpointId: spec.endpointId,
      projectId: spec.projectId,
      mode,
      status: spec.status ?? 'succeeded',
      // Never due: nothing here is for a worker to claim.
      nextAttemptAt: null,
      createdAt: spec.createdAt,
    },
  ]);
  return id;
}

/** Logs an attempt against a delivery (a settled one stays as it is: the attempt does not hold it). */
async function addAttempt(
  store: Store,
  deliveryId: string,
  attemptNumber: number,
  result: { statusCode: number | null; durationMs: number; error?: string | null; attemptedAt: Date },
): Promise<void> {
  await store.recordDeliveryAttempts([
    {
      attempt: {
        id: createId('att'),
        deliveryId,
        attemptNumber,
        attemptedAt: result.attemptedAt,
        durationMs: result.durationMs,
        statusCode: result.statusCode,
        error: result.error ?? null,
        responseExcerpt: 'ok',
      },
      outcome: { kind: 'failed' },
    },
  ]);
}

/** Waits until no invalidation has arrived for 150 ms (at most 3 s). */
async function settle(heard: readonly Invalidation[]): Promise<void> {
  const deadline = Date.now() + 3_000;
  let seen = -1;
  while (seen !== heard.length && Date.now() < deadline) {
    seen = heard.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const ids = (entries: ReadonlyArray<{ delivery: { id: string } }>) => entries.map((each) => each.delivery.id);

export function describeDeliveryLog({ store }: SuiteContext): void {
  describe('delivery log', () => {
    it('lists one project and mode only, newest first, with event, endpoint and latest attempt', async () => {
      const { project } = await createTenant(store());
      const other = await createTenant(store());
      const endpoint = await addEndpoint(store(), project.id, { url: 'https://hooks.example.com/a' });
      const liveEndpoint = await addEndpoint(store(), project.id, { mode: 'live' });
      const otherEndpoint = await addEndpoint(store(), other.project.id);
      const older = await addDelivery(store(), {
        projectId: project.id,
        endpointId: endpoint,
        eventType: 'stamp.created',
        status: 'failed',
        createdAt: at(10),
      });
      const newer = await addDelivery(store(), {
        projectId: project.id,
        endpointId: endpoint,
        status: 'pending',
        createdAt: at(20),
      });
      const live = await addDelivery(store(), {
        projectId: project.id,
        endpointId: liveEndpoint,
        mode: 'live',
        createdAt: at(30),
      });
      await addDelivery(store(), {
        projectId: other.project.id,
        endpointId: otherEndpoint,
        createdAt: at(40),
      });
      await addAttempt(store(), older, 1, { statusCode: 500, durationMs: 40, attemptedAt: at(11) });
      await addAttempt(store(), older, 2, {
        statusCode: null,
        durationMs: 15_000,
        error: 'timeout',
        attemptedAt: at(12),
      });

      const test = await store().listDeliveryLog({ projectId: project.id, mode: 'test', limit: 10 });
      assert.deepEqual(ids(test), [newer, older]);
      const [first, second] = test;
      assert.equal(first?.eventType, 'user.verified');
      assert.equal(first?.lastAttempt, null);
      assert.equal(second?.eventType, 'stamp.created');
      assert.equal(second?.surface, 'poy');
      assert.equal(second?.endpointUrl, 'https://hooks.example.com/a');
      assert.equal(second?.delivery.status, 'failed');
      assert.deepEqual(second?.lastAttempt, {
        attemptedAt: at(12),
        statusCode: null,
        durationMs: 15_000,
        error: 'timeout',
      });
      // Live shows live only; the test deliveries are not found under live, and vice versa.
      assert.deepEqual(
        ids(await store().listDeliveryLog({ projectId: project.id, mode: 'live', limit: 10 })),
        [live],
      );
      assert.equal(
        await store().findDeliveryLogEntry({ projectId: project.id, mode: 'live', id: older }),
        null,
      );
      assert.equal(
        await store().findDeliveryLogEntry({ projectId: project.id, mode: 'test', id: live }),
        null,
      );
      assert.equal(
        await store().findDeliveryLogEntry({ projectId: other.project.id, mode: 'test', id: older }),
        null,
      );
      const found = await store().findDeliveryLogEntry({ projectId: project.id, mode: 'test', id: older });
      assert.deepEqual(found, second);
    });

    it('filters by endpoint, event type, status and time, and pages by keyset', async () => {
      const { project } = await createTenant(store());
      const a = await addEndpoint(store(), project.id);
      const b = await addEndpoint(store(), project.id, { surface: 'connect' });
      const d1 = await addDelivery(store(), { projectId: project.id, endpointId: a, createdAt: at(100) });
      const d2 = await addDelivery(store(), {
        projectId: project.id,
        endpointId: b,
        eventType: 'USER_DELETED',
        status: 'failed',
        createdAt: at(200),
      });
      const d3 = await addDelivery(store(), {
        projectId: project.id,
        endpointId: a,
        eventType: 'trust.changed',
        status: 'failed',
        createdAt: at(300),
      });
      // Two at the same instant: the id breaks the tie, so pages neither skip nor repeat.
      const d4 = await addDelivery(store(), { projectId: project.id, endpointId: a, createdAt: at(400) });
      const d5 = await addDelivery(store(), { projectId: project.id, endpointId: a, createdAt: at(400) });
      const q = { projectId: project.id, mode: 'test' as const, limit: 10 };
      const list = async (extra: object) => ids(await store().listDeliveryLog({ ...q, ...extra }));

      assert.deepEqual(await list({ endpointId: b }), [d2]);
      assert.equal((await store().listDeliveryLog({ ...q, endpointId: b }))[0]?.surface, 'connect');
      assert.deepEqual(await list({ eventType: 'trust.changed' }), [d3]);
      assert.deepEqual(await list({ status: 'failed' }), [d3, d2]);
      assert.deepEqual(await list({ since: at(200), until: at(400) }), [d3, d2]);
      assert.deepEqual(await list({ endpointId: a, status: 'failed', since: at(0) }), [d3]);

      const all = await list({});
      assert.deepEqual(new Set(all.slice(0, 2)), new Set([d4, d5]));
      assert.deepEqual(all.slice(2), [d3, d2, d1]);
      const pages: string[] = [];
      let before: { createdAt: Date; id: string } | undefined;
      for (let page = 0; page < 5; page++) {
        const entries = await store().listDeliveryLog({ ...q, limit: 2, ...(before ? { before } : {}) });
        pages.push(...ids(entries));
        const last = entries.at(-1);
        if (entries.length < 2 || !last) break;
        before = { createdAt: last.delivery.createdAt, id: last.delivery.id };
      }
      assert.deepEqual(pages, all);
    });

    it('counts each endpoint’s deliveries by status since a time, in one mode', async () => {
      const { project } = await createTenant(store());
      const a = await addEndpoint(store(), project.id);
      const b = await addEndpoint(store(), project.id);
      const live = await addEndpoint(store(), project.id, { mode: 'live' });
      const add = (endpointId: string, status: DeliveryStatus, seconds: number, mode: KeyMode = 'test') =>
        addDelivery(store(), { projectId: project.id, endpointId, status, mode, createdAt: at(seconds) });
      await add(a, 'succeeded', 10);
      await add(a, 'succeeded', 11);
      await add(a, 'failed', 12);
      await add(a, 'failed', -10); // before the window
      await add(b, 'pending', 13);
      await add(live, 'failed', 14, 'live');
      const counts = await store().countEndpointDeliveries({
        projectId: project.id,
        mode: 'test',
        since: at(0),
      });
      assert.deepEqual(
        counts,
        [
          { endpointId: a, succeeded: 2, failed: 1, pending: 0 },
          { endpointId: b, succeeded: 0, failed: 0, pending: 1 },
        ].sort((x, y) => (x.endpointId < y.endpointId ? -1 : 1)),
      );
    });

    it('requeues only the failed deliveries of the range, mode and endpoint, and wakes the workers', async () => {
      const { project } = await createTenant(store());
      const a = await addEndpoint(store(), project.id);
      const b = await addEndpoint(store(), project.id);
      const live = await addEndpoint(store(), project.id, { mode: 'live' });
      const add = (endpointId: string, status: DeliveryStatus, seconds: number, mode: KeyMode = 'test') =>
        addDelivery(store(), { projectId: project.id, endpointId, status, mode, createdAt: at(seconds) });
      const inRange = await add(a, 'failed', 100);
      const otherEndpoint = await add(b, 'failed', 150);
      const succeeded = await add(a, 'succeeded', 120);
      const tooEarly = await add(a, 'failed', 50);
      const atEnd = await add(a, 'failed', 200);
      const liveFailed = await add(live, 'failed', 100, 'live');
      const heard: Invalidation[] = [];
      const unsubscribe = store().onInvalidation((invalidation) => heard.push(invalidation));
      const now = at(1_000);
      try {
        const range = { projectId: project.id, mode: 'test' as const, since: at(100), until: at(200), now };
        assert.equal(await store().requeueFailedDeliveries({ ...range, endpointId: a }), 1);
        assert.ok(heard.some((invalidation) => invalidation.kind === 'webhooks_due'));
        assert.equal(await store().requeueFailedDeliveries(range), 1);
        // On PostgreSQL this process also hears its own NOTIFYs back over LISTEN, a little later:
        // let those echoes arrive before listening for what the empty replay announces.
        await settle(heard);
        heard.length = 0;
        assert.equal(await store().requeueFailedDeliveries(range), 0);
        await settle(heard);
        assert.deepEqual(heard, [], 'nothing requeued, nothing announced');
      } finally {
        unsubscribe();
        for (const endpoint of [a, b, live]) {
          await store().updateWebhookEndpoint(endpoint, {
            enabled: false,
            disabledReason: 'manual',
            updatedAt: now,
          });
        }
      }
      const statusOf = async (id: string, mode: KeyMode = 'test') => {
        const delivery = await store().findDelivery({ projectId: project.id, mode, id });
        return [
          delivery?.status,
          delivery?.nextAttemptAt?.toISOString() ?? null,
          delivery?.completedAt ?? null,
        ];
      };
      assert.deepEqual(await statusOf(inRange), ['pending', now.toISOString(), null]);
      assert.deepEqual(await statusOf(otherEndpoint), ['pending', now.toISOString(), null]);
      assert.equal((await statusOf(succeeded))[0], 'succeeded');
      assert.equal((await statusOf(tooEarly))[0], 'failed');
      assert.equal((await statusOf(atEnd))[0], 'failed');
      assert.equal((await statusOf(liveFailed, 'live'))[0], 'failed');
    });
  });
}
