// Rows → domain records. Enumerated text columns and jsonb are parsed with zod, so a row that does
// not fit the domain fails loudly here instead of leaking an unchecked value.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type {
  ApiKey,
  Challenge,
  ConnectUser,
  ConnectWebhookSecret,
  Human,
  HumanPasskey,
  OutboxEvent,
  Project,
  ScopeMembership,
  SigningKey,
  Stamp,
  UserPasskey,
  VerificationSession,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
} from '../store.ts';
import type {
  ApiKeysTable,
  ChallengesTable,
  ConnectUsersTable,
  ConnectWebhookSecretsTable,
  HumanPasskeysTable,
  HumansTable,
  OutboxEventsTable,
  ProjectsTable,
  ScopeMembershipsTable,
  SigningKeysTable,
  StampsTable,
  UserPasskeysTable,
  VerificationSessionsTable,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
} from './schema.ts';

const mode = z.enum(['live', 'test']);
const stringArray = z.array(z.string());
const factors = z
  .object({ liveness: z.number(), device: z.number(), behavioral: z.number(), credential: z.number() })
  .nullable()
  .catch(null);

const checkResult = z.enum(['pass', 'fail']);
const checksSchema = z
  .object({ liveness: checkResult, device: checkResult, behavioral: checkResult })
  .nullable()
  .catch(null);

export function toProject(row: Selectable<ProjectsTable>): Project {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    publicId: row.public_id,
    plan: z.enum(['free', 'pro', 'enterprise']).parse(row.plan),
    rateLimitPerMinute: row.rate_limit_per_minute,
    rateLimitPerDay: row.rate_limit_per_day,
    trustThreshold: row.trust_threshold,
    redirectOrigins: stringArray.parse(row.redirect_origins),
    webauthnRpId: row.webauthn_rp_id,
    webauthnRpName: row.webauthn_rp_name,
    webauthnOrigins: stringArray.parse(row.webauthn_origins),
    createdAt: row.created_at,
  };
}

export function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: mode.parse(row.mode),
    name: row.name,
    displayPrefix: row.display_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function toChallenge(row: Selectable<ChallengesTable>): Challenge {
  return {
    id: row.id,
    projectId: row.project_id,
    purpose: row.purpose,
    payload: row.payload,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

export function toHuman(row: Selectable<HumansTable>): Human {
  const parsedFactors = factors.parse(row.factors);
  return {
    id: row.id,
    mode: mode.parse(row.mode),
    poyCode: row.poy_code,
    status: z.enum(['pending', 'verified']).parse(row.status),
    trustScore: row.trust_score,
    trustCeiling: row.trust_ceiling,
    factors: parsedFactors,
    successfulVerifications: row.successful_verifications,
    verifiedAt: row.verified_at,
    checks: checksSchema.parse(row.checks),
    emailHash: row.email_hash,
    displayName: row.display_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toHumanPasskey(row: Selectable<HumanPasskeysTable>): HumanPasskey {
  return {
    credentialId: row.credential_id,
    humanId: row.human_id,
    publicKeyBase64Url: row.public_key,
    signCount: Number(row.sign_count),
    transports: stringArray.parse(row.transports),
    deviceType: z.enum(['singleDevice', 'multiDevice']).parse(row.device_type),
    backedUp: row.backed_up,
    aaguid: row.aaguid,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

export function toConnectUser(row: Selectable<ConnectUsersTable>): ConnectUser {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: mode.parse(row.mode),
    referenceUserId: row.reference_user_id,
    dataRequestType: z
      .enum(['GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID', 'IS_PHONE_NUMBER_VERIFIED'])
      .parse(row.data_request_type),
    uniquenessRegionId: row.uniqueness_region_id,
    redirectUrl: row.redirect_url,
    status: z.enum(['PENDING', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED']).parse(row.status),
    unfulfillableReason: z
      .enum(['DUPLICATE_HUMAN', 'FAILED_CHECKS', 'EXPIRED'])
      .nullable()
      .parse(row.unfulfillable_reason),
    humanId: row.human_id,
    humannessScore: row.humanness_score,
    uniqueHumanId: row.unique_human_id,
    verifiedAt: row.verified_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toSession(row: Selectable<VerificationSessionsTable>): VerificationSession {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: mode.parse(row.mode),
    purpose: z.enum(['connect', 'enrollment', 'poy_user']).parse(row.purpose),
    connectUserId: row.connect_user_id,
    status: z.enum(['PENDING', 'COMPLETED', 'EXPIRED', 'CANCELLED']).parse(row.status),
    outcome: z.enum(['verified', 'failed', 'duplicate', 'expired']).nullable().parse(row.outcome),
    humanId: row.human_id,
    flowTokenHashHex: row.flow_token_hash,
    passkeySignals: row.passkey_signals,
    userAgentHashHex: row.user_agent_hash,
    startedAt: row.started_at,
    assessment: row.assessment,
    expiresAt: row.expires_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
  };
}

export function toScopeMembership(row: Selectable<ScopeMembershipsTable>): ScopeMembership {
  return {
    projectId: row.project_id,
    mode: mode.parse(row.mode),
    scope: row.scope,
    humanId: row.human_id,
    connectUserId: row.connect_user_id,
    uniqueHumanId: row.unique_human_id,
    createdAt: row.created_at,
  };
}

export function toOutboxEvent(row: Selectable<OutboxEventsTable>): OutboxEvent {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: mode.parse(row.mode),
    surface: z.enum(['connect', 'poy']).parse(row.surface),
    eventType: row.event_type,
    body: JSON.parse(row.body),
    bodyJson: row.body,
    createdAt: row.created_at,
  };
}

export function toUserPasskey(row: Selectable<UserPasskeysTable>): UserPasskey {
  return {
    credentialId: row.credential_id,
    projectId: row.project_id,
    mode: mode.parse(row.mode),
    userId: row.user_id,
    publicKeyBase64Url: row.public_key,
    signCount: Number(row.sign_count),
    transports: stringArray.parse(row.transports),
    deviceType: z.enum(['singleDevice', 'multiDevice']).parse(row.device_type),
    backedUp: row.backed_up,
    userVerified: row.user_verified,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

export function toSigningKey(row: Selectable<SigningKeysTable>): SigningKey {
  return {
    kid: row.kid,
    purpose: z.enum(['stamp', 'session']).parse(row.purpose),
    publicJwk: row.public_jwk,
    privateKeyEncrypted: row.private_key_encrypted,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}

export function toStamp(row: Selectable<StampsTable>): Stamp {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: mode.parse(row.mode),
    userId: row.user_id,
    humanId: row.human_id,
    createdBy: row.created_by,
    contentHash: row.content_hash,
    contentType: row.content_type,
    title: row.title,
    url: row.url,
    kid: row.kid,
    signature: row.signature,
    createdAt: row.created_at,
  };
}

export function toWebhookEndpoint(row: Selectable<WebhookEndpointsTable>): WebhookEndpoint {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: mode.parse(row.mode),
    surface: z.enum(['connect', 'poy']).parse(row.surface),
    url: row.url,
    eventTypes: stringArray.parse(row.event_types),
    enabled: row.enabled,
    disabledReason: z.enum(['manual', 'failing']).nullable().parse(row.disabled_reason),
    secretEncrypted: row.secret_encrypted,
    previousSecretEncrypted: row.previous_secret_encrypted,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    failingSince: row.failing_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toConnectWebhookSecret(row: Selectable<ConnectWebhookSecretsTable>): ConnectWebhookSecret {
  return {
    projectId: row.project_id,
    mode: mode.parse(row.mode),
    secretEncrypted: row.secret_encrypted,
    previousSecretEncrypted: row.previous_secret_encrypted,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
    rotatedAt: row.rotated_at,
  };
}

export function toWebhookDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    projectId: row.project_id,
    mode: mode.parse(row.mode),
    status: z.enum(['pending', 'succeeded', 'failed']).parse(row.status),
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
  };
}

export function toWebhookAttempt(row: Selectable<WebhookAttemptsTable>): WebhookAttempt {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    attemptNumber: row.attempt_number,
    attemptedAt: row.attempted_at,
    durationMs: row.duration_ms,
    statusCode: row.status_code,
    error: row.error,
    responseExcerpt: row.response_excerpt,
  };
}
