// The one storage interface. It is shaped by what the domain does (insert a key, find it by hash,
// consume a challenge), not by tables: callers never build queries. It is composed of one slice per
// domain (types/<domain>.ts holds each slice with its records); every implementation must pass the
// conformance suite (test/store-suite.ts), which runs against PGlite and PostgreSQL alike.
import type { DatabasePoolStats } from './drivers/database-handle.ts';
import type { Invalidation } from './invalidation.ts';
import type { ApiKeysStore } from './types/api-keys.ts';
import type { AuditStore } from './types/audit.ts';
import type { ChallengesStore } from './types/challenges.ts';
import type { ConnectUsersStore } from './types/connect-users.ts';
import type { DashboardSessionsStore } from './types/dashboard-sessions.ts';
import type { DeliveriesStore } from './types/deliveries.ts';
import type { DeliveryLogStore } from './types/delivery-log.ts';
import type { FaceTemplatesStore } from './types/face-templates.ts';
import type { HumansStore } from './types/humans.ts';
import type { IdempotencyStore } from './types/idempotency.ts';
import type { MembersStore } from './types/members.ts';
import type { OutboxStore } from './types/outbox.ts';
import type { ScopesStore } from './types/scopes.ts';
import type { SigningKeysStore } from './types/signing-keys.ts';
import type { StampsStore } from './types/stamps.ts';
import type { TeamStore } from './types/team.ts';
import type { TenancyStore } from './types/tenancy.ts';
import type { UsageStore } from './types/usage.ts';
import type { UserPasskeysStore } from './types/user-passkeys.ts';
import type { VerificationSearchStore } from './types/verification-search.ts';
import type { VerificationSessionsStore } from './types/verification-sessions.ts';
import type { WebhookEndpointsStore } from './types/webhook-endpoints.ts';

export type { Invalidation } from './invalidation.ts';
export type { ApiKey, ApiKeysStore, ApiKeyWithProject, NewApiKey } from './types/api-keys.ts';
export type {
  AuditActorKind,
  AuditEvent,
  AuditEventQuery,
  AuditStore,
  NewAuditEvent,
} from './types/audit.ts';
export type { Challenge, ChallengesStore, NewChallenge } from './types/challenges.ts';
export type {
  ConnectUser,
  ConnectUserKey,
  ConnectUserPatch,
  ConnectUserStatus,
  ConnectUsersStore,
  DataRequestType,
  NewConnectUser,
  UnfulfillableReason,
} from './types/connect-users.ts';
export type {
  DashboardSession,
  DashboardSessionsStore,
  DashboardSessionWithMember,
  NewDashboardSession,
} from './types/dashboard-sessions.ts';
export type {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveriesStore,
  DeliveryStatus,
  NewWebhookDelivery,
  RecordedAttempt,
  WebhookAttempt,
  WebhookDelivery,
  WebhookQueueStats,
} from './types/deliveries.ts';
export type {
  DeliveryLogEntry,
  DeliveryLogQuery,
  DeliveryLogStore,
  EndpointDeliveryCounts,
  LastAttemptSummary,
} from './types/delivery-log.ts';
export type { FaceTemplateRecord, FaceTemplatesStore, NewFaceTemplate } from './types/face-templates.ts';
export type {
  Human,
  HumanChecks,
  HumanPasskey,
  HumanPatch,
  HumanStatus,
  HumansStore,
  NewHuman,
  TrustFactors,
} from './types/humans.ts';
export type { IdempotencyBegin, IdempotencyRecord, IdempotencyStore } from './types/idempotency.ts';
export type {
  Member,
  MemberLink,
  MemberLinkKind,
  MemberPasskey,
  MembersStore,
  NewMemberLink,
  StoredMemberRole,
} from './types/members.ts';
export type { OutboxEvent, OutboxStore } from './types/outbox.ts';
export type { ScopeMembership, ScopesStore } from './types/scopes.ts';
export type { SigningKey, SigningKeyPurpose, SigningKeysStore } from './types/signing-keys.ts';
export type { Stamp, StampsStore } from './types/stamps.ts';
export type { TeamStore } from './types/team.ts';
export {
  type Account,
  type AssuranceLevel,
  KEY_MODES,
  type KeyMode,
  type NewAccount,
  type NewProject,
  PLANS,
  type Plan,
  type Project,
  type ProjectSettingsPatch,
  type TenancyStore,
  type VelocityLimits,
} from './types/tenancy.ts';
export type {
  ApiUsageDay,
  ApiUsageIncrement,
  UsageQuery,
  UsageStore,
  UtcDay,
  VerificationDayOutcome,
  VerificationsDay,
  WebhookAttemptsDay,
} from './types/usage.ts';
export type { UserPasskey, UserPasskeysStore } from './types/user-passkeys.ts';
export {
  VERIFICATION_STATES,
  type VerificationListEntry,
  type VerificationSearchQuery,
  type VerificationSearchStore,
  type VerificationState,
} from './types/verification-search.ts';
export type {
  NewVerificationSession,
  ReachedAssuranceLevel,
  SessionOutcome,
  SessionPatch,
  SessionPurpose,
  SessionStatus,
  VelocityCountQuery,
  VelocityDigestKind,
  VerificationSession,
  VerificationSessionsStore,
} from './types/verification-sessions.ts';
export type {
  ConnectWebhookSecret,
  WebhookEndpoint,
  WebhookEndpointPatch,
  WebhookEndpointsStore,
  WebhookSurface,
} from './types/webhook-endpoints.ts';

/** Everything a store does, on the database or inside one transaction. */
export type StoreOperations = TenancyStore &
  ApiKeysStore &
  ChallengesStore &
  HumansStore &
  ConnectUsersStore &
  VerificationSessionsStore &
  ScopesStore &
  UserPasskeysStore &
  SigningKeysStore &
  StampsStore &
  WebhookEndpointsStore &
  DeliveriesStore &
  DeliveryLogStore &
  IdempotencyStore &
  OutboxStore &
  FaceTemplatesStore &
  AuditStore &
  UsageStore &
  TeamStore &
  MembersStore &
  DashboardSessionsStore &
  VerificationSearchStore;

export interface Store extends StoreOperations {
  readonly kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  /** This process's connections to the database (metrics). */
  poolStats(): DatabasePoolStats;
  close(): Promise<void>;
  /**
   * Runs `fn` in one transaction: everything it writes through `tx` commits or rolls back together.
   * Never do network I/O inside (PGlite serializes every query behind an open transaction).
   */
  transaction<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T>;
  /** Subscribes to invalidations from every process on this database; returns the unsubscribe. */
  onInvalidation(handler: (invalidation: Invalidation) => void): () => void;
}
