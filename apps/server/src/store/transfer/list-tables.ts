// The POY tables of a database in an order in which rows can be inserted: every table after the tables
// its foreign keys point to. Read from the catalog, so a new migration's tables are included without a
// list to keep up to date.
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../postgres/schema.ts';

/** Written by `migrate`, never copied: the target gets its own through the same migrations. */
const MIGRATIONS_TABLE = 'schema_migrations';

const tableRows = z.array(z.object({ name: z.string() }));
const referenceRows = z.array(z.object({ from_table: z.string(), to_table: z.string() }));

export async function listTablesInInsertOrder(db: Kysely<Database>): Promise<string[]> {
  const tables = tableRows
    .parse(
      (
        await sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(
          db,
        )
      ).rows,
    )
    .map((row) => row.name)
    .filter((name) => name !== MIGRATIONS_TABLE);
  const references = referenceRows.parse(
    (
      await sql`
        select source.relname as from_table, target.relname as to_table
        from pg_constraint c
        join pg_class source on source.oid = c.conrelid
        join pg_class target on target.oid = c.confrelid
        join pg_namespace n on n.oid = source.relnamespace
        where c.contype = 'f' and n.nspname = 'public'`.execute(db)
    ).rows,
  );
  return orderByDependencies(tables, references);
}

/** Kahn's algorithm, alphabetical among equals so the order is stable; self-references are ignored. */
export function orderByDependencies(
  tables: readonly string[],
  references: ReadonlyArray<{ from_table: string; to_table: string }>,
): string[] {
  const waitingOn = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { from_table, to_table } of references) {
    if (from_table !== to_table && waitingOn.has(to_table)) waitingOn.get(from_table)?.add(to_table);
  }
  const ordered: string[] = [];
  while (waitingOn.size > 0) {
    const ready = [...waitingOn].filter(([, needs]) => needs.size === 0).map(([table]) => table);
    if (ready.length === 0)
      throw new Error(`Foreign keys form a cycle among ${[...waitingOn.keys()].join(', ')}`);
    for (const table of ready.sort()) {
      ordered.push(table);
      waitingOn.delete(table);
      for (const needs of waitingOn.values()) needs.delete(table);
    }
  }
  return ordered;
}
