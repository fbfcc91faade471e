-- Dashboard sign-in: the people of an account (members), their passkeys, the one-time links that let a
-- person in for the first time, and their dashboard sessions. Tokens (links, sessions) are stored only
-- as SHA-256 digests; a passkey only as its public key. Removing a member keeps the row (the audit log
-- names them) and ends their sessions at once (core/members/member-sessions.ts checks removed_at).
create table members (
  id text primary key,
  account_id text not null references accounts (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'developer', 'viewer')),
  display_name text not null check (length(display_name) between 1 and 100),
  created_at timestamptz not null,
  removed_at timestamptz
);
create index members_account_idx on members (account_id, created_at);

-- A member's passkeys (discoverable WebAuthn credentials under the deployment's own RP id).
create table member_passkeys (
  credential_id text primary key,
  member_id text not null references members (id) on delete cascade,
  public_key text not null,
  sign_count bigint not null check (sign_count >= 0),
  transports jsonb not null default '[]'::jsonb,
  device_type text not null,
  backed_up boolean not null,
  created_at timestamptz not null,
  last_used_at timestamptz
);
create index member_passkeys_member_idx on member_passkeys (member_id);

-- One-time links: the first owner's sign-in link and invites. Single use (consumed_at), expiring.
create table member_links (
  id text primary key,
  account_id text not null references accounts (id) on delete cascade,
  kind text not null check (kind in ('first_owner', 'invite')),
  role text not null check (role in ('owner', 'admin', 'developer', 'viewer')),
  -- The name the inviter suggested; the person may change it when they open the link.
  display_name text check (length(display_name) between 1 and 100),
  token_hash text not null unique,
  -- The member who invited (null: the CLI or the first start).
  created_by text references members (id) on delete set null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  consumed_by text references members (id) on delete set null
);
create index member_links_account_idx on member_links (account_id, created_at);

-- Dashboard sessions: the cookie holds a random token, the row only its digest. Idle and absolute
-- timeouts are checked against last_seen_at and created_at; revoked_at ends a session for good.
create table dashboard_sessions (
  id text primary key,
  member_id text not null references members (id) on delete cascade,
  token_hash text not null unique,
  user_agent text not null default '' check (length(user_agent) <= 200),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  revoked_at timestamptz
);
create index dashboard_sessions_member_idx on dashboard_sessions (member_id, created_at);
