-- An invite is bound to the first device that starts its flow: only a digest of that device's secret
-- (kept in an HttpOnly cookie) is stored, so a copy of the database cannot act as the device.
alter table verification_sessions add column device_secret_hash text;

-- How long this project's invites stay usable; null = the deployment's INVITE_TTL_SECONDS.
alter table projects add column invite_ttl_seconds integer
  check (invite_ttl_seconds is null or invite_ttl_seconds between 300 and 2592000);
