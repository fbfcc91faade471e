-- A third signing-key purpose: `redirect`, the keys that sign the `poy_result` token appended to a
-- business's redirect_url when the hosted flow ends (docs/api.md §8). One purpose per key, as before.
alter table signing_keys drop constraint signing_keys_purpose_check;
alter table signing_keys
  add constraint signing_keys_purpose_check check (purpose in ('stamp', 'session', 'redirect'));
