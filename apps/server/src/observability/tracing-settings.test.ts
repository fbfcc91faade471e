import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config.ts';

const tracingOf = (env: Record<string, string>) => loadConfig(env).tracing;

describe('tracing settings (the OpenTelemetry variables)', () => {
  it('is off unless an OTLP endpoint is named or OTLP export is asked for', () => {
    assert.equal(tracingOf({}).enabled, false);
    assert.equal(tracingOf({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_SAMPLER: 'always_on' }).enabled, false);
    assert.equal(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).enabled, true);
    assert.equal(tracingOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }).enabled, true);
    assert.equal(tracingOf({ OTEL_TRACES_EXPORTER: 'otlp' }).enabled, true);
    // An empty value is unset, as everywhere in the configuration.
    assert.equal(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }).enabled, false);
  });

  it('OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none win over an endpoint', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    assert.equal(tracingOf({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).enabled, false);
    assert.equal(tracingOf({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' }).enabled, false);
    // The specification: any value other than "true" (case-insensitive) leaves the SDK enabled.
    assert.equal(tracingOf({ ...endpoint, OTEL_SDK_DISABLED: 'false' }).enabled, true);
    assert.equal(tracingOf({ ...endpoint, OTEL_SDK_DISABLED: '1' }).enabled, true);
    assert.equal(tracingOf({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).enabled, false);
  });

  it('resolves the traces URL as the specification does', () => {
    assert.equal(tracingOf({ OTEL_TRACES_EXPORTER: 'otlp' }).tracesUrl, 'http://localhost:4318/v1/traces');
    assert.equal(
      tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracesUrl,
      'http://collector:4318/v1/traces',
    );
    assert.equal(
      tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com/prefix' }).tracesUrl,
      'https://otlp.example.com/prefix/v1/traces',
    );
    // The signal-specific endpoint is used as is, and wins.
    assert.equal(
      tracingOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom',
      }).tracesUrl,
      'http://traces:9999/custom',
    );
  });

  it('defaults: service poy, parent-based always-on sampling, the batch processor defaults', () => {
    const settings = tracingOf({ OTEL_TRACES_EXPORTER: 'otlp' });
    assert.equal(settings.serviceName, 'poy');
    assert.equal(settings.sampler, 'parentbased_always_on');
    assert.equal(settings.samplerRatio, 1);
    assert.deepEqual(settings.batch, {
      scheduleDelayMs: 5_000,
      exportTimeoutMs: 30_000,
      maxQueueSize: 2_048,
      maxExportBatchSize: 512,
    });
    const custom = tracingOf({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_SERVICE_NAME: 'poy-eu',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    assert.equal(custom.serviceName, 'poy-eu');
    assert.equal(custom.sampler, 'parentbased_traceidratio');
    assert.equal(custom.samplerRatio, 0.25);
    assert.equal(custom.batch.scheduleDelayMs, 100);
  });

  it('refuses bad values at start, naming the variable', () => {
    for (const [name, value] of [
      ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
      ['OTEL_TRACES_SAMPLER', 'jaeger_remote'],
      ['OTEL_TRACES_SAMPLER_ARG', '1.5'],
      ['OTEL_TRACES_EXPORTER', 'zipkin'],
      ['OTEL_BSP_SCHEDULE_DELAY', 'soon'],
    ] as const) {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, new RegExp(name));
          return true;
        },
      );
    }
  });
});
