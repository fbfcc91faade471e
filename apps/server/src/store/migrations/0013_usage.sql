-- API usage per key and UTC day, for the dashboard's usage page (docs/dashboard.md §7). Each process
-- counts in memory and adds its counts here every few seconds with one upsert, so the hot path never
-- waits on the database. `requests` counts the requests the key made that were let through;
-- `rate_limited` the ones the plan's limits refused.
create table api_usage_daily (
  project_id text not null references projects (id) on delete cascade,
  mode text not null check (mode in ('live', 'test')),
  api_key_id text not null references api_keys (id) on delete cascade,
  day date not null,
  requests bigint not null default 0 check (requests >= 0),
  rate_limited bigint not null default 0 check (rate_limited >= 0),
  primary key (project_id, mode, api_key_id, day)
);

-- Verifications and webhook attempts are read by project, mode and time through the dashboard's list
-- indexes (0015 webhook_deliveries_log_idx, 0016 verification_sessions_project_time_idx).
