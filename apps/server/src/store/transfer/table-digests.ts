// A fingerprint of every row of every POY table: the row count and an MD5 of the rows as JSON in a
// canonical order. Two databases with equal digests hold the same data, whichever engine each runs on,
// which is how a backup, a restore and a move to PostgreSQL prove that nothing was lost.
import { type Kysely, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../postgres/schema.ts';
import { listTablesInInsertOrder } from './list-tables.ts';

export interface TableDigest {
  table: string;
  rows: number;
  md5Hex: string;
}

const digestRow = z.object({ rows: z.coerce.number().int(), md5_hex: z.string() });

export async function digestTables(db: Kysely<Database>): Promise<TableDigest[]> {
  return db.transaction().execute((trx) => digestTablesInTransaction(trx));
}

/** The same, inside a transaction the caller holds (its time zone is set to UTC for the rest of it). */
export async function digestTablesInTransaction(trx: Transaction<Database>): Promise<TableDigest[]> {
  // Timestamps render in the session's time zone; both sides must use the same one.
  await sql`set local timezone = 'UTC'`.execute(trx);
  const digests: TableDigest[] = [];
  for (const table of await listTablesInInsertOrder(trx)) {
    const result = await sql`
      select count(*) as rows,
             md5(coalesce(string_agg(line, E'\n' order by line), '')) as md5_hex
      from (select row_to_json(t)::text as line from ${sql.table(table)} t) lines`.execute(trx);
    const parsed = digestRow.parse(result.rows[0]);
    digests.push({ table, rows: parsed.rows, md5Hex: parsed.md5_hex });
  }
  return digests;
}

/** The tables whose digests differ (or that only one side has). */
export function compareDigests(left: readonly TableDigest[], right: readonly TableDigest[]): string[] {
  const rightByTable = new Map(right.map((digest) => [digest.table, digest]));
  const differing = left
    .filter((digest) => {
      const other = rightByTable.get(digest.table);
      return !other || other.rows !== digest.rows || other.md5Hex !== digest.md5Hex;
    })
    .map((digest) => digest.table);
  const onlyRight = right.filter((digest) => !left.some((other) => other.table === digest.table));
  return [...differing, ...onlyRight.map((digest) => digest.table)];
}
