// `@poyverify/sdk`: the POY client, typed errors, and the offline helpers (webhook signatures,
// stamps, session tokens, redirect results) plus the browser passkey ceremonies (also at `@poyverify/sdk/browser`).

// The offline checks are the very code the server signs with (@poy/wire, bundled into this package);
// the signature checks of stamps, session tokens and redirect results use cached keys (offline.ts).
export {
  type BytesLike,
  hashContent,
  type OfflineSessionCheck,
  type OfflineSessionFailure,
  type OfflineStamp,
  REDIRECT_RESULT_FAILURES,
  REDIRECT_RESULT_PARAMETER,
  type RedirectResultCheck,
  type RedirectResultClaims,
  type RedirectResultFailure,
  type RedirectResultStatus,
  SESSION_TOKEN_PREFIX,
  type SessionClaims,
  STAMP_FORMAT,
  type StampCheck,
  type StampFailure,
  type StampStatement,
  type StandardWebhookOptions,
  stampStatementBytes,
  type VerifyRedirectResultOptions,
  type VerifySessionTokenOptions,
  type VerifyStampOfflineOptions,
  verifyConnectSignature,
  verifyPoySignature,
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
  type VerifyRedirectResultWithClientOptions,
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
export { verifyRedirectResult, verifySessionTokenOffline, verifyStampOffline } from './offline.ts';
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
