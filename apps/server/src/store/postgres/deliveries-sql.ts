// Webhook deliveries and attempts (docs/api.md §7). Enqueueing or requeueing is announced so idle
// workers wake at once; claiming is one SKIP LOCKED statement so no two workers take the same row.
import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type {
  ClaimedDelivery,
  DeliveriesStore,
  RecordedAttempt,
  WebhookAttempt,
  WebhookDelivery,
} from '../types/deliveries.ts';
import { toOutboxEvent } from './outbox-sql.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { modeSchema } from './sql-values.ts';
import { toConnectWebhookSecret, toWebhookEndpoint } from './webhook-endpoints-sql.ts';

export function createDeliveriesOperations(scope: SqlScope): DeliveriesStore {
  return { ...createDeliveryQueueOperations(scope), ...createDeliveryLogOperations(scope) };
}

type DeliveryLogOperations = Pick<DeliveriesStore, 'findDelivery' | 'listDeliveries' | 'listAttempts'>;

/** Enqueue, claim, settle and replay: the writes the workers and the replay route make. */
function createDeliveryQueueOperations({
  db,
  announcing,
  currentTraceparent,
}: SqlScope): Omit<DeliveriesStore, keyof DeliveryLogOperations> {
  return {
    insertWebhookDeliveries: announcing(async ({ db, announce }, deliveries) => {
      if (deliveries.length === 0) return;
      const traceparent = currentTraceparent?.() ?? null;
      await db
        .insertInto('webhook_deliveries')
        .values(
          deliveries.map((delivery) => ({
            id: delivery.id,
            event_id: delivery.eventId,
            endpoint_id: delivery.endpointId,
            project_id: delivery.projectId,
            mode: delivery.mode,
            status: delivery.status,
            attempt_count: 0,
            next_attempt_at: delivery.nextAttemptAt,
            created_at: delivery.createdAt,
            ...(traceparent ? { traceparent } : {}),
          })),
        )
        .execute();
      await announce({ kind: 'webhooks_due' });
    }),

    async claimDueDeliveries({ now, limit, leaseUntil }) {
      // One statement: the due rows are locked with SKIP LOCKED (another worker's rows are passed
      // over, never waited for or taken twice), counted as an attempt and leased in the same step.
      const claimed = await sql<Selectable<WebhookDeliveriesTable>>`
        with due as (
          select d.id from webhook_deliveries d
          join webhook_endpoints e on e.id = d.endpoint_id and e.enabled
          where d.status = 'pending' and d.next_attempt_at <= ${now}
          order by d.next_attempt_at
          limit ${limit}
          for update of d skip locked
        )
        update webhook_deliveries set
          attempt_count = webhook_deliveries.attempt_count + 1,
          next_attempt_at = ${leaseUntil},
          last_attempt_at = ${now}
        from due where webhook_deliveries.id = due.id
        returning webhook_deliveries.*`.execute(db);
      const rows = claimed.rows;
      if (rows.length === 0) return [];
      const traceparents = new Map(rows.map((row) => [row.id, row.traceparent]));
      const deliveries = rows.map(toWebhookDelivery);
      // What sending needs, read in parallel (on a pool, three connections at once): a claim's latency
      // is what paces a worker once sends and records overlap, so it costs two round trips, not five.
      const [eventRows, endpointRows, secretRows] = await Promise.all([
        db
          .selectFrom('outbox_events')
          .selectAll()
          .where('id', 'in', [...new Set(deliveries.map((delivery) => delivery.eventId))])
          .execute(),
        db
          .selectFrom('webhook_endpoints')
          .selectAll()
          .where('id', 'in', [...new Set(deliveries.map((delivery) => delivery.endpointId))])
          .execute(),
        db
          .selectFrom('connect_webhook_secrets')
          .selectAll()
          .where('project_id', 'in', [...new Set(deliveries.map((delivery) => delivery.projectId))])
          .execute(),
      ]);
      const events = new Map(eventRows.map((row) => [row.id, toOutboxEvent(row)]));
      const endpoints = new Map(endpointRows.map((row) => [row.id, toWebhookEndpoint(row)]));
      const secrets = new Map(
        secretRows.map((row) => [`${row.project_id}:${row.mode}`, toConnectWebhookSecret(row)]),
      );
      const result: ClaimedDelivery[] = [];
      for (const delivery of deliveries) {
        const event = events.get(delivery.eventId);
        const endpoint = endpoints.get(delivery.endpointId);
        if (!event || !endpoint) continue;
        result.push({
          delivery,
          event,
          endpoint,
          connectSecret: secrets.get(`${delivery.projectId}:${delivery.mode}`) ?? null,
          traceparent: traceparents.get(delivery.id) ?? null,
        });
      }
      return result;
    },

    async recordDeliveryAttempt(input) {
      const [delivery] = await recordDeliveryAttempts(db, [input]);
      if (!delivery) throw new Error(`delivery ${input.attempt.deliveryId} not found`);
      return delivery;
    },

    recordDeliveryAttempts: (batch) => recordDeliveryAttempts(db, batch),

    async webhookQueueStats(now) {
      // The claim's own filter (pending, endpoint enabled): a disabled endpoint's backlog is not work.
      const row = await sql<{ due: string | number; pending: string | number; oldest_due_at: Date | null }>`
        select
          count(*) filter (where d.next_attempt_at <= ${now}) as due,
          count(*) as pending,
          min(d.next_attempt_at) filter (where d.next_attempt_at <= ${now}) as oldest_due_at
        from webhook_deliveries d
        join webhook_endpoints e on e.id = d.endpoint_id and e.enabled
        where d.status = 'pending'`.execute(db);
      const stats = row.rows[0];
      return {
        due: Number(stats?.due ?? 0),
        pending: Number(stats?.pending ?? 0),
        oldestDueAt: stats?.oldest_due_at ? new Date(stats.oldest_due_at) : null,
      };
    },

    requeueDelivery: announcing(async ({ db, announce }, id, now) => {
      const row = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', next_attempt_at: now, completed_at: null })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await announce({ kind: 'webhooks_due' });
      return toWebhookDelivery(row);
    }),
  };
}

/** The attempts of a batch, as the statement reads them (jsonb_to_recordset). */
const attemptRecordSchema =
  'id text, delivery_id text, attempt_number integer, attempted_at timestamptz, ' +
  'duration_ms integer, status_code integer, error text, response_excerpt text, ' +
  'settles_as text, next_attempt_at timestamptz, completed_at timestamptz';

async function recordDeliveryAttempts(
  db: SqlScope['db'],
  batch: ReadonlyArray<RecordedAttempt>,
): Promise<Array<WebhookDelivery | null>> {
  if (batch.length === 0) return [];
  const input = JSON.stringify(
    batch.map(({ attempt, outcome }) => ({
      id: attempt.id,
      delivery_id: attempt.deliveryId,
      attempt_number: attempt.attemptNumber,
      attempted_at: attempt.attemptedAt.toISOString(),
      duration_ms: attempt.durationMs,
      status_code: attempt.statusCode,
      error: attempt.error,
      response_excerpt: attempt.responseExcerpt,
      settles_as: outcome.kind === 'retry' ? 'pending' : outcome.kind,
      next_attempt_at: outcome.kind === 'retry' ? outcome.nextAttemptAt.toISOString() : null,
      completed_at: outcome.kind === 'retry' ? null : attempt.attemptedAt.toISOString(),
    })),
  );
  // One statement logs every attempt and settles their deliveries, atomically and in one round trip
  // (one commit for the batch, which is what bounds a worker's deliveries per second). Only the
  // attempt holding a delivery settles it: one whose lease ran out while it was in flight (another
  // claim counted a newer attempt, or a replay requeued it) is logged but must not overwrite the newer
  // outcome, e.g. turn a success back into a pending retry. At most one attempt of a batch can match a
  // delivery's attempt_count, so no row is updated twice.
  const settled = await sql<Selectable<WebhookDeliveriesTable>>`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb) as a(${sql.raw(attemptRecordSchema)})
    ),
    logged as (
      insert into webhook_attempts (id, delivery_id, attempt_number, attempted_at, duration_ms,
        status_code, error, response_excerpt)
      select id, delivery_id, attempt_number, attempted_at, duration_ms, status_code, error,
        response_excerpt
      from input
      where exists (select 1 from webhook_deliveries kept where kept.id = input.delivery_id)
    )
    update webhook_deliveries d set
      status = input.settles_as,
      next_attempt_at = input.next_attempt_at,
      completed_at = input.completed_at
    from input
    where d.id = input.delivery_id and d.status = 'pending' and d.attempt_count = input.attempt_number
    returning d.*`.execute(db);
  const deliveries = new Map(settled.rows.map((row) => [row.id, toWebhookDelivery(row)]));
  // Superseded attempts (rare): their delivery as the newer attempt or the replay left it.
  const unsettled = [
    ...new Set(batch.map(({ attempt }) => attempt.deliveryId).filter((id) => !deliveries.has(id))),
  ];
  if (unsettled.length > 0) {
    const rows = await db.selectFrom('webhook_deliveries').selectAll().where('id', 'in', unsettled).execute();
    for (const row of rows) deliveries.set(row.id, toWebhookDelivery(row));
  }
  return batch.map(({ attempt }) => deliveries.get(attempt.deliveryId) ?? null);
}

/** The delivery log: what an endpoint was sent and every attempt, newest first. */
function createDeliveryLogOperations({ db }: SqlScope): DeliveryLogOperations {
  return {
    async findDelivery({ projectId, mode, id }) {
      const row = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', id)
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .executeTakeFirst();
      return row ? toWebhookDelivery(row) : null;
    },

    async listDeliveries({ endpointId, limit, before }) {
      let query = db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId);
      if (before !== undefined) {
        const anchor = await db
          .selectFrom('webhook_deliveries')
          .select(['created_at', 'id'])
          .where('id', '=', before)
          .where('endpoint_id', '=', endpointId)
          .executeTakeFirst();
        if (anchor) {
          query = query.where((eb) =>
            eb.or([
              eb('created_at', '<', anchor.created_at),
              eb.and([eb('created_at', '=', anchor.created_at), eb('id', '<', anchor.id)]),
            ]),
          );
        }
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toWebhookDelivery);
    },

    async listAttempts(deliveryIds) {
      if (deliveryIds.length === 0) return [];
      const rows = await db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('delivery_id', 'in', [...deliveryIds])
        .orderBy('delivery_id')
        .orderBy('attempt_number')
        .execute();
      return rows.map(toWebhookAttempt);
    },
  };
}

export function toWebhookDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    status: z.enum(['pending', 'succeeded', 'failed']).parse(row.status),
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
  };
}

export function toWebhookAttempt(row: Selectable<WebhookAttemptsTable>): WebhookAttempt {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    attemptNumber: row.attempt_number,
    attemptedAt: row.attempted_at,
    durationMs: row.duration_ms,
    statusCode: row.status_code,
    error: row.error,
    responseExcerpt: row.response_excerpt,
  };
}
