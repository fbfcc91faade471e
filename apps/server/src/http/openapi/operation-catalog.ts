// The name, tag and failures of every public operation, in one place. Generated clients name their
// methods after `operationId`, so these ids are public API: never rename one. The document transform
// (finish-document.ts) refuses a route missing from this list, and an entry whose route is gone, so a
// new route fails `npm run openapi` and the OpenAPI test until it is named here.
import type { ErrorType } from '../error-registry.ts';

/** The document's tags, in the order a reader meets them. */
export const OPENAPI_TAGS = [
  {
    name: 'Verification',
    description: 'Ask whether one of your users is a verified human, and send them to verify.',
  },
  { name: 'Sandbox', description: 'Test keys only: settle a verification at once, for your CI.' },
  { name: 'Reviews', description: 'Verifications held because the face resembled a known human.' },
  { name: 'Stamps', description: 'Signed statements that a verified human made a piece of content.' },
  { name: 'Passkeys', description: 'Passkeys for your own users, with POY as the relying party.' },
  { name: 'Sessions', description: 'Session tokens issued by a passkey sign-in.' },
  { name: 'Webhooks', description: 'POY webhook endpoints, their secrets and their delivery log.' },
  { name: 'Project', description: 'The project and API keys behind the presented key.' },
  { name: 'Enrollment', description: "Public enrollment from a project's own front end, without a key." },
  { name: 'Profiles', description: 'Public, non-sensitive verification status of a PoY identity.' },
  {
    name: 'Keys',
    description: 'Public keys for verifying stamps, session tokens and redirect results offline.',
  },
  {
    name: 'Connect',
    description: 'The Connect surface (/v1): snake_case bodies, API-KEY header, status envelope.',
  },
  {
    name: 'Connect webhooks',
    description: 'Connect webhook destinations, one per event type, and their signing secret.',
  },
  {
    name: 'Hosted flow',
    description: 'The JSON calls of the hosted phone page; the invite code in the path is the capability.',
  },
  { name: 'Health', description: 'Liveness and readiness probes for orchestrators.' },
] as const;

export type OpenApiTag = (typeof OPENAPI_TAGS)[number]['name'];

export interface OperationEntry {
  operationId: string;
  tags: readonly [OpenApiTag, ...OpenApiTag[]];
  /**
   * Failures the handler itself raises. The transform adds those every operation of its kind has:
   * invalid_request for any request, unauthorized and rate_limited with a key, conflict for a reused
   * Idempotency-Key on an authenticated POST, rate_limited on the public limited routes.
   */
  errors?: readonly ErrorType[];
  /** A public route counted per client IP or per invite (http/rate-limit-routes.ts, public-api.ts). */
  publicRateLimit?: true;
}

const FLOW_ERRORS = ['not_found', 'forbidden', 'conflict'] as const satisfies readonly ErrorType[];

function flow(operationId: string, extra: readonly ErrorType[] = []): OperationEntry {
  return { operationId, tags: ['Hosted flow'], errors: [...FLOW_ERRORS, ...extra], publicRateLimit: true };
}

/** Keyed by `METHOD /path` as the document spells them. */
export const OPERATION_CATALOG: Readonly<Record<string, OperationEntry>> = {
  'GET /healthz': { operationId: 'getHealth', tags: ['Health'] },
  'GET /readyz': { operationId: 'getReadiness', tags: ['Health'] },

  'GET /api/poy/project': { operationId: 'getProject', tags: ['Project'] },
  'GET /api/poy/keys': { operationId: 'listApiKeys', tags: ['Project'] },

  'POST /api/poy/verify': {
    operationId: 'verifyUser',
    tags: ['Verification'],
    errors: ['redirect_url_not_allowed'],
  },
  'GET /api/poy/check': { operationId: 'checkUser', tags: ['Verification'] },
  'GET /api/poy/trust/{userId}': {
    operationId: 'getUserTrust',
    tags: ['Verification'],
    errors: ['not_found'],
  },
  'POST /api/poy/sandbox/outcome': {
    operationId: 'setSandboxOutcome',
    tags: ['Sandbox'],
    errors: ['forbidden', 'not_found'],
  },

  'GET /api/poy/reviews': { operationId: 'listReviews', tags: ['Reviews'] },
  'POST /api/poy/reviews/{verificationId}': {
    operationId: 'decideReview',
    tags: ['Reviews'],
    errors: ['not_found', 'conflict'],
  },

  'POST /api/poy/webhooks': { operationId: 'createWebhookEndpoint', tags: ['Webhooks'] },
  'GET /api/poy/webhooks': { operationId: 'listWebhookEndpoints', tags: ['Webhooks'] },
  'GET /api/poy/webhooks/{id}': {
    operationId: 'getWebhookEndpoint',
    tags: ['Webhooks'],
    errors: ['not_found'],
  },
  'PATCH /api/poy/webhooks/{id}': {
    operationId: 'updateWebhookEndpoint',
    tags: ['Webhooks'],
    errors: ['not_found'],
  },
  'DELETE /api/poy/webhooks/{id}': {
    operationId: 'deleteWebhookEndpoint',
    tags: ['Webhooks'],
    errors: ['not_found'],
  },
  'POST /api/poy/webhooks/{id}/rotate-secret': {
    operationId: 'rotateWebhookSecret',
    tags: ['Webhooks'],
    errors: ['not_found'],
  },
  'GET /api/poy/webhooks/{id}/deliveries': {
    operationId: 'listWebhookDeliveries',
    tags: ['Webhooks'],
    errors: ['not_found'],
  },
  'POST /api/poy/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    operationId: 'redeliverWebhookDelivery',
    tags: ['Webhooks'],
    errors: ['not_found'],
  },
  'POST /api/poy/webhooks/{id}/test': {
    operationId: 'sendTestWebhook',
    tags: ['Webhooks'],
    errors: ['not_found'],
  },

  'POST /api/poy/passkeys/register': {
    operationId: 'createPasskeyRegistrationOptions',
    tags: ['Passkeys'],
  },
  'POST /api/poy/passkeys/register/verify': {
    operationId: 'verifyPasskeyRegistration',
    tags: ['Passkeys'],
    errors: ['conflict'],
  },
  'POST /api/poy/passkeys/authenticate/options': {
    operationId: 'createPasskeyAuthenticationOptions',
    tags: ['Passkeys'],
    errors: ['not_found'],
  },
  'POST /api/poy/passkeys/authenticate': { operationId: 'authenticatePasskey', tags: ['Passkeys'] },

  'POST /api/poy/stamps': { operationId: 'createStamp', tags: ['Stamps'], errors: ['forbidden'] },
  'POST /api/poy/stamps/verify': { operationId: 'verifyStamp', tags: ['Stamps'], errors: ['not_found'] },
  'POST /api/poy/sessions/verify': { operationId: 'verifySessionToken', tags: ['Sessions'] },

  'POST /api/poy/public-enroll': {
    operationId: 'startPublicEnrollment',
    tags: ['Enrollment'],
    errors: ['not_found'],
    publicRateLimit: true,
  },
  'GET /api/poy/profile/{poyId}': {
    operationId: 'getPublicProfile',
    tags: ['Profiles'],
    errors: ['not_found'],
    publicRateLimit: true,
  },
  'GET /.well-known/jwks.json': { operationId: 'getJsonWebKeySet', tags: ['Keys'] },

  'POST /v1/business_connect_user/register': {
    operationId: 'registerConnectUser',
    tags: ['Connect'],
    errors: ['redirect_url_not_allowed'],
  },
  'POST /v1/business_connect_user/get_status': {
    operationId: 'getConnectUserStatus',
    tags: ['Connect'],
    errors: ['not_found'],
  },
  'POST /v1/business_connect_user/revoke': {
    operationId: 'revokeConnectUser',
    tags: ['Connect'],
    errors: ['not_found'],
  },
  'POST /v1/business_connect_user/delete': {
    operationId: 'deleteConnectUser',
    tags: ['Connect'],
    errors: ['not_found'],
  },
  'POST /v1/sandbox/outcome': {
    operationId: 'setConnectSandboxOutcome',
    tags: ['Connect', 'Sandbox'],
    errors: ['forbidden', 'not_found'],
  },
  'POST /v1/webhook/admin/config/create_or_edit': {
    operationId: 'setConnectWebhookDestination',
    tags: ['Connect webhooks'],
  },
  'POST /v1/webhook/admin/config/get': {
    operationId: 'listConnectWebhookDestinations',
    tags: ['Connect webhooks'],
  },
  'POST /v1/webhook/admin/config/delete': {
    operationId: 'deleteConnectWebhookDestination',
    tags: ['Connect webhooks'],
    errors: ['not_found'],
  },
  'POST /v1/webhook/admin/config/rotate_secret': {
    operationId: 'rotateConnectWebhookSecret',
    tags: ['Connect webhooks'],
  },

  'POST /flow/{code}/start': flow('startFlow', ['invite_in_use']),
  'POST /flow/{code}/passkey/registration-options': flow('createFlowPasskeyRegistrationOptions'),
  'POST /flow/{code}/passkey/register': flow('registerFlowPasskey'),
  'POST /flow/{code}/passkey/authentication-options': flow('createFlowPasskeyAuthenticationOptions'),
  'POST /flow/{code}/passkey/authenticate': flow('authenticateFlowPasskey'),
  'POST /flow/{code}/challenge': flow('createFlowChallenge'),
  'POST /flow/{code}/complete': flow('completeFlow', ['payload_too_large']),
  'POST /flow/{code}/liveness/challenge': flow('createFlowLivenessChallenge'),
  'POST /flow/{code}/liveness': flow('submitFlowLiveness', ['payload_too_large']),
  'POST /flow/{code}/liveness/skip': flow('skipFlowLiveness'),
  'POST /flow/{code}/sandbox': flow('setFlowSandboxOutcome'),
};
