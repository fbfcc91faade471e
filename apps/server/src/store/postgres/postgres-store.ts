// The Store on PostgreSQL SQL, shared by node-postgres and PGlite. The operations live in one slice
// per domain (<domain>-sql.ts); this file composes them and owns what spans them: transactions,
// LISTEN, and delivering invalidations to this process's subscribers.
import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from '../drivers/database-handle.ts';
import { encodeInvalidation, type Invalidation, parseInvalidation } from '../invalidation.ts';
import type { Store, StoreOperations } from '../store.ts';
import { createApiKeysOperations } from './api-keys-sql.ts';
import { createAuditOperations } from './audit-sql.ts';
import { createChallengesOperations } from './challenges-sql.ts';
import { createConnectUsersOperations } from './connect-users-sql.ts';
import { createDashboardSessionsOperations } from './dashboard-sessions-sql.ts';
import { createDeliveriesOperations } from './deliveries-sql.ts';
import { createDeliveryLogOperations } from './delivery-log-sql.ts';
import { createFaceTemplatesOperations } from './face-templates-sql.ts';
import { createHumansOperations } from './humans-sql.ts';
import { createIdempotencyOperations } from './idempotency-sql.ts';
import { createMembersOperations } from './members-sql.ts';
import { createOutboxOperations } from './outbox-sql.ts';
import type { Database } from './schema.ts';
import { createScopesOperations } from './scopes-sql.ts';
import { createSigningKeysOperations } from './signing-keys-sql.ts';
import type { AnnouncingTransaction, SqlScope } from './sql-scope.ts';
import { createStampsOperations } from './stamps-sql.ts';
import { createTeamOperations } from './team-sql.ts';
import { createTenancyOperations } from './tenancy-sql.ts';
import { createUsageOperations } from './usage-sql.ts';
import { createUserPasskeysOperations } from './user-passkeys-sql.ts';
import { createVerificationSearchOperations } from './verification-search-sql.ts';
import { createVerificationSessionsOperations } from './verification-sessions-sql.ts';
import { createWebhookEndpointsOperations } from './webhook-endpoints-sql.ts';

const INVALIDATION_CHANNEL = 'poy_invalidate';

/** Every slice over one scope: the database, or one open transaction. */
function createOperations(scope: SqlScope): StoreOperations {
  return {
    ...createTenancyOperations(scope),
    ...createApiKeysOperations(scope),
    ...createChallengesOperations(scope),
    ...createHumansOperations(scope),
    ...createConnectUsersOperations(scope),
    ...createVerificationSessionsOperations(scope),
    ...createScopesOperations(scope),
    ...createUserPasskeysOperations(scope),
    ...createSigningKeysOperations(scope),
    ...createStampsOperations(scope),
    ...createWebhookEndpointsOperations(scope),
    ...createDeliveriesOperations(scope),
    ...createDeliveryLogOperations(scope),
    ...createIdempotencyOperations(scope),
    ...createOutboxOperations(scope),
    ...createFaceTemplatesOperations(scope),
    ...createAuditOperations(scope),
    ...createUsageOperations(scope),
    ...createTeamOperations(scope),
    ...createMembersOperations(scope),
    ...createDashboardSessionsOperations(scope),
    ...createVerificationSearchOperations(scope),
  };
}

export async function createPostgresStore(
  handle: DatabaseHandle,
  options: { onListenError?: (error: Error) => void } = {},
): Promise<Store> {
  const { db } = handle;
  const handlers = new Set<(invalidation: Invalidation) => void>();
  const dispatch = (invalidation: Invalidation): void => {
    for (const handler of handlers) handler(invalidation);
  };
  const unlisten = await handle.listen(
    INVALIDATION_CHANNEL,
    (payload) => {
      const invalidation = parseInvalidation(payload);
      if (invalidation) dispatch(invalidation);
      else options.onListenError?.(new Error('Ignored a malformed invalidation payload'));
    },
    () => dispatch({ kind: 'all' }),
  );

  /**
   * Runs `fn` in one database transaction. What it announces is sent with NOTIFY inside it, and
   * delivered locally only after the commit (never on rollback).
   */
  async function runInTransaction<T>(fn: (tx: AnnouncingTransaction) => Promise<T>): Promise<T> {
    const announced: Invalidation[] = [];
    const result = await db.transaction().execute((trx) =>
      fn({
        db: trx,
        async announce(invalidation) {
          await notify(trx, invalidation);
          announced.push(invalidation);
        },
      }),
    );
    for (const invalidation of announced) dispatch(invalidation);
    return result;
  }

  // Alone, an announcing operation opens a transaction of its own, so the change and its NOTIFY
  // commit together.
  // Tracing on: deliveries remember the trace that enqueued them.
  const traced = handle.tracing ? { currentTraceparent: handle.tracing.currentTraceparent } : {};
  const operations = createOperations({
    db,
    ...traced,
    announcing:
      (operation) =>
      (...args) =>
        runInTransaction((tx) => operation(tx, ...args)),
  });

  function transaction<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T> {
    return runInTransaction((tx) =>
      fn(
        createOperations({
          db: tx.db,
          ...traced,
          announcing:
            (operation) =>
            (...args) =>
              operation(tx, ...args),
        }),
      ),
    );
  }

  return {
    ...operations,
    kind: handle.kind,
    transaction,
    poolStats: () => handle.poolStats(),

    async ping() {
      await sql`select 1`.execute(db);
    },

    async close() {
      await unlisten();
      await handle.close();
    },

    onInvalidation(handler) {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },
  };
}

async function notify(db: Kysely<Database>, invalidation: Invalidation): Promise<void> {
  await sql`select pg_notify(${INVALIDATION_CHANNEL}, ${encodeInvalidation(invalidation)})`.execute(db);
}
