// `@poyverify/sdk`: the POY client, typed errors, and the offline helpers (webhook signatures,
// stamps, session tokens) plus the browser passkey ceremonies (also at `@poyverify/sdk/browser`).
export {
  ConnectResource,
  ConnectWebhooksResource,
  DEFAULT_BASE_URL,
  PasskeysResource,
  POYVerify,
  type POYVerifyOptions,
  SDK_VERSION,
  SessionsResource,
  StampsResource,
  type VerifyOptions,
  WebhooksResource,
} from './client.ts';
export type { BytesLike } from './encoding.ts';
export {
  APIError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  POYError,
  type POYErrorInit,
  RateLimitError,
  TimeoutError,
} from './errors.ts';
export {
  type CredentialsLike,
  type PasskeyAuthenticationCeremonyOptions,
  type PasskeyCeremonyOptions,
  runPasskeyAuthentication,
  runPasskeyRegistration,
  type WebAuthnCreationOptions,
  type WebAuthnRequestOptions,
} from './passkeys-browser.ts';
export {
  type OfflineSessionCheck,
  type OfflineSessionFailure,
  SESSION_TOKEN_PREFIX,
  type SessionClaims,
  type VerifySessionTokenOptions,
  verifySessionTokenOffline,
} from './sessions.ts';
export {
  hashContent,
  type OfflineStamp,
  STAMP_FORMAT,
  type StampCheck,
  type StampFailure,
  type StampStatement,
  stampStatementBytes,
  type VerifyStampOfflineOptions,
  verifyStampOffline,
} from './stamps.ts';
export type { FetchLike, RequestOptions } from './transport.ts';
export type * from './types.ts';
export {
  type StandardWebhookOptions,
  verifyConnectSignature,
  verifyPoySignature,
  verifyStandardWebhook,
  verifyWebhook,
  type WebhookHeaders,
} from './webhooks.ts';
