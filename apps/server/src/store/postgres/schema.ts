// Kysely's view of the tables in migrations/. jsonb columns are read as `unknown` and parsed with zod
// in the store, because PostgreSQL and PGlite hand back whatever JSON the column holds.
import type { ColumnType, RawBuilder } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export interface AccountsTable {
  id: string;
  name: string;
  created_at: Date;
}

export interface ProjectsTable {
  id: string;
  account_id: string;
  name: string;
  public_id: string;
  plan: string;
  rate_limit_per_minute: number | null;
  rate_limit_per_day: number | null;
  trust_threshold: number;
  redirect_origins: Json;
  webauthn_rp_id: string | null;
  webauthn_rp_name: string | null;
  webauthn_origins: Json;
  invite_ttl_seconds: ColumnType<number | null, number | null | undefined, number | null>;
  required_assurance: ColumnType<string | null, string | null | undefined, string | null>;
  attestation_required: ColumnType<boolean, boolean | undefined, boolean>;
  aaguid_allow_list: ColumnType<string[], string[] | undefined, string[]>;
  velocity_limits: ColumnType<unknown, string | null | undefined, string | null>;
  brand_name: ColumnType<string | null, string | null | undefined, string | null>;
  brand_color: ColumnType<string | null, string | null | undefined, string | null>;
  brand_logo_url: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Date;
}

export interface ApiKeysTable {
  id: string;
  project_id: string;
  mode: string;
  name: string;
  key_hash: string;
  display_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ChallengesTable {
  id: string;
  project_id: string | null;
  purpose: string;
  token_hash: string;
  payload: Json;
  expires_at: Date;
  created_at: Date;
}

export interface HumansTable {
  id: string;
  mode: string;
  poy_code: string;
  status: string;
  trust_score: number;
  trust_ceiling: number;
  factors: Json;
  successful_verifications: number;
  verified_at: Date | null;
  checks: ColumnType<unknown, string | null, string | null>;
  email_hash: string | null;
  display_name: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface HumanPasskeysTable {
  credential_id: string;
  human_id: string;
  public_key: string;
  /** int8: node-postgres returns a string, PGlite a number; parsed in the store. */
  sign_count: ColumnType<string | number | bigint, number, number>;
  transports: Json;
  device_type: string;
  backed_up: boolean;
  aaguid: string;
  user_handle: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Date;
  last_used_at: Date | null;
}

export interface ConnectUsersTable {
  id: string;
  project_id: string;
  mode: string;
  reference_user_id: string;
  data_request_type: string;
  uniqueness_region_id: string | null;
  redirect_url: string | null;
  status: string;
  unfulfillable_reason: string | null;
  human_id: string | null;
  humanness_score: number | null;
  unique_human_id: string | null;
  verified_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface VerificationSessionsTable {
  id: string;
  project_id: string;
  mode: string;
  purpose: string;
  connect_user_id: string | null;
  invite_code_hash: string;
  short_code_hash: string;
  status: string;
  outcome: string | null;
  human_id: string | null;
  flow_token_hash: string | null;
  passkey_signals: ColumnType<unknown, string | null, string | null>;
  user_agent_hash: string | null;
  device_secret_hash: ColumnType<string | null, string | null | undefined, string | null>;
  started_at: Date | null;
  assessment: ColumnType<unknown, string | null, string | null>;
  liveness: ColumnType<unknown, string | null | undefined, string | null>;
  assurance_level: ColumnType<string | null, string | null | undefined, string | null>;
  review: ColumnType<unknown, string | null | undefined, string | null>;
  start_ip_hash: ColumnType<string | null, string | null | undefined, string | null>;
  start_prefix_hash: ColumnType<string | null, string | null | undefined, string | null>;
  start_device_hash: ColumnType<string | null, string | null | undefined, string | null>;
  created_human: ColumnType<boolean, boolean | undefined, boolean>;
  passkey_done_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  camera_done_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  held_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  expires_at: Date;
  completed_at: Date | null;
  created_at: Date;
}

export interface ScopeMembershipsTable {
  project_id: string;
  mode: string;
  scope: string;
  human_id: string;
  connect_user_id: string | null;
  unique_human_id: string;
  created_at: Date;
}

export interface OutboxEventsTable {
  id: string;
  position: ColumnType<string | number | bigint, never, never>;
  project_id: string;
  mode: string;
  surface: string;
  event_type: string;
  /** The serialized JSON body, byte for byte as it will be delivered. */
  body: string;
  created_at: Date;
}

export interface UserPasskeysTable {
  credential_id: string;
  project_id: string;
  mode: string;
  user_id: string;
  public_key: string;
  sign_count: ColumnType<string | number | bigint, number, number>;
  transports: Json;
  device_type: string;
  backed_up: boolean;
  user_verified: boolean;
  created_at: Date;
  last_used_at: Date | null;
}

export interface SigningKeysTable {
  kid: string;
  purpose: string;
  public_jwk: Json;
  private_key_encrypted: string;
  created_at: Date;
  retired_at: Date | null;
}

export interface StampsTable {
  id: string;
  project_id: string;
  mode: string;
  user_id: string;
  human_id: string | null;
  created_by: string;
  content_hash: string;
  content_type: string;
  title: string | null;
  url: string | null;
  kid: string;
  signature: string;
  created_at: Date;
}

export interface WebhookEndpointsTable {
  id: string;
  project_id: string;
  mode: string;
  surface: string;
  url: string;
  event_types: Json;
  connect_event_type: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  secret_encrypted: string | null;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ConnectWebhookSecretsTable {
  project_id: string;
  mode: string;
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  rotated_at: Date | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  event_id: string;
  endpoint_id: string;
  project_id: string;
  mode: string;
  status: string;
  attempt_count: number;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  completed_at: Date | null;
  created_at: Date;
  /** Migration 0009; null when tracing was off. */
  traceparent: ColumnType<string | null, string | undefined, never>;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  attempt_number: number;
  attempted_at: Date;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_excerpt: string | null;
}

export interface IdempotencyKeysTable {
  project_id: string;
  mode: string;
  idempotency_key: string;
  request_hash: string;
  status: string;
  response_status: number | null;
  response_body: string | null;
  response_content_type: string | null;
  started_at: Date;
  expires_at: Date;
}

export interface FaceTemplatesTable {
  /** Identity: pg returns int8 as a string, PGlite may return a number or bigint. Only ever set to DEFAULT. */
  seq: ColumnType<string | number | bigint, never, RawBuilder<unknown>>;
  human_id: string;
  mode: string;
  model_version: string;
  template_sealed: string;
  created_at: Date;
}

export interface AuditEventsTable {
  id: string;
  account_id: string;
  project_id: string | null;
  mode: string | null;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  details: Json;
  ip: string | null;
  created_at: Date;
}

export interface MembersTable {
  id: string;
  account_id: string;
  role: string;
  display_name: string;
  created_at: Date;
  removed_at: Date | null;
}

export interface MemberPasskeysTable {
  credential_id: string;
  member_id: string;
  public_key: string;
  sign_count: ColumnType<string | number | bigint, number, number>;
  transports: Json;
  device_type: string;
  backed_up: boolean;
  created_at: Date;
  last_used_at: Date | null;
}

export interface MemberLinksTable {
  id: string;
  account_id: string;
  kind: string;
  role: string;
  display_name: string | null;
  token_hash: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
  consumed_by: string | null;
}

export interface DashboardSessionsTable {
  id: string;
  member_id: string;
  token_hash: string;
  user_agent: string;
  created_at: Date;
  last_seen_at: Date;
  revoked_at: Date | null;
}

export interface Database {
  accounts: AccountsTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  challenges: ChallengesTable;
  humans: HumansTable;
  human_passkeys: HumanPasskeysTable;
  connect_users: ConnectUsersTable;
  verification_sessions: VerificationSessionsTable;
  scope_memberships: ScopeMembershipsTable;
  outbox_events: OutboxEventsTable;
  user_passkeys: UserPasskeysTable;
  signing_keys: SigningKeysTable;
  stamps: StampsTable;
  webhook_endpoints: WebhookEndpointsTable;
  connect_webhook_secrets: ConnectWebhookSecretsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  idempotency_keys: IdempotencyKeysTable;
  face_templates: FaceTemplatesTable;
  audit_events: AuditEventsTable;
  members: MembersTable;
  member_passkeys: MemberPasskeysTable;
  member_links: MemberLinksTable;
  dashboard_sessions: DashboardSessionsTable;
}
