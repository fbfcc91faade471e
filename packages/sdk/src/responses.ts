// Decoders for every answer the client reads. Each names exactly the fields of its type, so a server
// that breaks docs/api.md fails loudly here (as an APIError naming the field) instead of handing
// undefined to the integrator's code. Fields docs/api.md marks optional or that the server added
// later are read as optional.
import {
  arrayOf,
  boolean,
  type Decoder,
  type FieldReader,
  jsonObject,
  literalTrue,
  nullable,
  number,
  objectOf,
  oneOf,
  string,
} from './decode.ts';
import type {
  ApiKeySummary,
  CheckResult,
  ConnectDeleteResult,
  ConnectRegisterResult,
  ConnectSecretRotated,
  ConnectUserStatus,
  ConnectWebhook,
  ConnectWebhookDeleted,
  ConnectWebhookList,
  ConnectWebhookSaved,
  CreatedWebhookEndpoint,
  DeletedWebhookEndpoint,
  HeldVerification,
  Jwk,
  Jwks,
  PasskeyAuthenticationResult,
  PasskeyCreationOptions,
  PasskeyRegistrationResult,
  PasskeyRequestOptions,
  Profile,
  ProjectInfo,
  PublicEnrollResult,
  RedeliveryResult,
  ReviewDecision,
  RotatedWebhookSecret,
  SessionVerification,
  SimpleDataRequestResponse,
  Stamp,
  StampVerification,
  TestEventResult,
  TrustReport,
  VerifyResult,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEndpoint,
} from './types.ts';

const checkValue = oneOf(['pass', 'fail', 'pending']);
const success = oneOf(['success']);
const stringList = arrayOf(string);

/** `/api/poy/verify` and `/api/poy/sandbox/outcome`. */
export const verifyResult: Decoder<VerifyResult> = objectOf((r) => ({
  isHuman: r.boolean('isHuman'),
  trustScore: r.number('trustScore'),
  poyId: r.nullableString('poyId'),
  verifiedAt: r.nullableString('verifiedAt'),
  checks: r.field(
    'checks',
    objectOf((c) => ({
      liveness: c.field('liveness', checkValue),
      device: c.field('device', checkValue),
      behavioral: c.field('behavioral', checkValue),
    })),
  ),
  ...optionalField('enrollmentUrl', r.optionalString('enrollmentUrl')),
  ...optionalField('expiresAt', r.optionalString('expiresAt')),
}));

/** Spreads `{ key: value }` only when the value is present, so absent fields stay absent. */
function optionalField<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  if (value === undefined) return {};
  const out: { [P in K]?: T } = {};
  out[key] = value;
  return out;
}

/** Reads a CheckResult answer. */
export const checkResult: Decoder<CheckResult> = objectOf((r) => ({
  isHuman: r.boolean('isHuman'),
  poyId: r.nullableString('poyId'),
}));

/** Reads a PublicEnrollResult answer. */
export const publicEnrollResult: Decoder<PublicEnrollResult> = objectOf((r) => ({
  poyId: r.string('poyId'),
  enrollmentUrl: r.string('enrollmentUrl'),
  expiresAt: r.string('expiresAt'),
}));

/** Reads a Profile answer. */
export const profile: Decoder<Profile> = objectOf((r) => ({
  poyId: r.string('poyId'),
  isVerified: r.boolean('isVerified'),
  badgeLevel: r.field('badgeLevel', oneOf(['verified', 'unverified'])),
  trustScore: r.number('trustScore'),
  verifiedSince: r.nullableString('verifiedSince'),
}));

/** Reads a TrustReport answer. */
export const trustReport: Decoder<TrustReport> = objectOf((r) => ({
  userId: r.string('userId'),
  trustScore: r.number('trustScore'),
  level: r.field('level', oneOf(['high', 'medium', 'low', 'none'])),
  factors: r.field(
    'factors',
    objectOf((f) => ({
      liveness: f.number('liveness'),
      device: f.number('device'),
      behavioral: f.number('behavioral'),
      credential: f.number('credential'),
    })),
  ),
}));

/** Reads a ProjectInfo answer. */
export const projectInfo: Decoder<ProjectInfo> = objectOf((r) => ({
  id: r.string('id'),
  publicId: r.string('publicId'),
  name: r.string('name'),
  plan: r.field('plan', oneOf(['free', 'pro', 'enterprise'])),
  mode: r.field('mode', oneOf(['live', 'test'])),
  trustThreshold: r.number('trustThreshold'),
  redirectOrigins: r.field('redirectOrigins', stringList),
  createdAt: r.string('createdAt'),
  // Older servers do not send it.
  warnings: r.optional('warnings', stringList) ?? [],
}));

/** Reads a { data: ApiKeySummary[] } answer. */
export const apiKeyList: Decoder<{ data: ApiKeySummary[] }> = objectOf((r) => ({
  data: r.field(
    'data',
    arrayOf(
      objectOf((k) => ({
        id: k.string('id'),
        name: k.string('name'),
        mode: k.field('mode', oneOf(['live', 'test'])),
        displayPrefix: k.string('displayPrefix'),
        createdAt: k.string('createdAt'),
        lastUsedAt: k.nullableString('lastUsedAt'),
        revokedAt: k.nullableString('revokedAt'),
      })),
    ),
  ),
}));

/** Reads a Stamp answer. */
export const stamp: Decoder<Stamp> = objectOf((r) => ({
  stampId: r.string('stampId'),
  signature: r.string('signature'),
  createdBy: r.string('createdBy'),
  createdAt: r.string('createdAt'),
  keyId: r.string('keyId'),
  format: r.string('format'),
}));

/** Reads a StampVerification answer. */
export const stampVerification: Decoder<StampVerification> = objectOf((r) => ({
  valid: r.boolean('valid'),
  createdBy: r.string('createdBy'),
  contentType: r.string('contentType'),
  stampedAt: r.string('stampedAt'),
  isHumanCreator: r.boolean('isHumanCreator'),
  keyId: r.string('keyId'),
  format: r.string('format'),
  signatureValid: r.boolean('signatureValid'),
  contentHashMatches: r.field('contentHashMatches', nullable(boolean)),
}));

const credentialDescriptor = objectOf((d) => ({
  id: d.string('id'),
  type: d.string('type'),
  ...optionalField('transports', d.optional('transports', stringList)),
}));

function readPasskeyExtras(r: FieldReader) {
  return {
    ...optionalField('timeout', r.optional('timeout', number)),
    ...optionalField('hints', r.optional('hints', stringList)),
    ...optionalField('extensions', r.optional('extensions', jsonObject)),
  };
}

/** Reads a PasskeyCreationOptions answer. */
export const passkeyCreationOptions: Decoder<PasskeyCreationOptions> = objectOf((r) => ({
  challenge: r.string('challenge'),
  rp: r.field(
    'rp',
    objectOf((rp) => ({ name: rp.string('name'), ...optionalField('id', rp.optionalString('id')) })),
  ),
  user: r.field(
    'user',
    objectOf((u) => ({ id: u.string('id'), name: u.string('name'), displayName: u.string('displayName') })),
  ),
  pubKeyCredParams: r.field(
    'pubKeyCredParams',
    arrayOf(objectOf((p) => ({ type: p.string('type'), alg: p.number('alg') }))),
  ),
  ...readPasskeyExtras(r),
  ...optionalField('excludeCredentials', r.optional('excludeCredentials', arrayOf(credentialDescriptor))),
  ...optionalField(
    'authenticatorSelection',
    r.optional(
      'authenticatorSelection',
      objectOf((s) => ({
        ...optionalField('authenticatorAttachment', s.optionalString('authenticatorAttachment')),
        ...optionalField('requireResidentKey', s.optional('requireResidentKey', boolean)),
        ...optionalField('residentKey', s.optionalString('residentKey')),
        ...optionalField('userVerification', s.optionalString('userVerification')),
      })),
    ),
  ),
  ...optionalField('attestation', r.optionalString('attestation')),
  ...optionalField('attestationFormats', r.optional('attestationFormats', stringList)),
}));

/** Reads a PasskeyRequestOptions answer. */
export const passkeyRequestOptions: Decoder<PasskeyRequestOptions> = objectOf((r) => ({
  challenge: r.string('challenge'),
  ...readPasskeyExtras(r),
  ...optionalField('rpId', r.optionalString('rpId')),
  ...optionalField('allowCredentials', r.optional('allowCredentials', arrayOf(credentialDescriptor))),
  ...optionalField('userVerification', r.optionalString('userVerification')),
}));

/** Reads a PasskeyRegistrationResult answer. */
export const passkeyRegistrationResult: Decoder<PasskeyRegistrationResult> = objectOf((r) => ({
  verified: r.boolean('verified'),
  credentialId: r.string('credentialId'),
}));

/** Reads a PasskeyAuthenticationResult answer. */
export const passkeyAuthenticationResult: Decoder<PasskeyAuthenticationResult> = objectOf((r) => ({
  authenticated: r.boolean('authenticated'),
  sessionToken: r.string('sessionToken'),
  expiresAt: r.string('expiresAt'),
  userId: r.string('userId'),
  credentialId: r.string('credentialId'),
}));

const sessionFailure = oneOf([
  'malformed',
  'unknown_key',
  'invalid_signature',
  'expired',
  'wrong_issuer',
  'wrong_audience',
]);

/** Reads a SessionVerification answer. */
export const sessionVerification: Decoder<SessionVerification> = objectOf((r): SessionVerification => {
  if (r.boolean('valid')) {
    return {
      valid: true,
      userId: r.string('userId'),
      expiresAt: r.string('expiresAt'),
      credentialId: r.string('credentialId'),
      issuedAt: r.string('issuedAt'),
    };
  }
  return { valid: false, reason: r.field('reason', sessionFailure) };
});

function readEndpoint(r: FieldReader): WebhookEndpoint {
  return {
    id: r.string('id'),
    url: r.string('url'),
    events: r.field('events', stringList),
    enabled: r.boolean('enabled'),
    disabledReason: r.field('disabledReason', nullable(oneOf(['manual', 'failing']))),
    failingSince: r.nullableString('failingSince'),
    createdAt: r.string('createdAt'),
    updatedAt: r.string('updatedAt'),
  };
}

/** Reads a WebhookEndpoint answer. */
export const webhookEndpoint: Decoder<WebhookEndpoint> = objectOf(readEndpoint);

/** Reads a CreatedWebhookEndpoint answer. */
export const createdWebhookEndpoint: Decoder<CreatedWebhookEndpoint> = objectOf((r) => ({
  ...readEndpoint(r),
  secret: r.string('secret'),
}));

/** Reads a { data: WebhookEndpoint[] } answer. */
export const webhookEndpointList: Decoder<{ data: WebhookEndpoint[] }> = objectOf((r) => ({
  data: r.field('data', arrayOf(webhookEndpoint)),
}));

/** Reads a DeletedWebhookEndpoint answer. */
export const deletedWebhookEndpoint: Decoder<DeletedWebhookEndpoint> = objectOf((r) => ({
  id: r.string('id'),
  deleted: r.field('deleted', literalTrue),
}));

/** Reads a RotatedWebhookSecret answer. */
export const rotatedWebhookSecret: Decoder<RotatedWebhookSecret> = objectOf((r) => ({
  id: r.string('id'),
  secret: r.string('secret'),
  previousSecretExpiresAt: r.string('previousSecretExpiresAt'),
}));

const webhookAttempt: Decoder<WebhookAttempt> = objectOf((r) => ({
  attemptNumber: r.number('attemptNumber'),
  attemptedAt: r.string('attemptedAt'),
  statusCode: r.field('statusCode', nullable(number)),
  durationMs: r.number('durationMs'),
  error: r.nullableString('error'),
  responseExcerpt: r.nullableString('responseExcerpt'),
}));

const webhookDelivery: Decoder<WebhookDelivery> = objectOf((r) => ({
  id: r.string('id'),
  eventType: r.string('eventType'),
  status: r.field('status', oneOf(['pending', 'succeeded', 'failed'])),
  attemptCount: r.number('attemptCount'),
  nextAttemptAt: r.nullableString('nextAttemptAt'),
  lastAttemptAt: r.nullableString('lastAttemptAt'),
  createdAt: r.string('createdAt'),
  completedAt: r.nullableString('completedAt'),
  attempts: r.field('attempts', arrayOf(webhookAttempt)),
}));

/** Reads a WebhookDeliveryPage answer. */
export const webhookDeliveryPage: Decoder<WebhookDeliveryPage> = objectOf((r) => ({
  data: r.field('data', arrayOf(webhookDelivery)),
  nextCursor: r.nullableString('nextCursor'),
}));

/** Reads a RedeliveryResult answer. */
export const redeliveryResult: Decoder<RedeliveryResult> = objectOf((r) => ({
  id: r.string('id'),
  status: r.field('status', oneOf(['pending'])),
}));

/** Reads a TestEventResult answer. */
export const testEventResult: Decoder<TestEventResult> = objectOf((r) => ({
  deliveryId: r.string('deliveryId'),
}));

const jwk: Decoder<Jwk> = objectOf((r) => ({
  kty: r.string('kty'),
  crv: r.string('crv'),
  x: r.string('x'),
  y: r.string('y'),
  kid: r.string('kid'),
  alg: r.string('alg'),
  use: r.string('use'),
}));

/** Reads a Jwks answer. */
export const jwks: Decoder<Jwks> = objectOf((r) => ({ keys: r.field('keys', arrayOf(jwk)) }));

// Connect (snake_case kept).

/** Reads a ConnectRegisterResult answer. */
export const connectRegisterResult: Decoder<ConnectRegisterResult> = objectOf((r) => ({
  status: r.field('status', success),
  invite_url: r.string('invite_url'),
  user_id: r.string('user_id'),
  connection_verified: r.boolean('connection_verified'),
}));

const simpleDataRequestResponse: Decoder<SimpleDataRequestResponse> = objectOf(
  (r): SimpleDataRequestResponse => {
    const type = r.field(
      'type',
      oneOf(['GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID', 'IS_PHONE_NUMBER_VERIFIED']),
    );
    if (type === 'IS_PHONE_NUMBER_VERIFIED') {
      return { type, is_phone_number_verified: r.field('is_phone_number_verified', literalTrue) };
    }
    return {
      type,
      humanness_score: r.number('humanness_score'),
      unique_human_id: r.string('unique_human_id'),
      uniqueness_region_id: r.field('uniqueness_region_id', nullable(string)),
    };
  },
);

/** Reads a ConnectUserStatus answer. */
export const connectUserStatus: Decoder<ConnectUserStatus> = objectOf((r) => ({
  status: r.field('status', success),
  user_id: r.string('user_id'),
  reference_user_id: r.string('reference_user_id'),
  connection_verified: r.boolean('connection_verified'),
  verification_status: r.field(
    'verification_status',
    oneOf(['PENDING', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED']),
  ),
  unfulfillable_reason: r.field(
    'unfulfillable_reason',
    nullable(oneOf(['DUPLICATE_HUMAN', 'FAILED_CHECKS', 'EXPIRED'])),
  ),
  simple_data_request_response: r.field('simple_data_request_response', nullable(simpleDataRequestResponse)),
  expires_at: r.nullableString('expires_at'),
}));

/** Reads a ConnectDeleteResult answer. */
export const connectDeleteResult: Decoder<ConnectDeleteResult> = objectOf((r) => ({
  status: r.field('status', success),
  user_id: r.string('user_id'),
  deleted: r.field('deleted', literalTrue),
}));

const connectWebhook: Decoder<ConnectWebhook> = objectOf((r) => ({
  webhook_type: r.string('webhook_type'),
  destination_url: r.string('destination_url'),
  created_at: r.string('created_at'),
  enabled: r.boolean('enabled'),
}));

/** Reads a ConnectWebhookSaved answer. */
export const connectWebhookSaved: Decoder<ConnectWebhookSaved> = objectOf((r) => ({
  status: r.field('status', success),
  webhook: r.field('webhook', connectWebhook),
  ...optionalField('secret', r.optionalString('secret')),
}));

/** Reads a ConnectWebhookList answer. */
export const connectWebhookList: Decoder<ConnectWebhookList> = objectOf((r) => ({
  status: r.field('status', success),
  webhooks: r.field('webhooks', arrayOf(connectWebhook)),
}));

/** Reads a ConnectWebhookDeleted answer. */
export const connectWebhookDeleted: Decoder<ConnectWebhookDeleted> = objectOf((r) => ({
  status: r.field('status', success),
  webhook_type: r.string('webhook_type'),
  deleted: r.field('deleted', literalTrue),
}));

/** Reads a ConnectSecretRotated answer. */
export const connectSecretRotated: Decoder<ConnectSecretRotated> = objectOf((r) => ({
  status: r.field('status', success),
  secret: r.string('secret'),
}));

/** Reads a { data: HeldVerification[] } answer. */
export const heldVerificationList: Decoder<{ data: HeldVerification[] }> = objectOf((r) => ({
  data: r.field(
    'data',
    arrayOf(
      objectOf((item) => ({
        verificationId: item.string('verificationId'),
        userId: item.nullableString('userId'),
        similarity: item.field('similarity', nullable(number)),
        reasons: item.field('reasons', stringList),
        heldAt: item.nullableString('heldAt'),
      })),
    ),
  ),
}));

/** Reads a ReviewDecision answer. */
export const reviewDecision: Decoder<ReviewDecision> = objectOf((r) => ({
  verificationId: r.string('verificationId'),
  status: r.field('status', oneOf(['VERIFIED', 'UNFULFILLABLE'])),
  reasons: r.field('reasons', stringList),
}));
