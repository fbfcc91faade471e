-- Face uniqueness ("one face, one human"): one face template per human, the mean of the embeddings of
-- the frames that verified them, sealed with AES-256-GCM under a key derived from POY_SECRET_KEY and
-- bound to the human and mode (core/uniqueness/face-template.ts), so a database copy holds no usable
-- biometric and a row copied to another human does not open. Erasing the human erases the template.
-- `seq` orders writes for the processes that keep an in-memory index: each loads only the rows past
-- the last seq it holds. Every write takes the face-search advisory lock first, so seq order is also
-- commit order among writers and a catch-up under the lock never skips a row. An identity column (a
-- bigserial that only the database numbers), so `poy` data transfers carry its counter on
-- (store/transfer/copy-database.ts advances identity columns).
create table face_templates (
  seq bigint generated always as identity unique,
  human_id text primary key references humans (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  model_version text not null check (length(model_version) between 1 and 100),
  template_sealed text not null,
  created_at timestamptz not null
);
create index face_templates_mode_seq_idx on face_templates (mode, seq);
