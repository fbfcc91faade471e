-- Assurance levels (docs/assurance.md): what a verification reached, the camera step's evidence, the
-- grey-zone review, and the per-project policy that decides what is enough.

-- The camera step's evidence on the session (status, attempts, reasons, the sealed face template held
-- until completion, then moved to face_templates and removed from here). Never an image.
alter table verification_sessions add column liveness jsonb;
alter table verification_sessions add column assurance_level text
  check (assurance_level is null or assurance_level in ('none', 'passkey', 'liveness', 'unique'));
-- A verification held for review: which human the face resembled and how closely (docs/assurance.md §4).
alter table verification_sessions add column review jsonb;
-- Velocity (docs/assurance.md §5): keyed digests, never the address or the device id itself.
alter table verification_sessions add column start_ip_hash text;
alter table verification_sessions add column start_prefix_hash text;
alter table verification_sessions add column start_device_hash text;
-- True when this session's completion made a new human (the velocity limits count these).
alter table verification_sessions add column created_human boolean not null default false;
create index verification_sessions_velocity_idx on verification_sessions (mode, started_at);
-- The velocity counts (countVelocitySessions): starts by IP or device in a window, and the few sessions
-- that created a new human, by completion time. The prefix count is served by the last one.
create index verification_sessions_start_ip_idx on verification_sessions (start_ip_hash, started_at)
  where start_ip_hash is not null;
create index verification_sessions_start_device_idx on verification_sessions (start_device_hash, started_at)
  where start_device_hash is not null;
create index verification_sessions_new_humans_idx on verification_sessions (mode, completed_at)
  where created_human;

alter table verification_sessions drop constraint verification_sessions_outcome_check;
alter table verification_sessions add constraint verification_sessions_outcome_check
  check (outcome in ('verified', 'failed', 'duplicate', 'expired', 'review'));

alter table connect_users drop constraint connect_users_status_check;
alter table connect_users add constraint connect_users_status_check
  check (status in ('PENDING', 'IN_REVIEW', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED'));

-- The WebAuthn user handle an authenticator keeps for a passkey (the id of the human it was made for).
-- A passkey moved to the human its face belongs to keeps the handle its authenticator still sends.
alter table human_passkeys add column user_handle text;

-- The project's policy: the level it requires (null = `unique`), authenticator attestation with an
-- AAGUID allow-list, and velocity limits (null = the defaults of docs/assurance.md §5).
alter table projects add column required_assurance text
  check (required_assurance is null or required_assurance in ('passkey', 'liveness', 'unique'));
alter table projects add column attestation_required boolean not null default false;
alter table projects add column aaguid_allow_list text[] not null default '{}';
alter table projects add column velocity_limits jsonb;
