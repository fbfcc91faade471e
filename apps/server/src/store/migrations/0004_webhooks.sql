-- Webhooks for both surfaces (docs/api.md §4.4, §4.5, §6, §7). Endpoint secrets must be usable to sign, so
-- they are stored encrypted (AES-256-GCM, key derived from POY_SECRET_KEY), never in the clear.
create table webhook_endpoints (
  id text primary key,
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  surface text not null check (surface in ('connect', 'poy')),
  url text not null,
  -- POY endpoints: subscribed event types, [] = all. Connect endpoints: [the one event type].
  event_types jsonb not null default '[]',
  -- Connect allows one destination per event type per project and mode.
  connect_event_type text,
  enabled boolean not null default true,
  disabled_reason text check (disabled_reason in ('manual', 'failing')),
  -- POY endpoints sign with their own secret; Connect endpoints with the project's Connect secret.
  secret_encrypted text,
  previous_secret_encrypted text,
  previous_secret_expires_at timestamptz,
  -- Since when every attempt has failed (null after any success); 5 days of it disables the endpoint.
  failing_since timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((surface = 'connect') = (connect_event_type is not null))
);
create unique index webhook_endpoints_connect_type_idx
  on webhook_endpoints (project_id, mode, connect_event_type) where surface = 'connect';
create index webhook_endpoints_project_idx on webhook_endpoints (project_id, mode, surface, created_at);

create table connect_webhook_secrets (
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  secret_encrypted text not null,
  previous_secret_encrypted text,
  previous_secret_expires_at timestamptz,
  created_at timestamptz not null,
  rotated_at timestamptz,
  primary key (project_id, mode)
);

-- One event to one endpoint. Its id is the `webhook-id` header: the same across retries and replays,
-- so receivers can deduplicate.
create table webhook_deliveries (
  id text primary key,
  event_id text not null references outbox_events (id) on delete cascade,
  endpoint_id text not null references webhook_endpoints (id) on delete cascade,
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  status text not null check (status in ('pending', 'succeeded', 'failed')),
  attempt_count integer not null default 0,
  -- When the next attempt is due; while an attempt is in flight, when its lease runs out (a worker
  -- that died mid-attempt leaves the delivery to be claimed again then).
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at, id);

create table webhook_attempts (
  id text primary key,
  delivery_id text not null references webhook_deliveries (id) on delete cascade,
  attempt_number integer not null,
  attempted_at timestamptz not null,
  duration_ms integer not null,
  status_code integer,
  error text,
  response_excerpt text
);
create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, attempt_number);
