-- What the hosted pages show of a project (docs/dashboard.md §3): a display name, an accent colour and a
-- logo. The checks repeat core's validation (core/tenancy/project-branding.ts) so that no other writer
-- can store a colour that is not a plain hex value or a logo that is not an https URL: the pages put
-- both into markup.
alter table projects add column brand_name text
  check (brand_name is null or length(brand_name) between 1 and 100);
alter table projects add column brand_color text
  check (brand_color is null or brand_color ~ '^#[0-9a-f]{6}$');
alter table projects add column brand_logo_url text
  check (brand_logo_url is null or (brand_logo_url like 'https://%' and length(brand_logo_url) <= 2048));
