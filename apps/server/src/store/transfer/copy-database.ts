// Moving an embedded deployment to PostgreSQL (`poy copy-to-postgres`): every row of every POY table,
// copied in one target transaction, then checked row for row. Rows travel as JSON and are rebuilt with
// json_populate_recordset, so every column type round-trips through its own input function, identically
// on PGlite and PostgreSQL (they run the same migrations). The source is read in ctid order, in pages,
// which needs no knowledge of each table's key; the embedded database is locked by this process, so
// nothing moves underneath.
import { type Kysely, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../postgres/schema.ts';
import { listTablesInInsertOrder } from './list-tables.ts';
import {
  compareDigests,
  digestTables,
  digestTablesInTransaction,
  type TableDigest,
} from './table-digests.ts';

const ROWS_PER_PAGE = 500;

export type CopyDatabaseResult =
  | { ok: true; tables: TableDigest[] }
  | { ok: false; reason: 'target_not_empty'; tables: string[] }
  | { ok: false; reason: 'mismatch'; tables: string[] };

const pageRow = z.object({ tid: z.string(), line: z.string() });
const countRow = z.object({ rows: z.coerce.number().int() });
const identityRow = z.object({ column_name: z.string() });

async function countRows(db: Kysely<Database>, table: string): Promise<number> {
  const result = await sql`select count(*) as rows from ${sql.table(table)}`.execute(db);
  return countRow.parse(result.rows[0]).rows;
}

/** Pages of a table's rows as JSON text, in physical order. */
async function* readPages(db: Kysely<Database>, table: string): AsyncGenerator<string[]> {
  let after = '(0,0)';
  for (;;) {
    const result = await sql`
      select ctid::text as tid, row_to_json(t)::text as line from ${sql.table(table)} t
      where ctid > ${after}::tid order by ctid limit ${ROWS_PER_PAGE}`.execute(db);
    const rows = z.array(pageRow).parse(result.rows);
    if (rows.length === 0) return;
    yield rows.map((row) => row.line);
    after = rows.at(-1)?.tid ?? after;
    if (rows.length < ROWS_PER_PAGE) return;
  }
}

/** Identity columns keep counting after the copied rows, not from 1. */
async function advanceIdentities(trx: Transaction<Database>, table: string): Promise<void> {
  const result = await sql`
    select column_name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_identity = 'YES'`.execute(trx);
  for (const { column_name: column } of z.array(identityRow).parse(result.rows)) {
    await sql`
      select setval(pg_get_serial_sequence(${table}, ${column}),
                    coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}

/**
 * Copies every POY table of `source` into `target`. Both must already be migrated to the same version;
 * the target must hold no rows. Nothing is written unless everything is: the copy and its check run in
 * one target transaction.
 */
export async function copyDatabase(
  source: Kysely<Database>,
  target: Kysely<Database>,
): Promise<CopyDatabaseResult> {
  const tables = await listTablesInInsertOrder(source);
  const occupied: string[] = [];
  for (const table of await listTablesInInsertOrder(target)) {
    if ((await countRows(target, table)) > 0) occupied.push(table);
  }
  if (occupied.length > 0) return { ok: false, reason: 'target_not_empty', tables: occupied };

  const sourceDigests = await digestTables(source);
  return target
    .transaction()
    .execute(async (trx) => {
      for (const table of tables) {
        for await (const page of readPages(source, table)) {
          await sql`
            insert into ${sql.table(table)} overriding system value
            select * from json_populate_recordset(null::${sql.table(table)}, ${`[${page.join(',')}]`}::json)`.execute(
            trx,
          );
        }
        await advanceIdentities(trx, table);
      }
      const mismatched = compareDigests(sourceDigests, await digestTablesInTransaction(trx));
      if (mismatched.length > 0) throw new CopyMismatch(mismatched);
      return { ok: true as const, tables: sourceDigests };
    })
    .catch((error: unknown) => {
      if (error instanceof CopyMismatch)
        return { ok: false as const, reason: 'mismatch' as const, tables: error.tables };
      throw error;
    });
}

/** Thrown inside the transaction so that it rolls back; turned into a result outside. */
class CopyMismatch extends Error {
  constructor(readonly tables: string[]) {
    super(`Copied rows differ in ${tables.join(', ')}`);
  }
}
