// The OpenTelemetry variables POY honours, as the OpenTelemetry specification names them, and the one
// rule that turns tracing on: an OTLP endpoint is named (or OTLP export is asked for outright), and the
// SDK is not disabled. Parsed with the rest of the environment in config.ts; nothing here loads the SDK.
import { z } from 'zod';

const emptyAsUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
const endpointUrl = z.url().refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');
const milliseconds = z.coerce.number().int().min(0).max(3_600_000);

/** Sampler names from the specification that the SDK ships (jaeger_remote and xray are not). */
export const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

export type TraceSampler = (typeof TRACE_SAMPLERS)[number];

/** Spread into config.ts's environment schema, so deployment files may name these variables. */
export const tracingEnvShape = {
  OTEL_SDK_DISABLED: optional(z.string()),
  OTEL_TRACES_EXPORTER: optional(z.enum(['otlp', 'none'])),
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(endpointUrl),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optional(endpointUrl),
  OTEL_SERVICE_NAME: optional(z.string().min(1)),
  OTEL_TRACES_SAMPLER: optional(z.enum(TRACE_SAMPLERS)),
  OTEL_TRACES_SAMPLER_ARG: optional(z.coerce.number().min(0).max(1)),
  OTEL_BSP_SCHEDULE_DELAY: optional(milliseconds),
  OTEL_BSP_EXPORT_TIMEOUT: optional(milliseconds),
  OTEL_BSP_MAX_QUEUE_SIZE: optional(z.coerce.number().int().positive()),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: optional(z.coerce.number().int().positive()),
  // Read by the OTLP exporter itself, with the specification's meaning; declared here so that
  // deployment files may set them (headers typically hold the collector's API key).
  OTEL_EXPORTER_OTLP_HEADERS: optional(z.string()),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: optional(z.string()),
  OTEL_EXPORTER_OTLP_TIMEOUT: optional(z.string()),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: optional(z.string()),
  OTEL_EXPORTER_OTLP_COMPRESSION: optional(z.string()),
  OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: optional(z.string()),
  OTEL_EXPORTER_OTLP_CERTIFICATE: optional(z.string()),
  OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: optional(z.string()),
  OTEL_EXPORTER_OTLP_CLIENT_KEY: optional(z.string()),
  OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: optional(z.string()),
  OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: optional(z.string()),
  OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE: optional(z.string()),
};

type TracingEnv = { [K in keyof typeof tracingEnvShape]?: z.output<(typeof tracingEnvShape)[K]> };

export interface TracingSettings {
  enabled: boolean;
  serviceName: string;
  /** Where spans are POSTed (OTLP/HTTP, JSON): the traces endpoint as given, or `<endpoint>/v1/traces`. */
  tracesUrl: string;
  sampler: TraceSampler;
  /** The ratio of the traceidratio samplers (the specification's default: 1.0). */
  samplerRatio: number;
  batch: {
    scheduleDelayMs: number;
    exportTimeoutMs: number;
    maxQueueSize: number;
    maxExportBatchSize: number;
  };
}

/** The specification's defaults, except that nothing is exported unless an endpoint is named. */
export function tracingSettingsOf(env: TracingEnv): TracingSettings {
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
  const endpointNamed =
    env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined;
  const exporter = env.OTEL_TRACES_EXPORTER;
  const enabled = !disabled && exporter !== 'none' && (endpointNamed || exporter === 'otlp');
  return {
    enabled,
    serviceName: env.OTEL_SERVICE_NAME ?? 'poy',
    tracesUrl: tracesUrlOf(env),
    sampler: env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on',
    samplerRatio: env.OTEL_TRACES_SAMPLER_ARG ?? 1,
    batch: {
      scheduleDelayMs: env.OTEL_BSP_SCHEDULE_DELAY ?? 5_000,
      exportTimeoutMs: env.OTEL_BSP_EXPORT_TIMEOUT ?? 30_000,
      maxQueueSize: env.OTEL_BSP_MAX_QUEUE_SIZE ?? 2_048,
      maxExportBatchSize: env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE ?? 512,
    },
  };
}

/** The signal-specific endpoint is used as is; the general one gets the signal's path appended. */
function tracesUrlOf(env: TracingEnv): string {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318';
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}
