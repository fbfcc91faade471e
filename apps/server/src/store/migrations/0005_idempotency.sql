-- Idempotency keys: a POST retried with the same Idempotency-Key (an SDK retrying after a timeout)
-- gets the first response again instead of acting twice. Kept for 24 hours, per project and mode.
create table idempotency_keys (
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  idempotency_key text not null,
  request_hash text not null,
  status text not null check (status in ('in_progress', 'completed')),
  response_status integer,
  response_body text,
  response_content_type text,
  -- When the current holder started; an in-progress row older than the takeover age is abandoned.
  started_at timestamptz not null,
  expires_at timestamptz not null,
  primary key (project_id, mode, idempotency_key)
);
create index idempotency_keys_expiry_idx on idempotency_keys (expires_at);
