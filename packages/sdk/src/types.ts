// Request and response shapes of the POY API (`/api/poy`, camelCase; docs/api.md §5, §6) and the Connect
// API (`/v1`, snake_case as on the wire; docs/api.md §4). Dates are ISO-8601 strings, as the server sends.

import type {
  ConnectEventType,
  PoyEventType,
  SessionTokenFailure,
  SimpleDataRequestResponse,
  UnfulfillableReason,
} from '@poy/wire';

// Shared with the server (the webhook bodies and the reasons of a session check): one definition.
export type {
  ConnectEventPayload,
  ConnectEventType,
  ConnectTestWebhookEvent,
  ConnectWebhookEvent,
  JwksInput,
  PoyEventData,
  PoyEventType,
  PoyTestWebhookEvent,
  PoyWebhookEvent,
  SessionTokenFailure,
  SimpleDataRequestResponse,
  TrustLevel,
  UnfulfillableReason,
} from '@poy/wire';

/** The result of a single check. */
export type CheckValue = 'pass' | 'fail' | 'pending';

/** Outcomes the sandbox can force (test keys only). */
export type SandboxOutcome = 'verified' | 'failed' | 'duplicate' | 'expired';

/** `POST /api/poy/verify` answer. */
export interface VerifyResult {
  /** True when the user is a verified human whose trust score meets the project's threshold. */
  isHuman: boolean;
  /** 0–100. */
  trustScore: number;
  /** `PoY #` + 7 upper-case hex; null when the user has no verified human. */
  poyId: string | null;
  verifiedAt: string | null;
  checks: { liveness: CheckValue; device: CheckValue; behavioral: CheckValue };
  /** When the user is not yet verified: where to send the person through verification. */
  enrollmentUrl?: string;
  /** When `enrollmentUrl` stops working. */
  expiresAt?: string;
}

/** `GET /api/poy/check` answer. */
export interface CheckResult {
  isHuman: boolean;
  poyId: string | null;
}

/** Input of `publicEnroll` (no API key needed; 10 requests per minute per IP). */
export interface PublicEnrollInput {
  email: string;
  displayName: string;
  /** The project's public id. */
  platform: string;
}

/** `POST /api/poy/public-enroll` answer. */
export interface PublicEnrollResult {
  poyId: string;
  enrollmentUrl: string;
  expiresAt: string;
}

/** `GET /api/poy/profile/{poyId}` answer (public). */
export interface Profile {
  poyId: string;
  isVerified: boolean;
  badgeLevel: 'verified' | 'unverified';
  trustScore: number;
  verifiedSince: string | null;
}

/** `GET /api/poy/trust/{userId}` answer. */
export interface TrustReport {
  userId: string;
  trustScore: number;
  level: 'high' | 'medium' | 'low' | 'none';
  factors: { liveness: number; device: number; behavioral: number; credential: number };
}

/** `GET /api/poy/project` answer: the project the key belongs to. */
export interface ProjectInfo {
  id: string;
  publicId: string;
  name: string;
  plan: 'free' | 'pro' | 'enterprise';
  mode: 'live' | 'test';
  trustThreshold: number;
  redirectOrigins: string[];
  createdAt: string;
  /** Settings to fix, e.g. `redirect_origins_unset` (a live project that accepts any redirect URL). */
  warnings: string[];
}

/** One API key as `GET /api/poy/keys` lists it (never the secret). */
export interface ApiKeySummary {
  id: string;
  name: string;
  mode: 'live' | 'test';
  displayPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Input of `stamps.create`. */
export interface CreateStampInput {
  /** Your id for the creator: a verified user of this project. */
  userId: string;
  /** `sha256:` + 64 hex; see {@link hashContent}. */
  contentHash: string;
  /** e.g. `article`, `image/png` (1–64 printable ASCII characters). */
  contentType: string;
  /** Kept with the stamp; not signed. */
  title?: string;
  /** Where the content lives; kept with the stamp, not signed. */
  url?: string;
}

/** `POST /api/poy/stamps` answer. */
export interface Stamp {
  stampId: string;
  /** `ecdsa:` + base64url P1363 signature. */
  signature: string;
  createdBy: string;
  createdAt: string;
  /** The signing key's kid in the JWKS. */
  keyId: string;
  /** `poy-stamp/v1`. */
  format: string;
}

/** Input of `stamps.verify`. */
export interface VerifyStampInput {
  stampId: string;
  /** When given, the answer also says whether it is the stamped hash. */
  contentHash?: string;
}

/** `POST /api/poy/stamps/verify` answer. */
export interface StampVerification {
  /** The signature verifies and (when a hash was sent) the hash matches. */
  valid: boolean;
  createdBy: string;
  contentType: string;
  stampedAt: string;
  /** The creator is, today, a verified human (cannot be known offline). */
  isHumanCreator: boolean;
  keyId: string;
  format: string;
  signatureValid: boolean;
  /** null when no `contentHash` was sent. */
  contentHashMatches: boolean | null;
}

/** `POST /api/poy/passkeys/register` answer: PublicKeyCredentialCreationOptionsJSON (base64url fields). */
export interface PasskeyCreationOptions {
  challenge: string;
  rp: { name: string; id?: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: Array<{ type: string; alg: number }>;
  timeout?: number;
  excludeCredentials?: Array<{ id: string; type: string; transports?: string[] }>;
  authenticatorSelection?: {
    authenticatorAttachment?: string;
    requireResidentKey?: boolean;
    residentKey?: string;
    userVerification?: string;
  };
  hints?: string[];
  attestation?: string;
  attestationFormats?: string[];
  extensions?: Record<string, unknown>;
}

/** `POST /api/poy/passkeys/authenticate/options` answer: PublicKeyCredentialRequestOptionsJSON. */
export interface PasskeyRequestOptions {
  challenge: string;
  timeout?: number;
  rpId?: string;
  allowCredentials?: Array<{ id: string; type: string; transports?: string[] }>;
  userVerification?: string;
  hints?: string[];
  extensions?: Record<string, unknown>;
}

/** A new credential as JSON (RegistrationResponseJSON): what `runPasskeyRegistration` returns. */
export interface PasskeyRegistrationCredential {
  id: string;
  rawId: string;
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData?: string;
    transports?: string[];
    publicKeyAlgorithm?: number;
    publicKey?: string;
  };
  authenticatorAttachment?: 'platform' | 'cross-platform';
  clientExtensionResults: Record<string, unknown>;
  type: 'public-key';
}

/** `POST /api/poy/passkeys/register/verify` answer. */
export interface PasskeyRegistrationResult {
  verified: boolean;
  credentialId: string;
}

/** Input of `passkeys.authenticate` (base64url fields): what `runPasskeyAuthentication` returns. */
export interface PasskeyAssertion {
  credentialId: string;
  authenticatorData: string;
  clientDataJSON: string;
  signature: string;
  userHandle?: string;
}

/** `POST /api/poy/passkeys/authenticate` answer. */
export interface PasskeyAuthenticationResult {
  authenticated: boolean;
  /** `poy_sess_` + a compact JWS; verify it with `sessions.verify` or `verifySessionTokenOffline`. */
  sessionToken: string;
  expiresAt: string;
  userId: string;
  credentialId: string;
}

/** `POST /api/poy/sessions/verify` answer. */
export type SessionVerification =
  | { valid: true; userId: string; expiresAt: string; credentialId: string; issuedAt: string }
  | { valid: false; reason: SessionTokenFailure };

/** A POY webhook endpoint (never with its secret, except on create). */
export interface WebhookEndpoint {
  /** `we_…` */
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  /** Why it is disabled: `manual` (through the API) or `failing` (every delivery failed for 5 days); null when enabled. */
  disabledReason: 'manual' | 'failing' | null;
  /** Since when every delivery has failed; null when healthy. */
  failingSince: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/poy/webhooks` answer: the endpoint and its signing secret (shown only here). */
export interface CreatedWebhookEndpoint extends WebhookEndpoint {
  /** `whsec_…`: store it now; listings never show it. */
  secret: string;
}

/** Input of `webhooks.create`. */
export interface CreateWebhookInput {
  /** Where events are POSTed (http or https). */
  url: string;
  /** Event types to receive; omit for every event (future types included). */
  events?: Array<PoyEventType | (string & {})>;
}

/** Input of `webhooks.update`: at least one field. */
export interface UpdateWebhookInput {
  url?: string;
  events?: Array<PoyEventType | (string & {})>;
  /** false pauses deliveries (they wait, pending); true resumes them. */
  enabled?: boolean;
}

/** `DELETE /api/poy/webhooks/{id}` answer. */
export interface DeletedWebhookEndpoint {
  id: string;
  deleted: true;
}

/** `POST /api/poy/webhooks/{id}/rotate-secret` answer. */
export interface RotatedWebhookSecret {
  id: string;
  /** The new `whsec_…` secret. */
  secret: string;
  /** Until then the previous secret also signs (Standard Webhooks header only). */
  previousSecretExpiresAt: string;
}

/** One attempt at delivering a webhook. */
export interface WebhookAttempt {
  attemptNumber: number;
  attemptedAt: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

/** One delivery (one event to one endpoint) with its attempts. */
export interface WebhookDelivery {
  /** Also the `webhook-id` header: the same on retries and redeliveries. */
  id: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attemptCount: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  completedAt: string | null;
  attempts: WebhookAttempt[];
}

/** Options of `webhooks.listDeliveries`. */
export interface ListDeliveriesOptions {
  /** 1–100; default 20 (server side). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  before?: string;
}

/** A page of deliveries, newest first. */
export interface WebhookDeliveryPage {
  data: WebhookDelivery[];
  /** Pass as `before` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** `POST …/redeliver` answer. */
export interface RedeliveryResult {
  id: string;
  status: 'pending';
}

/** `POST /api/poy/webhooks/{id}/test` answer. */
export interface TestEventResult {
  deliveryId: string;
}

/** A JSON Web Key of the deployment (EC P-256, ES256). */
export interface Jwk {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  alg: string;
  use: string;
}

/** `GET /.well-known/jwks.json` answer. */
export interface Jwks {
  keys: Jwk[];
}

// Connect (docs/api.md §4): inputs are camelCase, results keep the wire's snake_case.

/** What Connect returns about a user once verified. */
export type DataRequestType = 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID' | 'IS_PHONE_NUMBER_VERIFIED';

/** Input of `connect.register`. */
export interface ConnectRegisterInput {
  /** Your id for the user (1–256 characters). */
  referenceUserId: string;
  /** Where the person is sent when verification ends (absolute http(s) URL). */
  redirectUrl?: string;
  /** Default `{ type: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID' }`. */
  dataRequest?: { type: DataRequestType };
  /** Scope uniqueness to this region instead of the whole project. */
  uniquenessRegionId?: string;
}

/** `POST /v1/business_connect_user/register` answer. */
export interface ConnectRegisterResult {
  status: 'success';
  invite_url: string;
  /** `bcu_…` */
  user_id: string;
  connection_verified: boolean;
}

/** Names a Connect user: your `referenceUserId`, or POY's `userId` (`bcu_…`). */
export type ConnectUserRef =
  | { referenceUserId: string; userId?: undefined }
  | { userId: string; referenceUserId?: undefined };

/** Connect verification states. */
export type ConnectVerificationStatus = 'PENDING' | 'VERIFIED' | 'UNFULFILLABLE' | 'REVOKED' | 'EXPIRED';

/** `get_status`, `revoke` and Connect sandbox answer. */
export interface ConnectUserStatus {
  status: 'success';
  user_id: string;
  reference_user_id: string;
  connection_verified: boolean;
  verification_status: ConnectVerificationStatus;
  /** Why verification cannot complete (when UNFULFILLABLE); null otherwise. */
  unfulfillable_reason: UnfulfillableReason | null;
  simple_data_request_response: SimpleDataRequestResponse | null;
  /** When the current invite stops working (pending users); null otherwise. */
  expires_at: string | null;
}

/** `POST /v1/business_connect_user/delete` answer. */
export interface ConnectDeleteResult {
  status: 'success';
  user_id: string;
  deleted: true;
}

/** One Connect webhook destination. */
export interface ConnectWebhook {
  webhook_type: string;
  destination_url: string;
  created_at: string;
  /** false after 5 days of failed deliveries; createOrEdit re-enables. */
  enabled: boolean;
}

/** Input of `connect.webhooks.createOrEdit`. */
export interface ConnectWebhookInput {
  webhookType: ConnectEventType;
  destinationUrl: string;
}

/** `create_or_edit` answer. */
export interface ConnectWebhookSaved {
  status: 'success';
  webhook: ConnectWebhook;
  /** The project's Connect signing secret: only when this call created it. */
  secret?: string;
}

/** `get` answer. */
export interface ConnectWebhookList {
  status: 'success';
  webhooks: ConnectWebhook[];
}

/** `delete` answer. */
export interface ConnectWebhookDeleted {
  status: 'success';
  webhook_type: string;
  deleted: true;
}

/** `rotate_secret` answer. */
export interface ConnectSecretRotated {
  status: 'success';
  secret: string;
}

/** A verification held for review (`GET /api/poy/reviews`, docs/assurance.md §4). */
export interface HeldVerification {
  verificationId: string;
  /** Your id for the user, when the verification has one. */
  userId: string | null;
  /** Cosine similarity to the known face; null when held for velocity. */
  similarity: number | null;
  reasons: string[];
  heldAt: string | null;
}

/** `POST /api/poy/reviews/{verificationId}` answer. */
export interface ReviewDecision {
  verificationId: string;
  status: 'VERIFIED' | 'UNFULFILLABLE';
  reasons: string[];
}
