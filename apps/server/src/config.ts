// The environment, parsed once at boot by one schema. A bad value stops the process at start with a
// message naming the variable; production mode additionally refuses to run on development secrets.
import { z } from 'zod';
import {
  type TracingSettings,
  tracingEnvShape,
  tracingSettingsOf,
} from './observability/tracing-settings.ts';

export type RuntimeMode = 'development' | 'production';

export interface Config {
  mode: RuntimeMode;
  port: number;
  host: string;
  /** Base of every link the service hands out (invite, enrollment, profile); no trailing slash. */
  publicUrl: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  /** Server secret from which keyed hashes and other server keys are derived. */
  secretKey: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Fastify's trustProxy: false, true, a comma list of addresses/CIDRs, or a function of the hop count. */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  bodyLimitBytes: number;
  /** How long an invite stays usable (docs/api.md §4.1 default: 7 days). */
  inviteTtlSeconds: number;
  webhooks: {
    /** Deliver from inside the server process (default); off when `poy worker` processes do it. */
    workerInProcess: boolean;
    /** Hosts that may be webhook destinations even though they resolve to private addresses. */
    allowedHosts: string[];
    /** First retry gap and the cap (docs/api.md §7: capped at 6 hours); tests compress these. */
    retryBaseSeconds: number;
    retryMaxSeconds: number;
    /**
     * How long a claimed delivery stays reserved for the worker sending it; after a crash it is sent
     * again once this runs out. Keep it above the 15 s request timeout (a shorter lease lets a slow
     * attempt be sent twice: still at least once); tests shorten it to restart quickly.
     */
    leaseSeconds: number;
  };
  /**
   * After SIGTERM/SIGINT: how long draining may take (requests in flight, webhook attempts, closing
   * the store) before the process gives up and exits 1. Above the 15 s webhook timeout, under
   * Kubernetes' default 30 s termination grace period.
   */
  shutdownGraceSeconds: number;
  metrics: {
    /** Serve Prometheus text at /metrics. */
    enabled: boolean;
    /** When set, /metrics answers only `Authorization: Bearer <token>`. */
    bearerToken: string | undefined;
  };
  /** `poy worker`: a port for /healthz, /readyz and /metrics; no listener when unset. */
  workerPort: number | undefined;
  /** Serve HTTPS with this PEM certificate and key (both or neither); main.ts reads the files. */
  tls: { certFile: string; keyFile: string } | undefined;
  /** OpenTelemetry traces: off unless an OTLP endpoint is configured (docs/operations.md, Tracing). */
  tracing: TracingSettings;
  /**
   * Face uniqueness: cosine similarity of two face templates at or above which they are the same
   * person, and at or above which (but below the first) a person must review (docs/face-search.md).
   */
  faceMatch: { sameMinSimilarity: number; reviewMinSimilarity: number };
  /** Worker threads analysing camera frames, each with its own copy of the face models (docs/face-matching.md). */
  faceAnalysisThreads: number;
}

/** Used only in development when POY_SECRET_KEY is unset; production refuses it. */
export const DEVELOPMENT_SECRET_KEY = 'poy-development-secret-do-not-use-in-production';

const emptyAsUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

const databaseUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');
const redisUrl = z
  .string()
  .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL');
const httpUrl = z
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL')
  .transform((value) => value.replace(/\/+$/, ''));

const envSchema = z.object({
  POY_MODE: optional(z.enum(['development', 'production'])),
  NODE_ENV: optional(z.string()),
  PORT: optional(z.coerce.number().int().min(0).max(65_535)),
  HOST: optional(z.string().min(1)),
  PUBLIC_URL: optional(httpUrl),
  DATABASE_URL: optional(databaseUrl),
  REDIS_URL: optional(redisUrl),
  DATA_DIR: optional(z.string().min(1)),
  POY_SECRET_KEY: optional(z.string().min(32, 'must be at least 32 characters')),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  TRUST_PROXY: optional(z.string()),
  WEBHOOK_WORKER: optional(z.enum(['in-process', 'off'])),
  WEBHOOK_ALLOWED_HOSTS: optional(z.string()),
  WEBHOOK_RETRY_BASE_SECONDS: optional(z.coerce.number().positive().max(3_600)),
  WEBHOOK_RETRY_MAX_SECONDS: optional(
    z.coerce
      .number()
      .positive()
      .max(6 * 3_600),
  ),
  WEBHOOK_LEASE_SECONDS: optional(z.coerce.number().positive().max(3_600)),
  SHUTDOWN_GRACE_SECONDS: optional(z.coerce.number().positive().max(3_600)),
  METRICS_ENABLED: optional(z.enum(['true', 'false'])),
  METRICS_BEARER_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  TLS_CERT_FILE: optional(z.string().min(1)),
  TLS_KEY_FILE: optional(z.string().min(1)),
  WORKER_PORT: optional(z.coerce.number().int().min(0).max(65_535)),
  FACE_ANALYSIS_THREADS: optional(z.coerce.number().int().min(1).max(64)),
  INVITE_TTL_SECONDS: optional(
    z.coerce
      .number()
      .int()
      .min(60)
      .max(90 * 86_400),
  ),
  BODY_LIMIT_BYTES: optional(
    z.coerce
      .number()
      .int()
      .min(1_024)
      .max(10 * 1_048_576),
  ),
  FACE_MATCH_SAME_MIN_SIMILARITY: optional(z.coerce.number().min(0).max(1)),
  FACE_MATCH_REVIEW_MIN_SIMILARITY: optional(z.coerce.number().min(0).max(1)),
  ...tracingEnvShape,
});

// Placeholders until measured on the production embedding model; the deployment sets the real ones.
const DEFAULT_FACE_SAME_MIN_SIMILARITY = 0.7;
const DEFAULT_FACE_REVIEW_MIN_SIMILARITY = 0.6;

/** Every environment variable the server reads; the deployment files are checked against this list. */
export const CONFIGURATION_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number.parseInt(value, 10);
    // Trust the first `hops` proxies in front of the server, as Express and Fastify document it.
    return (_address, hop) => hop < hops;
  }
  return value;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  const mode: RuntimeMode =
    values.POY_MODE ?? (values.NODE_ENV === 'production' ? 'production' : 'development');
  const port = values.PORT ?? 8080;
  const problems: string[] = [];
  if (mode === 'production') {
    if (!values.POY_SECRET_KEY)
      problems.push('POY_SECRET_KEY: required in production (32+ random characters)');
    if (!values.PUBLIC_URL) problems.push('PUBLIC_URL: required in production (the address people reach)');
  }
  if ((values.TLS_CERT_FILE === undefined) !== (values.TLS_KEY_FILE === undefined)) {
    problems.push('TLS_CERT_FILE, TLS_KEY_FILE: set both (a PEM certificate and its private key) or neither');
  }
  const faceMatch = {
    sameMinSimilarity: values.FACE_MATCH_SAME_MIN_SIMILARITY ?? DEFAULT_FACE_SAME_MIN_SIMILARITY,
    reviewMinSimilarity: values.FACE_MATCH_REVIEW_MIN_SIMILARITY ?? DEFAULT_FACE_REVIEW_MIN_SIMILARITY,
  };
  if (faceMatch.reviewMinSimilarity > faceMatch.sameMinSimilarity) {
    problems.push(
      'FACE_MATCH_REVIEW_MIN_SIMILARITY: must not exceed FACE_MATCH_SAME_MIN_SIMILARITY ' +
        `(${faceMatch.reviewMinSimilarity} > ${faceMatch.sameMinSimilarity})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const tls =
    values.TLS_CERT_FILE && values.TLS_KEY_FILE
      ? { certFile: values.TLS_CERT_FILE, keyFile: values.TLS_KEY_FILE }
      : undefined;

  return {
    mode,
    port,
    host: values.HOST ?? (mode === 'production' ? '0.0.0.0' : '127.0.0.1'),
    publicUrl: values.PUBLIC_URL ?? `${tls ? 'https' : 'http'}://localhost:${port}`,
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    dataDir: values.DATA_DIR ?? './data',
    secretKey: values.POY_SECRET_KEY ?? DEVELOPMENT_SECRET_KEY,
    logLevel: values.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(values.TRUST_PROXY),
    bodyLimitBytes: values.BODY_LIMIT_BYTES ?? 102_400,
    inviteTtlSeconds: values.INVITE_TTL_SECONDS ?? 7 * 86_400,
    webhooks: {
      workerInProcess: (values.WEBHOOK_WORKER ?? 'in-process') === 'in-process',
      allowedHosts: (values.WEBHOOK_ALLOWED_HOSTS ?? '')
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter((host) => host.length > 0),
      retryBaseSeconds: values.WEBHOOK_RETRY_BASE_SECONDS ?? 5,
      retryMaxSeconds: values.WEBHOOK_RETRY_MAX_SECONDS ?? 6 * 3_600,
      leaseSeconds: values.WEBHOOK_LEASE_SECONDS ?? 60,
    },
    shutdownGraceSeconds: values.SHUTDOWN_GRACE_SECONDS ?? 25,
    metrics: {
      enabled: (values.METRICS_ENABLED ?? 'true') === 'true',
      bearerToken: values.METRICS_BEARER_TOKEN,
    },
    workerPort: values.WORKER_PORT,
    tls,
    tracing: tracingSettingsOf(values),
    faceMatch,
    faceAnalysisThreads: values.FACE_ANALYSIS_THREADS ?? 1,
  };
}
