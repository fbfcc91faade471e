// Tracing off costs nothing: no OpenTelemetry SDK module is loaded, by the server's modules or by the
// start-up step. Tracing on: log lines written inside a span carry its ids, and only then.
import assert from 'node:assert/strict';
import { registerHooks } from 'node:module';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';

const resolved: string[] = [];
/**
 * prom-client (metrics) loads `@opentelemetry/api` itself, for exemplars: the API alone is a no-op
 * without an SDK, so that one import is not counted; anything else, or anything our code imports, is.
 */
const isPromClientApiImport = (specifier: string, parentUrl: string | undefined) =>
  specifier === '@opentelemetry/api' && (parentUrl ?? '').includes('/node_modules/prom-client/');
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('@opentelemetry/') && !isPromClientApiImport(specifier, context.parentURL)) {
      resolved.push(specifier);
    }
    return nextResolve(specifier, context);
  },
});

function collectLines(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => {
          const parsed: unknown = JSON.parse(line);
          assert.ok(parsed !== null && typeof parsed === 'object');
          return Object.fromEntries(Object.entries(parsed));
        }),
  };
}

describe('tracing', () => {
  it('off: the server loads no OpenTelemetry module, and log lines have no trace fields', async () => {
    const { loadConfig } = await import('../config.ts');
    await import('../main.ts');
    await import('../cli.ts');
    const { startTracingWhenEnabled } = await import('./tracing.ts');
    const config = loadConfig({ OTEL_SERVICE_NAME: 'poy-off' });
    assert.equal(await startTracingWhenEnabled(config.tracing), null);
    const { createLogger } = await import('../logger.ts');
    const { stream, lines } = collectLines();
    createLogger({ logLevel: 'info' }, stream).info('a line');
    assert.deepEqual(resolved, []);
    assert.equal(lines()[0]?.trace_id, undefined);
  });

  it('on: the SDK loads, and lines inside a span carry its trace and span ids (still redacted)', async () => {
    const { loadConfig } = await import('../config.ts');
    const { startTracingWhenEnabled } = await import('./tracing.ts');
    const config = loadConfig({
      // Nothing is exported: always_off spans are not recorded, but have valid ids.
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      OTEL_TRACES_SAMPLER: 'always_off',
    });
    const tracing = await startTracingWhenEnabled(config.tracing);
    assert.ok(tracing);
    assert.ok(resolved.includes('@opentelemetry/sdk-trace'));
    try {
      const { trace } = await import('@opentelemetry/api');
      const { createLogger } = await import('../logger.ts');
      const { stream, lines } = collectLines();
      const logger = createLogger({ logLevel: 'info' }, stream, tracing.logFields);
      logger.info('outside');
      const ids = trace.getTracer('test').startActiveSpan('work', (span) => {
        logger.info('inside, key poy_test_abcdefghijklmnopqrstuvwxyz012345');
        span.end();
        return span.spanContext();
      });
      const [outside, inside] = lines();
      assert.equal(outside?.trace_id, undefined);
      assert.equal(outside?.span_id, undefined);
      assert.equal(inside?.trace_id, ids.traceId);
      assert.equal(inside?.span_id, ids.spanId);
      assert.match(String(inside?.trace_id), /^[0-9a-f]{32}$/);
      assert.equal(inside?.msg, 'inside, key poy_test_[redacted]');
    } finally {
      await tracing.shutdown();
    }
  });
});
