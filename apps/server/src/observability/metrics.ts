// Prometheus metrics for one app or worker: a registry of its own (never prom-client's global one, so
// several apps in one test process do not collide), the counters core reports through CoreMetrics, the
// HTTP histogram the request hook feeds, and the webhook queue gauges read from the store on scrape.
// Every label value comes from a closed set (route patterns, not URLs; outcomes; surfaces): no invite
// code, id, key or address can reach a scraper or multiply the series count.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../core/clock.ts';
import type { CoreMetrics } from '../core/metrics/core-metrics.ts';
import type { Store, WebhookQueueStats } from '../store/store.ts';

export interface HttpRequestLabels {
  /** The route pattern (`/i/:code`), or `unmatched`. */
  route: string;
  method: string;
  status: string;
}

export interface AppMetrics {
  readonly contentType: string;
  /** The Prometheus text exposition of everything registered. */
  render(): Promise<string>;
  readonly core: CoreMetrics;
  observeHttpRequest(labels: HttpRequestLabels, durationSeconds: number): void;
  countRateLimited(surface: string): void;
}

export interface MetricsOptions {
  /** Where the queue gauges are read from; without it they are not registered. */
  store?: Pick<Store, 'webhookQueueStats' | 'poolStats'>;
  clock: Clock;
  /** prom-client's process and Node.js metrics (CPU, memory, event loop, GC): main.ts turns them on. */
  processMetrics?: boolean;
  onCollectError?: (error: unknown) => void;
}

/** Several gauges read one query; a scrape runs their collectors together, so they share its answer. */
const QUEUE_STATS_REUSE_MS = 1_000;

export function createMetrics(options: MetricsOptions): AppMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  const httpDuration = new Histogram({
    name: 'poy_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status code.',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'poy_rate_limited_requests_total',
    help: 'Requests refused with 429 by a rate limit, by surface.',
    labelNames: ['surface'],
    registers: [registry],
  });
  const verifications = new Counter({
    name: 'poy_verifications_total',
    help: 'Verification attempts that ended, by outcome, key mode and whether the sandbox forced them.',
    labelNames: ['outcome', 'mode', 'sandbox'],
    registers: [registry],
  });
  const webhookAttempts = new Counter({
    name: 'poy_webhook_attempts_total',
    help: 'Webhook delivery attempts by result (succeeded, retry, failed, superseded).',
    labelNames: ['result'],
    registers: [registry],
  });

  const { store } = options;
  if (store) {
    // Read on scrape, from this process's pool: no query.
    new Gauge({
      name: 'poy_db_pool_connections',
      help: "This process's database connections by state (PGlite: one session).",
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const stats = store.poolStats();
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
      },
    });
    new Gauge({
      name: 'poy_db_pool_waiting_requests',
      help: 'Queries of this process waiting for a database connection.',
      registers: [registry],
      collect() {
        this.set(store.poolStats().waiting);
      },
    });
    let cached: { at: number; stats: Promise<WebhookQueueStats> } | null = null;
    const queueStats = (): Promise<WebhookQueueStats> => {
      const now = Date.now();
      if (!cached || now - cached.at > QUEUE_STATS_REUSE_MS) {
        cached = { at: now, stats: store.webhookQueueStats(options.clock.now()) };
      }
      return cached.stats;
    };
    // A failed read leaves the gauge at its last value (and is logged): the rest of the scrape stands.
    const gaugeFrom = (name: string, help: string, read: (stats: WebhookQueueStats) => number): void => {
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          try {
            this.set(read(await queueStats()));
          } catch (error) {
            options.onCollectError?.(error);
          }
        },
      });
    };
    gaugeFrom(
      'poy_webhook_queue_depth',
      'Webhook deliveries due now and waiting for a worker.',
      (stats) => stats.due,
    );
    gaugeFrom(
      'poy_webhook_pending_deliveries',
      'Webhook deliveries not settled yet: due, waiting for a retry, or being sent.',
      (stats) => stats.pending,
    );
    gaugeFrom(
      'poy_webhook_oldest_due_age_seconds',
      'How long the longest-waiting due webhook delivery has been due (0 when none is).',
      (stats) =>
        stats.oldestDueAt
          ? Math.max(0, (options.clock.now().getTime() - stats.oldestDueAt.getTime()) / 1000)
          : 0,
    );
  }

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    core: {
      countVerification(outcome, labels) {
        verifications.inc({ outcome, mode: labels.mode, sandbox: String(labels.sandbox) });
      },
      countWebhookAttempt(result) {
        webhookAttempts.inc({ result });
      },
    },
    observeHttpRequest(labels, durationSeconds) {
      httpDuration.observe({ ...labels }, durationSeconds);
    },
    countRateLimited(surface) {
      rateLimited.inc({ surface });
    },
  };
}
