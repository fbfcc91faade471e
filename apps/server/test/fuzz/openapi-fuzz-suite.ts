// Property-based fuzzing of every operation in the app's own OpenAPI document, on a real store.
// A real tenant with real keys (and a few real rows: a Connect user with its invite, a webhook
// endpoint) is set up through the API; then, per operation, fast-check generates requests of every
// shape (fuzz-request.ts) and each goes through `app.inject`. For every request: no 5xx; a 4xx is in
// its surface's error format (error-formats.ts); and a 4xx wrote nothing (the database fingerprint
// before and after is the same). The seed is fixed per operation, so a run is reproducible;
// POY_FUZZ_RUNS raises the number of requests per operation for a deeper local run, and
// POY_FUZZ_OPERATION (a substring of `METHOD /path`) narrows a run to reproduce one failure.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { PUBLIC_RATE_LIMITS } from '../../src/http/rate-limit-routes.ts';
import type { DatabaseHandle } from '../../src/store/drivers/database-handle.ts';
import { openPglite } from '../../src/store/drivers/open-pglite.ts';
import { openPostgres } from '../../src/store/drivers/open-postgres.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import {
  createEmptyPostgresDatabase,
  createTestApp,
  createTestTenant,
  pgliteTemplate,
  type StoreKind,
  type TestApp,
  type TestTenant,
} from '../harness.ts';
import { createDatabaseFingerprint, type Fingerprint } from './database-fingerprint.ts';
import { assertErrorFormat, surfaceOfPath } from './error-formats.ts';
import { type FuzzRequest, requestArbitrary } from './fuzz-request.ts';
import { listOperations, type Operation } from './openapi-operations.ts';
import type { KnownValues } from './schema-arbitrary.ts';
import { unstorableSweep } from './unstorable-sweep.ts';

const BASE_SEED = 0x504f59;
const RUNS_PER_OPERATION = Number(process.env.POY_FUZZ_RUNS ?? 50);
const ONLY_OPERATION = process.env.POY_FUZZ_OPERATION ?? '';

/** A stable seed per operation (FNV-1a of its id), so adding an operation does not reshuffle the rest. */
function seedOf(operation: Operation): number {
  let hash = 0x811c9dc5;
  for (const char of operation.id) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (hash ^ BASE_SEED) | 0;
}

interface OpenedDatabase {
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

async function openDatabase(kind: StoreKind): Promise<OpenedDatabase> {
  if (kind === 'pglite') {
    const handle = await openPglite({ loadDataDir: await pgliteTemplate() });
    return { handle, drop: async () => {} };
  }
  const database = await createEmptyPostgresDatabase();
  const handle = await openPostgres({ connectionString: database.url });
  await migrate(handle);
  return { handle, drop: () => database.drop() };
}

const registered = z.object({ invite_url: z.string(), user_id: z.string() });
const createdEndpoint = z.object({ id: z.string() });
const createdStamp = z.object({ stampId: z.string() });
const checked = z.object({ poyId: z.string() });

/** Real rows for the generators to aim at, created through the API as a client would. */
async function seedKnownValues(harness: TestApp, tenant: TestTenant): Promise<KnownValues> {
  async function call<T>(url: string, payload: unknown, schema: z.ZodType<T>, status = 200): Promise<T> {
    const headers = {
      'content-type': 'application/json',
      ...(url.startsWith('/v1/')
        ? { 'api-key': tenant.testKey }
        : { authorization: `Bearer ${tenant.testKey}` }),
    };
    const response = await harness.app.inject({
      method: payload === null ? 'GET' : 'POST',
      url,
      headers,
      ...(payload === null ? {} : { payload: JSON.stringify(payload) }),
    });
    assert.equal(response.statusCode, status, response.body);
    return schema.parse(response.json());
  }
  const register = (referenceUserId: string) =>
    call('/v1/business_connect_user/register', { reference_user_id: referenceUserId }, registered);
  const inviteCodeOf = (url: string) => new URL(url).pathname.split('/').pop() ?? '';
  const user = await register('fuzz-user-1');
  // The hosted flow gets users of its own, out of reach of the generated Connect and POY user ids.
  const flowCodes = [
    inviteCodeOf((await register('fuzz-flow-1')).invite_url),
    inviteCodeOf((await register('fuzz-flow-2')).invite_url),
  ];
  const endpointIds: string[] = [];
  for (const url of ['https://hooks.example.com/fuzz-1', 'https://hooks.example.com/fuzz-2']) {
    endpointIds.push((await call('/api/poy/webhooks', { url }, createdEndpoint, 201)).id);
  }
  // A verified user and one stamp: the first stamp also provisions the server's stamp signing key,
  // which is otherwise written by whichever stamp request comes first, refused or not.
  await call('/api/poy/sandbox/outcome', { userId: 'fuzz-user-1', outcome: 'verified' }, z.unknown());
  const contentHash = `sha256:${'ab'.repeat(32)}`;
  const stamp = await call(
    '/api/poy/stamps',
    { userId: 'fuzz-user-1', contentHash, contentType: 'text/plain' },
    createdStamp,
    201,
  );
  const { poyId } = await call('/api/poy/check?userId=fuzz-user-1', null, checked);
  const userIds = ['fuzz-user-1', 'fuzz-user-2'];
  const urls = ['https://hooks.example.com/fuzz-3', 'http://localhost:9/hook'];
  return new Map<string, string[]>([
    ['userId', userIds],
    ['reference_user_id', userIds],
    ['reference_id', userIds],
    ['user_id', [user.user_id]],
    ['code', flowCodes],
    ['id', endpointIds],
    ['url', urls],
    ['destination_url', urls],
    ['redirect_url', urls],
    ['stampId', [stamp.stampId]],
    ['contentHash', [contentHash]],
    ['poyId', [poyId]],
    ['platform', [tenant.project.publicId]],
  ]);
}

/** Operations that remove rows go last, so that the others still meet the seeded rows. */
function destructiveLast(operations: Operation[]): Operation[] {
  const destructive = (operation: Operation) =>
    operation.method === 'DELETE' || /\/(delete|revoke)$/.test(operation.path);
  return [...operations.filter((operation) => !destructive(operation)), ...operations.filter(destructive)];
}

function describeRequest(request: FuzzRequest): string {
  const payload = request.payload === undefined ? '' : ` ${JSON.stringify(request.payload.slice(0, 300))}`;
  return `${request.shape}: ${request.method} ${JSON.stringify(request.url.slice(0, 300))}${payload}`;
}

function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys(after).filter((table) => before[table] !== after[table]);
}

export function describeOpenApiFuzz(kind: StoreKind): void {
  describe(`OpenAPI fuzz on ${kind}: no 5xx, errors in the surface's format, refusals write nothing`, () => {
    let database: OpenedDatabase;
    let harness: TestApp;
    let tenant: TestTenant;
    let known: KnownValues;
    let fingerprint: () => Promise<Fingerprint>;
    before(async () => {
      database = await openDatabase(kind);
      const store = await createPostgresStore(database.handle);
      // The fuzz sends hundreds of requests to its two flow invites, from varied addresses: with the
      // production per-invite budget most would be answered 429 before reaching the route. That
      // limit has its own test (routes/route-rate-limits.security.test.ts).
      harness = await createTestApp({
        testStore: { store, close: () => store.close() },
        publicRateLimits: { ...PUBLIC_RATE_LIMITS, flowPerInvite: [{ limit: 1_000_000, windowSeconds: 60 }] },
      });
      tenant = await createTestTenant(harness);
      known = await seedKnownValues(harness, tenant);
      fingerprint = await createDatabaseFingerprint(database.handle.db);
    });
    after(async () => {
      await harness.close();
      await harness.store.close();
      await database.drop();
    });

    it('the fingerprint sees an insert, an update and a delete (so the fuzz can fail)', async () => {
      const send = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
        const response = await harness.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${tenant.testKey}` },
          ...(payload === undefined
            ? {}
            : {
                payload: JSON.stringify(payload),
                headers: {
                  authorization: `Bearer ${tenant.testKey}`,
                  'content-type': 'application/json',
                },
              }),
        });
        assert.ok(response.statusCode < 300, response.body);
        return response;
      };
      const initial = await fingerprint();
      const created = createdEndpoint.parse(
        (await send('POST', '/api/poy/webhooks', { url: 'https://hooks.example.com/probe' })).json(),
      );
      const inserted = await fingerprint();
      // Each change writes its audit event in the same transaction (docs/dashboard.md §8).
      assert.deepEqual(changedTables(initial, inserted), ['audit_events', 'webhook_endpoints']);
      await send('PATCH', `/api/poy/webhooks/${created.id}`, { enabled: false });
      const updated = await fingerprint();
      assert.deepEqual(changedTables(inserted, updated), ['audit_events', 'webhook_endpoints']);
      await send('DELETE', `/api/poy/webhooks/${created.id}`);
      assert.deepEqual(changedTables(updated, await fingerprint()), ['audit_events', 'webhook_endpoints']);
    });

    it('every place a string can go refuses U+0000 and unpaired surrogates with a 400', async (t) => {
      const operations = listOperations(harness.app.swagger());
      const keys = { test: tenant.testKey, live: tenant.liveKey };
      let last = await fingerprint();
      for (const operation of operations) {
        if (!operation.id.includes(ONLY_OPERATION)) continue;
        await t.test(operation.id, async (operationTest) => {
          const requests = unstorableSweep(operation, known, keys);
          for (const request of requests) {
            const context = `${describeRequest(request)} (${request.target})`;
            const response = await harness.app.inject({
              method: request.method,
              url: request.url,
              headers: request.headers,
              remoteAddress: request.remoteAddress,
              ...(request.payload === undefined ? {} : { payload: request.payload }),
            });
            const before = last;
            last = await fingerprint();
            assert.equal(response.statusCode, 400, `${context} → ${response.statusCode} ${response.body}`);
            const message = assertErrorFormat(surfaceOfPath(request.url), response, context);
            assert.match(message, /cannot be stored|URL is malformed/, context);
            assert.deepEqual(changedTables(before, last), [], `${context} wrote`);
          }
          operationTest.diagnostic(`${requests.length} places`);
        });
      }
    });

    it('every operation of the OpenAPI document', async (t) => {
      const operations = destructiveLast(listOperations(harness.app.swagger()));
      assert.ok(operations.length >= 40, `only ${operations.length} operations in the document`);
      const keys = { test: tenant.testKey, live: tenant.liveKey };
      let last = await fingerprint();
      for (const operation of operations) {
        if (!operation.id.includes(ONLY_OPERATION)) continue;
        await t.test(operation.id, async (operationTest) => {
          const statuses = new Map<number, number>();
          const property = fc.asyncProperty(requestArbitrary(operation, known, keys), async (request) => {
            const context = describeRequest(request);
            const response = await harness.app.inject({
              method: request.method,
              url: request.url,
              headers: request.headers,
              remoteAddress: request.remoteAddress,
              ...(request.payload === undefined ? {} : { payload: request.payload }),
            });
            const before = last;
            last = await fingerprint();
            statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
            assert.ok(response.statusCode < 500, `${context} → ${response.statusCode} ${response.body}`);
            if (response.statusCode < 400) return;
            assertErrorFormat(surfaceOfPath(request.url), response, context);
            const changed = changedTables(before, last);
            assert.deepEqual(
              changed,
              [],
              `${context} → ${response.statusCode} but wrote to ${changed.join(', ')}`,
            );
          });
          await fc.assert(property, {
            seed: seedOf(operation),
            numRuns: RUNS_PER_OPERATION,
            includeErrorInReport: true,
          });
          // What the requests reached, for a reader judging the generators (200×38 400×11 …).
          const summary = [...statuses]
            .sort(([a], [b]) => a - b)
            .map(([status, count]) => `${status}×${count}`);
          operationTest.diagnostic(`statuses: ${summary.join(' ')}`);
        });
      }
    });
  });
}
