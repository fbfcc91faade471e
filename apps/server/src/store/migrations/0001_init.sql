-- Tenancy: an account (the business) owns projects; a project owns API keys and settings.
create table accounts (
  id text primary key,
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null
);

create table projects (
  id text primary key,
  account_id text not null references accounts (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  public_id text not null unique check (public_id ~ '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$'),
  plan text not null check (plan in ('free', 'pro', 'enterprise')),
  -- Only read for the enterprise plan; null means no limit in that window.
  rate_limit_per_minute integer check (rate_limit_per_minute > 0),
  rate_limit_per_day integer check (rate_limit_per_day > 0),
  trust_threshold integer not null default 50 check (trust_threshold between 0 and 100),
  redirect_origins jsonb not null default '[]',
  webauthn_rp_id text,
  webauthn_rp_name text,
  created_at timestamptz not null
);
create index projects_account_idx on projects (account_id, created_at);

-- Keys are stored only as SHA-256 hex of the full key plus a short display prefix.
create table api_keys (
  id text primary key,
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  name text not null,
  key_hash text not null unique,
  display_prefix text not null,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_project_idx on api_keys (project_id, created_at);

-- Single-use, expiring secrets (WebAuthn challenges, invite and enrollment tokens), stored by hash.
create table challenges (
  id text primary key,
  project_id text references projects (id) on delete cascade,
  purpose text not null,
  token_hash text not null unique,
  payload jsonb not null,
  expires_at timestamptz not null,
  created_at timestamptz not null
);
create index challenges_expiry_idx on challenges (expires_at);
