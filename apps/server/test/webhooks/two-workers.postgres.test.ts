// Two webhook workers, each with its own store (its own connection pool, like two `poy worker`
// processes), delivering from one PostgreSQL database at the same time. FOR UPDATE SKIP LOCKED and
// the lease must make every delivery go out exactly once while nothing fails: no attempt is made by
// both workers, none is skipped.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { pino } from 'pino';
import { systemClock } from '../../src/core/clock.ts';
import { recordPoyEvent } from '../../src/core/events/poy-events.ts';
import { deriveServerSecrets } from '../../src/core/secrets.ts';
import { createPoyEndpoint } from '../../src/core/webhooks/manage-webhooks.ts';
import { DEFAULT_RETRY_SCHEDULE } from '../../src/core/webhooks/retry-schedule.ts';
import { createWebhookWorker, type WebhookWorker } from '../../src/jobs/webhook-worker.ts';
import type { DatabaseHandle } from '../../src/store/drivers/database-handle.ts';
import { openPostgres } from '../../src/store/drivers/open-postgres.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { Store } from '../../src/store/store.ts';
import { createEmptyPostgresDatabase, createTestTenant } from '../harness.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

const SECRETS = deriveServerSecrets('two-workers-test-secret-key-0123456789abcd');
const POLICY = { enforce: false, allowedHosts: new Set<string>() };
const BEFORE_START = 200;
const WHILE_RUNNING = 100;

async function openReplica(url: string): Promise<{ handle: DatabaseHandle; store: Store }> {
  const handle = await openPostgres({ connectionString: url });
  await migrate(handle);
  return { handle, store: await createPostgresStore(handle) };
}

/** The store, with the deliveries it claims counted (to see that both workers took part). */
function countingClaims(store: Store, counter: { claimed: number }): Store {
  return {
    ...store,
    async claimDueDeliveries(input) {
      const claimed = await store.claimDueDeliveries(input);
      counter.claimed += claimed.length;
      return claimed;
    },
  };
}

describe('two webhook workers on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  let replicaA: { handle: DatabaseHandle; store: Store };
  let replicaB: { handle: DatabaseHandle; store: Store };
  let receiver: WebhookReceiver;
  const workers: WebhookWorker[] = [];

  before(async () => {
    database = await createEmptyPostgresDatabase();
    replicaA = await openReplica(database.url);
    replicaB = await openReplica(database.url);
    // A few milliseconds per request, so batches of both workers are in flight at the same time.
    receiver = await startWebhookReceiver(() => ({
      status: 200,
      delayMs: 2 + Math.floor(Math.random() * 4),
    }));
  });

  after(async () => {
    for (const worker of workers) await worker.stop();
    await receiver?.close();
    await replicaA?.store.close();
    await replicaB?.store.close();
    await database?.drop();
  });

  it(`delivers ${BEFORE_START + WHILE_RUNNING} deliveries exactly once each: one attempt per delivery, no duplicates`, async (t) => {
    const { store } = replicaA;
    const tenant = await createTestTenant({ store, clock: systemClock });
    const created = await createPoyEndpoint(
      { store, clock: systemClock, secrets: SECRETS, policy: POLICY },
      { projectId: tenant.project.id, mode: 'test', url: receiver.url, events: [] },
      { actor: { kind: 'system' }, accountId: tenant.project.accountId },
    );
    assert.ok(created.ok);
    const endpointId = created.value.endpoint.id;
    const emit = async (from: number, count: number): Promise<void> => {
      // Ten transactions at a time, each writing one event and its delivery.
      for (let start = from; start < from + count; start += 10) {
        await Promise.all(
          Array.from({ length: Math.min(10, from + count - start) }, (_, offset) =>
            store.transaction((tx) =>
              recordPoyEvent(tx, systemClock, {
                projectId: tenant.project.id,
                mode: 'test',
                event: 'user.verified',
                data: { userId: `u-${start + offset}`, poyId: 'PoY #00000B2', trustScore: 70 },
              }),
            ),
          ),
        );
      }
    };
    await emit(0, BEFORE_START);

    const counters = [{ claimed: 0 }, { claimed: 0 }];
    for (const [index, replica] of [replicaA, replicaB].entries()) {
      const counter = counters[index];
      assert.ok(counter);
      const worker = createWebhookWorker({
        store: countingClaims(replica.store, counter),
        clock: systemClock,
        secrets: SECRETS,
        logger: pino({ level: 'silent' }),
        schedule: DEFAULT_RETRY_SCHEDULE,
        policy: POLICY,
        batchSize: 20,
        pollIntervalMs: 50,
      });
      workers.push(worker);
    }
    for (const worker of workers) worker.start();
    // More deliveries while both loops run: announced to both, raced for by both.
    await emit(BEFORE_START, WHILE_RUNNING);

    const total = BEFORE_START + WHILE_RUNNING;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const deliveries = await store.listDeliveries({ endpointId, limit: total + 10 });
      if (deliveries.length === total && deliveries.every((delivery) => delivery.status === 'succeeded'))
        break;
      if (Date.now() > deadline) {
        const settled = deliveries.filter((delivery) => delivery.status === 'succeeded').length;
        assert.fail(`only ${settled} of ${total} deliveries succeeded within 60 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const worker of workers.splice(0)) await worker.stop();

    const deliveries = await store.listDeliveries({ endpointId, limit: total + 10 });
    assert.equal(deliveries.length, total);
    assert.ok(deliveries.every((delivery) => delivery.attemptCount === 1));

    // The receiver saw each webhook-id exactly once, and only those.
    assert.equal(receiver.requests.length, total, 'requests received');
    assert.equal(receiver.countsById.size, total);
    const twice = [...receiver.countsById.entries()].filter(([, count]) => count !== 1);
    assert.deepEqual(twice, []);
    assert.deepEqual(
      [...receiver.countsById.keys()].sort(),
      deliveries.map((delivery) => delivery.id).sort(),
    );

    // One attempt row per delivery, attempt number 1, no (delivery, attempt_number) twice.
    const { db } = replicaA.handle;
    const attempts = await sql<{ attempts: string; deliveries: string; first: string }>`
      select count(*) as attempts, count(distinct delivery_id) as deliveries,
             count(*) filter (where attempt_number = 1 and status_code = 200) as first
      from webhook_attempts`.execute(db);
    assert.deepEqual(attempts.rows[0], {
      attempts: String(total),
      deliveries: String(total),
      first: String(total),
    });
    const duplicates = await sql<{ delivery_id: string }>`
      select delivery_id from webhook_attempts
      group by delivery_id, attempt_number having count(*) > 1`.execute(db);
    assert.deepEqual(duplicates.rows, []);

    // Both workers took part (each claimed some), and together they claimed each delivery once.
    const [first, second] = counters;
    t.diagnostic(`claimed by worker A: ${first?.claimed}, by worker B: ${second?.claimed}`);
    assert.ok(first && second && first.claimed > 0 && second.claimed > 0, JSON.stringify(counters));
    assert.equal(first.claimed + second.claimed, total);
  });
});
