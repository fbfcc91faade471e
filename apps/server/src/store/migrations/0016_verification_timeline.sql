-- The dashboard's verification timeline (docs/dashboard.md §6): when the passkey step and the camera
-- step were done, and when the verification was held for review. The invite's creation, its first
-- opening (started_at) and the result (completed_at) were already kept. Older sessions keep nulls.
alter table verification_sessions add column passkey_done_at timestamptz;
alter table verification_sessions add column camera_done_at timestamptz;
alter table verification_sessions add column held_at timestamptz;

-- The dashboard lists a project's verifications of one mode, newest first, a page at a time.
create index verification_sessions_project_time_idx
  on verification_sessions (project_id, mode, created_at desc, id desc);
