-- The dashboard's delivery log reads one project's deliveries in one mode, newest first, with filters
-- (docs/dashboard.md §5); replaying the failed deliveries of a time range reads the same rows.
create index webhook_deliveries_log_idx
  on webhook_deliveries (project_id, mode, created_at desc, id desc);
