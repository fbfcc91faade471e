// What the domain reports to monitoring, as an interface: core counts through it and never imports a
// metrics library (observability/ implements it with prom-client). The default does nothing, so tests
// and tools that build a CoreContext without metrics need not care. Labels are closed sets only: an id,
// a code or a person's data in a label would leak it to every scraper and explode the series count.
import type { KeyMode, SessionOutcome } from '../../store/store.ts';

/** How a webhook attempt ended; `superseded`: its lease ran out and another attempt holds the delivery. */
export type WebhookAttemptResult = 'succeeded' | 'retry' | 'failed' | 'superseded';

export interface CoreMetrics {
  /** A verification attempt ended (counted after its transaction committed). */
  countVerification(outcome: SessionOutcome, labels: { mode: KeyMode; sandbox: boolean }): void;
  countWebhookAttempt(result: WebhookAttemptResult): void;
}

export const noCoreMetrics: CoreMetrics = {
  countVerification() {},
  countWebhookAttempt() {},
};

/** The context's metrics, or the no-op default. */
export function coreMetricsOf(deps: { metrics?: CoreMetrics | undefined }): CoreMetrics {
  return deps.metrics ?? noCoreMetrics;
}
