-- A human: one person known to this deployment, recognised by their passkeys. Live and test (sandbox)
-- humans are separate worlds, like every other record.
create table humans (
  id text primary key,
  mode text not null check (mode in ('live', 'test')),
  -- The public PoY id is 'PoY #' followed by this code.
  poy_code text not null unique check (poy_code ~ '^[0-9A-F]{7}$'),
  status text not null check (status in ('pending', 'verified')),
  trust_score integer not null default 0 check (trust_score between 0 and 100),
  trust_ceiling integer not null default 0 check (trust_ceiling between 0 and 100),
  factors jsonb not null default '{}',
  successful_verifications integer not null default 0,
  verified_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- WebAuthn credentials of humans for the hosted flow (rp id = the deployment's host).
create table human_passkeys (
  credential_id text primary key,
  human_id text not null references humans (id) on delete cascade,
  public_key text not null,
  sign_count bigint not null default 0,
  transports jsonb not null default '[]',
  device_type text not null,
  backed_up boolean not null,
  aaguid text not null,
  created_at timestamptz not null,
  last_used_at timestamptz
);
create index human_passkeys_human_idx on human_passkeys (human_id);

-- A business's user as registered through the Connect API.
create table connect_users (
  id text primary key,
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  reference_user_id text not null,
  data_request_type text not null check (
    data_request_type in ('GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID', 'IS_PHONE_NUMBER_VERIFIED')
  ),
  uniqueness_region_id text,
  redirect_url text,
  status text not null check (status in ('PENDING', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED')),
  unfulfillable_reason text check (unfulfillable_reason in ('DUPLICATE_HUMAN', 'FAILED_CHECKS', 'EXPIRED')),
  human_id text references humans (id) on delete set null,
  humanness_score integer,
  unique_human_id text,
  verified_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (project_id, mode, reference_user_id)
);

-- One attempt to verify a person: the invite. Codes are stored only as hashes.
create table verification_sessions (
  id text primary key,
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  purpose text not null check (purpose in ('connect', 'enrollment', 'poy_user')),
  connect_user_id text references connect_users (id) on delete cascade,
  invite_code_hash text not null unique,
  short_code_hash text not null unique,
  status text not null check (status in ('PENDING', 'COMPLETED', 'EXPIRED', 'CANCELLED')),
  outcome text check (outcome in ('verified', 'failed', 'duplicate', 'expired')),
  -- Set by the passkey step; the flow token (hashed) binds the rest of the flow to that browser.
  human_id text references humans (id) on delete set null,
  flow_token_hash text,
  passkey_signals jsonb,
  user_agent_hash text,
  started_at timestamptz,
  assessment jsonb,
  expires_at timestamptz not null,
  completed_at timestamptz,
  created_at timestamptz not null
);
create index verification_sessions_pending_idx on verification_sessions (expires_at) where status = 'PENDING';
create index verification_sessions_connect_user_idx on verification_sessions (connect_user_id, created_at);

-- Uniqueness: a human may hold one place per scope ('' = the whole project, else a region id).
create table scope_memberships (
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  scope text not null,
  human_id text not null references humans (id) on delete cascade,
  connect_user_id text references connect_users (id) on delete cascade,
  unique_human_id text not null,
  created_at timestamptz not null,
  primary key (project_id, mode, scope, human_id)
);

-- The durable outbox: every event is written in the same transaction as the change that caused it,
-- with the exact bytes that will be signed and delivered (text, not jsonb, which would reorder keys).
create table outbox_events (
  id text primary key,
  -- Insertion order: events of one project are delivered and listed in the order they happened,
  -- even when several share a timestamp.
  position bigint generated always as identity,
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  surface text not null check (surface in ('connect', 'poy')),
  event_type text not null,
  body text not null,
  created_at timestamptz not null
);
create index outbox_events_project_idx on outbox_events (project_id, mode, position);
