// Kysely's view of the tables in migrations/. jsonb columns are read as `unknown` and parsed with zod
// in the store, because PostgreSQL and PGlite hand back whatever JSON the column holds.
import type { ColumnType } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export interface AccountsTable {
  id: string;
  name: string;
  created_at: Date;
}

export interface ProjectsTable {
  id: string;
  account_id: string;
  name: string;
  public_id: string;
  plan: string;
  rate_limit_per_minute: number | null;
  rate_limit_per_day: number | null;
  trust_threshold: number;
  redirect_origins: Json;
  webauthn_rp_id: string | null;
  webauthn_rp_name: string | null;
  created_at: Date;
}

export interface ApiKeysTable {
  id: string;
  project_id: string;
  mode: string;
  name: string;
  key_hash: string;
  display_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface ChallengesTable {
  id: string;
  project_id: string | null;
  purpose: string;
  token_hash: string;
  payload: Json;
  expires_at: Date;
  created_at: Date;
}

export interface Database {
  accounts: AccountsTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  challenges: ChallengesTable;
}
