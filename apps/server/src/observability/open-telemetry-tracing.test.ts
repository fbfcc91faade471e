// The statement and webhook-attempt spans as exported (a local OTLP receiver): what they record, and
// that a driver's error message, SQL parameters, and a receiver's path and query never reach them.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { trace } from '@opentelemetry/api';
import { attributeOf, startTraceReceiver } from '../../test/support/otlp-receiver.ts';
import { loadConfig } from '../config.ts';
import { startOpenTelemetryTracing } from './open-telemetry-tracing.ts';

const E_MAIL = 'jane.doe@example.com';

describe('OpenTelemetry spans for statements and webhook attempts', () => {
  it('record the SQL text and SQLSTATE, the destination host and status: nothing else', async () => {
    const receiver = await startTraceReceiver();
    const tracing = startOpenTelemetryTracing(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '10' }).tracing,
    );
    try {
      const { database } = tracing;
      // Outside any trace: run, but no span and no traceparent.
      assert.equal(await database.traceStatement('select 1', async () => 'untraced'), 'untraced');
      assert.equal(database.currentTraceparent(), null);

      const tracer = trace.getTracer('test');
      const { traceparent, parent } = await tracer.startActiveSpan('request', async (span) => {
        const rows = await database.traceStatement(
          'select * from "humans" where "email_hash" = $1',
          async () => ['row'],
        );
        assert.deepEqual(rows, ['row']);
        const failure = Object.assign(new Error(`duplicate key value: (email)=(${E_MAIL})`), {
          code: '23505',
        });
        await assert.rejects(
          database.traceStatement('insert into "humans" ("email") values ($1)', async () => {
            throw failure;
          }),
          (error) => error === failure,
        );
        const current = database.currentTraceparent();
        span.end();
        return { traceparent: current, parent: span.spanContext() };
      });
      assert.equal(traceparent, `00-${parent.traceId}-${parent.spanId}-01`);

      // The attempt, later and elsewhere, joins the trace of the request that enqueued it.
      const attempt = await tracing.traceDeliveryAttempt(
        { url: 'https://hooks.example.com:8443/services/T0/PATHSECRET?token=QUERYSECRET', traceparent },
        async () => ({ statusCode: 503, error: null, responseExcerpt: E_MAIL, durationMs: 3 }),
      );
      assert.equal(attempt.statusCode, 503);
      const orphan = await tracing.traceDeliveryAttempt(
        { url: 'http://[::1]/hook', traceparent: null },
        async () => ({ statusCode: null, error: 'ECONNREFUSED', responseExcerpt: null, durationMs: 1 }),
      );
      assert.equal(orphan.error, 'ECONNREFUSED');

      await tracing.shutdown();
      const spans = receiver.spans;
      assert.deepEqual(spans.map((span) => span.name).sort(), [
        'INSERT',
        'POST',
        'POST',
        'SELECT',
        'request',
      ]);

      const select = spans.find((span) => span.name === 'SELECT');
      assert.ok(select);
      assert.equal(select.traceId, parent.traceId);
      assert.equal(select.parentSpanId, parent.spanId);
      assert.equal(attributeOf(select, 'db.system'), 'postgresql');
      assert.equal(attributeOf(select, 'db.query.text'), 'select * from "humans" where "email_hash" = $1');
      assert.equal(attributeOf(select, 'error.type'), undefined);

      const insert = spans.find((span) => span.name === 'INSERT');
      assert.ok(insert);
      assert.equal(attributeOf(insert, 'error.type'), '23505');
      assert.equal(Reflect.get(Object(insert.status), 'code'), 2);

      const [sent, unanswered] = [
        spans.find((span) => span.name === 'POST' && span.traceId === parent.traceId),
        spans.find((span) => span.name === 'POST' && span.traceId !== parent.traceId),
      ];
      assert.ok(sent && unanswered);
      assert.equal(sent.parentSpanId, parent.spanId);
      assert.equal(attributeOf(sent, 'server.address'), 'hooks.example.com');
      assert.equal(attributeOf(sent, 'server.port'), 8443);
      assert.equal(attributeOf(sent, 'http.response.status_code'), 503);
      assert.equal(attributeOf(sent, 'error.type'), '503');
      assert.equal(unanswered.parentSpanId ?? '', '');
      assert.equal(attributeOf(unanswered, 'server.address'), '::1');
      assert.equal(attributeOf(unanswered, 'server.port'), 80);
      assert.equal(attributeOf(unanswered, 'error.type'), 'no_response');

      const exported = receiver.raw.join('\n');
      for (const secret of [E_MAIL, 'duplicate key', 'PATHSECRET', 'QUERYSECRET', '/services', '/hook']) {
        assert.ok(!exported.includes(secret), `exported spans contain ${secret}`);
      }
    } finally {
      await tracing.shutdown();
      await receiver.close();
    }
  });

  it('a caller without a valid traceparent starts a new trace', async () => {
    const receiver = await startTraceReceiver();
    const tracing = startOpenTelemetryTracing(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '10' }).tracing,
    );
    try {
      const bogus = `00-${'0'.repeat(32)}-${randomBytes(8).toString('hex')}-01`;
      await tracing.traceDeliveryAttempt({ url: 'http://example.com/x', traceparent: bogus }, async () => ({
        statusCode: 204,
        error: null,
        responseExcerpt: null,
        durationMs: 1,
      }));
      await tracing.shutdown();
      const [span] = receiver.spans;
      assert.ok(span);
      assert.notEqual(span.traceId, '0'.repeat(32));
      assert.equal(span.parentSpanId ?? '', '');
      assert.equal(attributeOf(span, 'error.type'), undefined);
    } finally {
      await tracing.shutdown();
      await receiver.close();
    }
  });
});
