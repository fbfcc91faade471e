-- The account's audit log: every change made through the dashboard, the API or the CLI, with who made
-- it, what it touched and from where. Details never hold secrets (core/audit/record-audit-event.ts
-- takes only the fields an action declares); rows are kept with the account and deleted with it.
create table audit_events (
  id text primary key,
  account_id text not null references accounts (id) on delete cascade,
  project_id text references projects (id) on delete set null,
  mode text check (mode in ('live', 'test')),
  actor_kind text not null check (actor_kind in ('member', 'api_key', 'cli', 'system')),
  actor_id text,
  actor_label text not null,
  action text not null,
  target_kind text,
  target_id text,
  details jsonb not null default '{}'::jsonb,
  ip text,
  created_at timestamptz not null
);
create index audit_events_account_time on audit_events (account_id, created_at desc, id desc);

-- Who made a key, shown in the dashboard's key list ("cli", a member id, or null for older keys).
alter table api_keys add column created_by text;
