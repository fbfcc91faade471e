// Numbered SQL migrations (migrations/NNNN_name.sql), applied in order inside one transaction under
// an advisory lock, so that several processes starting at once against PostgreSQL apply each exactly
// once. PGlite runs the very same files.
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { SERVER_ROOT } from '../server-root.ts';
import type { DatabaseHandle } from './drivers/database-handle.ts';

/** Read from the sources even when the server runs compiled (server-root.ts). */
const MIGRATIONS_DIR = new URL('src/store/migrations/', SERVER_ROOT);
const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** An arbitrary constant shared by every POY process: the key of the migration advisory lock. */
const MIGRATION_LOCK_KEY = 7_142_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) {
    const match = MIGRATION_FILE.exec(file);
    if (!match?.[1] || !match[2]) continue;
    migrations.push({
      version: Number.parseInt(match[1], 10),
      name: match[2],
      sql: readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8'),
    });
  }
  return migrations;
}

const appliedRows = z.array(z.object({ version: z.number().int() }));

/** Applies pending migrations; returns the versions applied by this call. */
export async function migrate(handle: DatabaseHandle): Promise<number[]> {
  const migrations = listMigrations();
  return handle.withScriptSession(async (run) => {
    await run('begin');
    try {
      await run(`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
      // Created under the lock: `create table if not exists` is not safe against itself, and two
      // processes starting on a fresh database both failed with a duplicate key in pg_type.
      await run(
        'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
      );
      const applied = new Set(
        appliedRows.parse(await run('select version from schema_migrations')).map((r) => r.version),
      );
      const newlyApplied: number[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await run(migration.sql);
        // Version and name come from a file name matched by MIGRATION_FILE: digits and [a-z0-9_] only.
        await run(
          `insert into schema_migrations (version, name) values (${migration.version}, '${migration.name}')`,
        );
        newlyApplied.push(migration.version);
      }
      await run('commit');
      return newlyApplied;
    } catch (error) {
      await run('rollback').catch(() => {});
      throw error;
    }
  });
}
