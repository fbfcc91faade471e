// The headline test of webhook delivery (docs/api.md §7, at least once), on either database: the real
// server, as a child process, is killed with SIGKILL part-way through 1,000 sandbox verifications while
// webhook requests are in flight, then restarted on the same database. Every acknowledged verification
// must still be there, and every event the database holds must reach the receiver: the ones whose
// attempts died with the process too (their lease runs out and the restarted server sends them again).
// Duplicates are allowed; losses are not.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { TestContext } from 'node:test';
import { z } from 'zod';
import { systemClock } from '../../src/core/clock.ts';
import { deriveServerSecrets } from '../../src/core/secrets.ts';
import { createPoyEndpoint } from '../../src/core/webhooks/manage-webhooks.ts';
import type { Store } from '../../src/store/store.ts';
import { createTestTenant } from '../harness.ts';
import { freePort, startPoy, waitUntilAnswering } from '../support/poy-process.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

const SECRET_KEY = 'crash-safety-test-secret-key-0123456789abcdef';
const VERIFICATIONS = 1_000;
const KILL_AFTER_ACCEPTED = 300;
const IN_FLIGHT = 10;
/** How long the receiver takes to answer, so webhook requests are in flight when the server dies. */
const RECEIVER_DELAY_MS = 40;

/** Where the server keeps its data, and how the test reads it when no server holds it. */
export interface CrashDatabase {
  /** DATABASE_URL or DATA_DIR for the server. */
  env: Record<string, string>;
  /** A store on the same database; the embedded one can be opened only while no server runs. */
  openStore(): Promise<Store>;
}

/** The servers this scenario started, so a failed test can stop them (poy-process.ts kills leftovers on exit). */
const children = new Set<ChildProcess>();

interface ServerChild {
  baseUrl: string;
  process: ChildProcess;
  output(): string;
}

async function startServerChild(database: CrashDatabase): Promise<ServerChild> {
  const port = await freePort();
  const poy = startPoy(['serve'], {
    ...database.env,
    PORT: String(port),
    POY_SECRET_KEY: SECRET_KEY,
    LOG_LEVEL: 'warn',
    WEBHOOK_WORKER: 'in-process',
    WEBHOOK_RETRY_BASE_SECONDS: '0.05',
    WEBHOOK_RETRY_MAX_SECONDS: '1',
    // A short lease, so the restarted server takes over the killed one's claims within a second.
    WEBHOOK_LEASE_SECONDS: '1',
  });
  children.add(poy.child);
  poy.child.on('exit', () => children.delete(poy.child));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(poy, `${baseUrl}/healthz`);
  // A port picked free a moment ago can be taken by another test's server before ours binds it; then
  // ours exits (address in use) while the other one answers. Only a live child counts.
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (poy.child.exitCode !== null || poy.child.signalCode !== null) {
    assert.fail(`the server exited right after /healthz answered (its port taken?):\n${poy.output()}`);
  }
  return { baseUrl, process: poy.child, output: poy.output };
}

async function stop(child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

export async function stopCrashScenarioChildren(): Promise<void> {
  for (const child of [...children]) await stop(child, 'SIGKILL');
}

const webhookBody = z.object({
  event: z.string(),
  timestamp: z.string(),
  data: z.object({ userId: z.string().nullable().optional() }).loose(),
});

/** Runs the whole scenario; the caller owns the database and calls stopCrashScenarioChildren after. */
export async function runCrashScenario(t: TestContext, database: CrashDatabase): Promise<void> {
  /** webhook-ids whose request the receiver is holding (answer not sent yet). */
  const holding = new Set<string>();
  const receiver: WebhookReceiver = await startWebhookReceiver(async (request) => {
    holding.add(request.webhookId);
    await new Promise((resolve) => setTimeout(resolve, RECEIVER_DELAY_MS));
    holding.delete(request.webhookId);
    return { status: 200 };
  });
  try {
    await runAgainst(t, database, receiver, holding);
  } finally {
    await stopCrashScenarioChildren();
    await receiver.close();
  }
}

async function runAgainst(
  t: TestContext,
  database: CrashDatabase,
  receiver: WebhookReceiver,
  holding: Set<string>,
): Promise<void> {
  // The tenant and the endpoint, written with the core against the server's database before it starts.
  const setupStore = await database.openStore();
  const tenant = await createTestTenant({ store: setupStore, clock: systemClock });
  const projectId = tenant.project.id;
  const created = await createPoyEndpoint(
    {
      store: setupStore,
      clock: systemClock,
      secrets: deriveServerSecrets(SECRET_KEY),
      policy: { enforce: false, allowedHosts: new Set() },
    },
    { projectId, mode: 'test', url: receiver.url, events: [] },
    { actor: { kind: 'system' }, accountId: tenant.project.accountId },
  );
  await setupStore.close();
  assert.ok(created.ok);
  const endpointId = created.value.endpoint.id;

  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  let server = await startServerChild(database);
  t.diagnostic(`server ready at ${elapsed()}`);
  const pending = Array.from({ length: VERIFICATIONS }, (_, index) => index);
  const accepted = new Set<number>();
  let killed = false;
  let heldAtKill: string[] = [];
  const failuresBeforeKill: string[] = [];
  const failuresAfterKill: string[] = [];

  /**
   * Up to IN_FLIGHT requests at a time; a request that fails goes back on the list and is tried again
   * after a pause. Bounded: a server that keeps refusing fails the test with the last error instead of
   * looping until CI's time runs out.
   */
  async function verify(baseUrl: string, stopWhen: () => boolean, withinMs: number): Promise<void> {
    const deadline = Date.now() + withinMs;
    const sender = async (): Promise<void> => {
      for (;;) {
        if (stopWhen()) return;
        if (Date.now() > deadline) {
          const last = failuresAfterKill.at(-1) ?? failuresBeforeKill.at(-1) ?? 'none';
          assert.fail(
            `${accepted.size} of ${VERIFICATIONS} verifications accepted within ${withinMs / 1000} s; ` +
              `last failure: ${last}\nserver output:\n${server.output()}`,
          );
        }
        const index = pending.shift();
        if (index === undefined) return;
        try {
          const response = await fetch(`${baseUrl}/api/poy/sandbox/outcome`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tenant.testKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ userId: `u-${index}`, outcome: 'verified' }),
            signal: AbortSignal.timeout(20_000),
          });
          const text = await response.text();
          // A request in flight when the server died may have committed without its answer arriving:
          // sent again, the sandbox refuses to overwrite the settled user, which means it was accepted.
          const settledBefore = response.status === 409 && text.includes('"user_already_settled"');
          if (response.status !== 200 && !(killed && settledBefore)) {
            throw new Error(`status ${response.status}: ${text.slice(0, 300)}`);
          }
          accepted.add(index);
        } catch (error) {
          pending.push(index);
          if (killed) failuresAfterKill.push(String(error));
          else failuresBeforeKill.push(String(error));
          if (stopWhen()) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  }

  // Phase 1: verifications until ~300 are accepted, then SIGKILL while webhook requests are in flight.
  const killer = (async () => {
    const deadline = Date.now() + 150_000;
    while (accepted.size < KILL_AFTER_ACCEPTED || holding.size === 0) {
      if (Date.now() > deadline)
        assert.fail(`no kill point: ${accepted.size} accepted, ${holding.size} held`);
      if (failuresBeforeKill.length > 0) assert.fail(`requests failed: ${failuresBeforeKill[0]}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    heldAtKill = [...holding];
    killed = true;
    server.process.kill('SIGKILL');
  })();
  await verify(server.baseUrl, () => killed || failuresBeforeKill.length > 0, 150_000);
  await killer;
  await stop(server.process, 'SIGKILL');
  const acceptedBeforeKill = [...accepted];
  assert.deepEqual(failuresBeforeKill, []);
  assert.ok(heldAtKill.length > 0);
  t.diagnostic(
    `killed at ${elapsed()} after ${acceptedBeforeKill.length} accepted verifications, ` +
      `${heldAtKill.length} webhook requests in flight`,
  );

  // Phase 2: restart on the same database. Every verification acknowledged before the kill is still
  // there: sent again, each is refused as already settled (the sandbox never overwrites a result).
  server = await startServerChild(database);
  t.diagnostic(`restarted at ${elapsed()}`);
  for (const index of acceptedBeforeKill.slice(0, 50)) {
    const response = await fetch(`${server.baseUrl}/api/poy/sandbox/outcome`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.testKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: `u-${index}`, outcome: 'verified' }),
    });
    assert.equal(
      response.status,
      409,
      `u-${index} was acknowledged before the kill: ${await response.text()}`,
    );
  }
  // Finish the verifications (including any cut off by the kill).
  await verify(server.baseUrl, () => false, 180_000);
  t.diagnostic(`all verifications accepted at ${elapsed()}`);
  assert.equal(accepted.size, VERIFICATIONS, `accepted ${accepted.size}; server output:\n${server.output()}`);

  // Wait (bounded) until the receiver holds every user's user.verified event, every request that died
  // with the first server was sent again, and nothing new has arrived for a second; then stop the server
  // (the embedded database is readable only then) and compare with what the database holds.
  const verifiedUsers = new Set<string>();
  let read = 0;
  let lastCount = -1;
  let quietSince = Date.now();
  const deadline = Date.now() + 120_000;
  for (;;) {
    for (; read < receiver.requests.length; read += 1) {
      const request = receiver.requests[read];
      if (request === undefined) break;
      const body = webhookBody.parse(JSON.parse(request.body.toString('utf8')));
      if (body.event === 'user.verified' && typeof body.data.userId === 'string')
        verifiedUsers.add(body.data.userId);
    }
    if (receiver.requests.length !== lastCount) {
      lastCount = receiver.requests.length;
      quietSince = Date.now();
    }
    const resent = heldAtKill.every((id) => (receiver.countsById.get(id) ?? 0) >= 2);
    if (
      verifiedUsers.size === VERIFICATIONS &&
      resent &&
      holding.size === 0 &&
      Date.now() - quietSince > 1_000
    )
      break;
    if (Date.now() > deadline) {
      assert.fail(
        `within 120 s: ${verifiedUsers.size} of ${VERIFICATIONS} users' user.verified received, ` +
          `resent after the crash: ${resent}; server output:\n${server.output()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop(server.process, 'SIGTERM');

  const store = await database.openStore();
  try {
    const events = (await store.listOutboxEvents({ projectId, mode: 'test', limit: 100_000 })).filter(
      (event) => event.surface === 'poy',
    );
    const deliveries = await store.listDeliveries({ endpointId, limit: 100_000 });
    const deliveryOfEvent = new Map(deliveries.map((delivery) => [delivery.eventId, delivery]));
    const missing = events.filter((event) => {
      const delivery = deliveryOfEvent.get(event.id);
      return !delivery || !receiver.countsById.has(delivery.id) || delivery.status !== 'succeeded';
    });
    assert.deepEqual(
      missing.map((event) => event.id),
      [],
    );
    assert.ok(events.length >= VERIFICATIONS);
    // One delivery per event (one endpoint, subscribed to everything), and nothing unknown received.
    assert.equal(deliveries.length, events.length);
    const known = new Set(deliveries.map((delivery) => delivery.id));
    assert.deepEqual(
      [...receiver.countsById.keys()].filter((id) => !known.has(id)),
      [],
    );
    for (let index = 0; index < VERIFICATIONS; index += 1) assert.ok(verifiedUsers.has(`u-${index}`));
    const duplicates = [...receiver.countsById.values()].filter((count) => count > 1).length;
    t.diagnostic(
      `all delivered at ${elapsed()}: ${events.length} events, ${receiver.countsById.size} distinct webhook-ids received, ` +
        `${receiver.requests.length} requests (${duplicates} ids more than once)`,
    );
  } finally {
    await store.close();
  }
}
