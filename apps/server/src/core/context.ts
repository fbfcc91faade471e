// What every core operation is given: the store, the clock and the server's secrets, plus the few
// deployment settings the domain needs. Built once by createApp (never from the environment here), so a
// test hands core a real store with a fixed clock and exercises exactly what production runs.
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { FaceAnalyzer } from './liveness/face-analyzer.ts';
import type { CoreMetrics } from './metrics/core-metrics.ts';
import type { ServerSecrets } from './secrets.ts';

export interface CoreContext {
  store: Store;
  clock: Clock;
  secrets: ServerSecrets;
  /** Base of invite URLs, without a trailing slash. */
  publicUrl: string;
  /** How long an invite stays usable (7 days by default, docs/api.md §4.1). */
  inviteTtlSeconds: number;
  /** The hosted flow's WebAuthn relying party: the deployment's own host. */
  webauthn: { rpId: string; rpName: string; origin: string };
  /** Counters for monitoring; absent means none (coreMetricsOf gives the no-op). */
  metrics?: CoreMetrics;
  /** Server-side face analysis of the camera frames; absent where the process does no verification. */
  faceAnalyzer?: FaceAnalyzer;
}
