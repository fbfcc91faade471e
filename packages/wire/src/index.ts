// `@poy/wire`: what the POY server and the TypeScript SDK must agree on byte for byte. Pure code that
// runs in Node and in browsers (WebCrypto where a key is needed); hashing, encodings and JWS checks are
// audited libraries' (@noble/hashes, @scure/base, jose). The SDK bundles all of it into its dist, so
// its package has no runtime dependency; the server imports it. spec/test-vectors/ pins the formats for
// every implementation.

export {
  assembleCompactJws,
  type CompactJwsExpectations,
  compactJwsSigningInput,
  decodeJsonSegment,
  JWS_ALGORITHM,
  type ReadCompactJws,
  readCompactJws,
} from './compact-jws.ts';
export {
  type BytesLike,
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
  bytesToHex,
  constantTimeEqual,
  hexToBytes,
  toArrayBuffer,
  toBytes,
} from './encoding.ts';
export {
  CONNECT_EVENT_TYPES,
  type ConnectEventPayload,
  type ConnectEventType,
  type ConnectTestWebhookEvent,
  type ConnectWebhookEvent,
  POY_EVENT_TYPES,
  type PoyEventData,
  type PoyEventType,
  type PoyTestWebhookEvent,
  type PoyWebhookEvent,
  type SimpleDataRequestResponse,
  type TrustLevel,
  type UnfulfillableReason,
} from './events.ts';
export { hmacSha256, sha256 } from './hmac-sha256.ts';
export { isJsonObject, type JsonObject } from './json.ts';
// WebCrypto's own types (CryptoKey, Crypto) stay out of this entry, so a project without the DOM lib can
// type-check what uses it; `@poy/wire/web-crypto` has the platform's WebCrypto.
export { findEcKey, isJwks, type JwksInput } from './jwks.ts';
export {
  assembleRedirectResult,
  checkRedirectResultClaims,
  REDIRECT_KID_PREFIX,
  REDIRECT_RESULT_FAILURES,
  REDIRECT_RESULT_PARAMETER,
  REDIRECT_RESULT_STATUSES,
  REDIRECT_RESULT_TYPE,
  type ReadRedirectResult,
  type RedirectClaimsCheck,
  type RedirectResultClaims,
  type RedirectResultExpectations,
  type RedirectResultFailure,
  type RedirectResultStatus,
  readRedirectResult,
  redirectResultSigningInput,
} from './redirect-result-format.ts';
export {
  assembleSessionToken,
  checkSessionClaims,
  type OfflineSessionFailure,
  type ReadSessionToken,
  readSessionToken,
  SESSION_KID_PREFIX,
  SESSION_TOKEN_ALGORITHM,
  SESSION_TOKEN_FAILURES,
  SESSION_TOKEN_PREFIX,
  SESSION_TOKEN_TYPE,
  type SessionClaims,
  type SessionClaimsCheck,
  type SessionTokenExpectations,
  type SessionTokenFailure,
  sessionTokenSigningInput,
} from './session-token-format.ts';
export {
  CONTENT_HASH_PATTERN,
  CONTENT_TYPE_PATTERN,
  CREATED_AT_PATTERN,
  CREATED_BY_PATTERN,
  canonicalStampBytes,
  decodeStampSignature,
  encodeStampSignature,
  STAMP_FORMAT,
  STAMP_ID_PATTERN,
  STAMP_KID_PREFIX,
  STAMP_SIGNATURE_PREFIX,
  StampFormatError,
  type StampStatement,
  stampStatementBytes,
} from './stamp-format.ts';
export {
  type RedirectResultCheck,
  type VerifyRedirectResultOptions,
  verifyRedirectResult,
} from './verify-redirect-result.ts';
export {
  type OfflineSessionCheck,
  type VerifySessionTokenOptions,
  verifySessionTokenOffline,
} from './verify-session-token-offline.ts';
export {
  hashContent,
  type OfflineStamp,
  type StampCheck,
  type StampFailure,
  type VerifyStampOfflineOptions,
  verifyStampOffline,
} from './verify-stamp-offline.ts';
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  type StandardWebhookOptions,
  verifyConnectSignature,
  verifyPoySignature,
  verifyStandardWebhook,
  verifyWebhook,
  type WebhookHeaders,
} from './verify-webhook.ts';
export {
  buildDeliveryHeaders,
  CONNECT_SIGNATURE_PREFIX,
  type HmacSha256,
  type SigningSecrets,
  STANDARD_SIGNATURE_VERSION,
  signConnectBody,
  signPoyBody,
  signStandardWebhook,
  standardSigningInput,
  standardWebhookKey,
  WEBHOOK_SECRET_PREFIX,
  WEBHOOK_USER_AGENT,
} from './webhook-signatures.ts';
