-- The POY developer API: personal data of public enrollees, the checks of a human's last verification,
-- passkeys of a project's own users, signing keys, content stamps.

-- Public enrollment keeps the e-mail only as a keyed hash (no mail is sent) and the display name for
-- the passkey prompt; both are erased with the human.
alter table humans add column email_hash text;
alter table humans add column display_name text;
alter table humans add column checks jsonb;
create unique index humans_email_idx on humans (mode, email_hash) where email_hash is not null;

-- Origins allowed to run a project's passkey ceremonies (its own sites); empty = PUBLIC_URL only.
alter table projects add column webauthn_origins jsonb not null default '[]';

-- Passkeys of a project's users (docs/api.md §5), under the project's relying party.
create table user_passkeys (
  credential_id text not null,
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  user_id text not null,
  public_key text not null,
  sign_count bigint not null default 0,
  transports jsonb not null default '[]',
  device_type text not null,
  backed_up boolean not null,
  user_verified boolean not null,
  created_at timestamptz not null,
  last_used_at timestamptz,
  primary key (project_id, credential_id)
);
create index user_passkeys_user_idx on user_passkeys (project_id, mode, user_id);

-- The deployment's signing keys (ES256). Private keys are encrypted with a key derived from
-- POY_SECRET_KEY; retired keys stay, so whatever they signed still verifies.
create table signing_keys (
  kid text primary key,
  purpose text not null check (purpose in ('stamp', 'session')),
  public_jwk jsonb not null,
  private_key_encrypted text not null,
  created_at timestamptz not null,
  retired_at timestamptz
);
create index signing_keys_active_idx on signing_keys (purpose, created_at) where retired_at is null;

create table stamps (
  id text primary key,
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  user_id text not null,
  human_id text references humans (id) on delete set null,
  created_by text not null,
  content_hash text not null,
  content_type text not null,
  title text,
  url text,
  kid text not null references signing_keys (kid),
  signature text not null,
  created_at timestamptz not null
);
create index stamps_project_idx on stamps (project_id, mode, created_at);
