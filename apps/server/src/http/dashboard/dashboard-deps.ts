// What the dashboard's routes are built from: the same core context and store as the APIs, so a key
// revoked here is refused by the API on its next request (the authenticator's cache is dropped).
import type { Config } from '../../config.ts';
import type { Clock } from '../../core/clock.ts';
import type { CoreContext } from '../../core/context.ts';
import type { ApiKeyAuthenticator } from '../../core/keys/api-key-authenticator.ts';
import type { WebhookDeps } from '../../core/webhooks/manage-webhooks.ts';
import type { Store } from '../../store/store.ts';
import type { RateLimitBackend } from '../rate-limit-backend.ts';

export interface DashboardDeps {
  config: Config;
  store: Store;
  clock: Clock;
  /** Secrets, public URL and WebAuthn settings of the deployment (core/context.ts). */
  verification: CoreContext;
  webhooks: WebhookDeps;
  authenticator: ApiKeyAuthenticator;
  rateLimitBackend: RateLimitBackend;
  /** Cookies are `Secure` unless the deployment runs over plain HTTP in development. */
  secureCookies: boolean;
}
