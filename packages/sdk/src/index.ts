// `@poyverify/sdk`: the POY client, typed errors, and the offline helpers (webhook signatures,
// stamps, session tokens) plus the browser passkey ceremonies (also at `@poyverify/sdk/browser`).

// The offline checks are the very code the server signs with (@poy/wire, bundled into this package).
export {
  type BytesLike,
  hashContent,
  type OfflineSessionCheck,
  type OfflineSessionFailure,
  type OfflineStamp,
  SESSION_TOKEN_PREFIX,
  type SessionClaims,
  STAMP_FORMAT,
  type StampCheck,
  type StampFailure,
  type StampStatement,
  type StandardWebhookOptions,
  stampStatementBytes,
  type VerifySessionTokenOptions,
  type VerifyStampOfflineOptions,
  verifyConnectSignature,
  verifyPoySignature,
  verifySessionTokenOffline,
  verifyStampOffline,
  verifyStandardWebhook,
  verifyWebhook,
  type WebhookHeaders,
} from '@poy/wire';
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
export type { FetchLike, RequestOptions } from './transport.ts';
export type * from './types.ts';
