// A cheap fingerprint of everything the database holds, read in one statement: per table, the row
// count and the newest row version's transaction id (`xmin`). An insert or an update writes a row
// version with a new xmin, a delete changes the count, so two equal fingerprints mean no row was
// added, changed or removed. `api_keys` is the exception: `last_used_at` is stamped in the background
// for any request that presents a key, refused or not, by design, so that table is compared by its
// content without that column. `api_usage_daily` is left out altogether: it is metering, every request
// that presents a key is counted (refused ones too, as the usage page shows) and written every few
// seconds in the background, so a refusal legitimately changes it.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/store/postgres/schema.ts';

export type Fingerprint = Record<string, string>;

/** Columns written in the background on purpose, by table. */
const BACKGROUND_COLUMNS: Record<string, string[]> = { api_keys: ['last_used_at'] };
/** Tables written only in the background, by design, whatever the request's outcome. */
const BACKGROUND_TABLES = new Set(['api_usage_daily']);

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function digestOf(table: string): string {
  const ignored = BACKGROUND_COLUMNS[table];
  if (ignored) {
    const row = `(to_jsonb(t)${ignored.map((column) => ` - ${quoteLiteral(column)}`).join('')})::text`;
    return `(select count(*)::text || ':' || coalesce(md5(string_agg(${row}, ',' order by ${row})), '')
      from ${quoteIdentifier(table)} t)`;
  }
  return `(select count(*)::text || ':' || coalesce(max(t.xmin::text::bigint), 0)::text
    from ${quoteIdentifier(table)} t)`;
}

/** Reads the table list once and returns a function that fingerprints them all. */
export async function createDatabaseFingerprint(db: Kysely<Database>): Promise<() => Promise<Fingerprint>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  const names = tables.rows.map((row) => row.table_name).filter((name) => !BACKGROUND_TABLES.has(name));
  if (names.length === 0) throw new Error('no tables to fingerprint');
  const statement = sql.raw(
    `select ${names.map((name) => `${digestOf(name)} as ${quoteIdentifier(name)}`).join(', ')}`,
  );
  return async () => {
    const result = await statement.execute(db);
    const row = result.rows[0];
    if (typeof row !== 'object' || row === null) throw new Error('the fingerprint query returned no row');
    return Object.fromEntries(Object.entries(row).map(([table, digest]) => [table, String(digest)]));
  };
}
