// The one storage interface. It is shaped by what the domain does (insert a key, find it by hash,
// consume a challenge), not by tables: callers never build queries. Every implementation must pass
// test/store-suite.ts, which runs against PGlite and PostgreSQL alike.

export type Plan = 'free' | 'pro' | 'enterprise';
export const PLANS: readonly Plan[] = ['free', 'pro', 'enterprise'];

/** `live` and `test` data are separate worlds: a key of one mode never sees the other's records. */
export type KeyMode = 'live' | 'test';
export const KEY_MODES: readonly KeyMode[] = ['live', 'test'];

export interface Account {
  id: string;
  name: string;
  createdAt: Date;
}

export interface Project {
  id: string;
  accountId: string;
  name: string;
  /** The public, human-readable id used where no key is sent (the `platform` of public enroll). */
  publicId: string;
  plan: Plan;
  /** Enterprise limits; null means unlimited in that window. Ignored for other plans. */
  rateLimitPerMinute: number | null;
  rateLimitPerDay: number | null;
  trustThreshold: number;
  redirectOrigins: string[];
  webauthnRpId: string | null;
  webauthnRpName: string | null;
  createdAt: Date;
}

export interface ApiKey {
  id: string;
  projectId: string;
  mode: KeyMode;
  name: string;
  /** The first characters of the key, enough to recognise it in a list; never enough to use it. */
  displayPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiKeyWithProject {
  apiKey: ApiKey;
  project: Project;
}

export interface Challenge {
  id: string;
  projectId: string | null;
  purpose: string;
  payload: unknown;
  expiresAt: Date;
  createdAt: Date;
}

export interface NewAccount {
  id: string;
  name: string;
  createdAt: Date;
}

export interface NewProject {
  id: string;
  accountId: string;
  name: string;
  publicId: string;
  plan: Plan;
  rateLimitPerMinute?: number | null;
  rateLimitPerDay?: number | null;
  trustThreshold?: number;
  redirectOrigins?: string[];
  webauthnRpId?: string | null;
  webauthnRpName?: string | null;
  createdAt: Date;
}

export interface NewApiKey {
  id: string;
  projectId: string;
  mode: KeyMode;
  name: string;
  keyHashHex: string;
  displayPrefix: string;
  createdAt: Date;
}

export interface NewChallenge {
  id: string;
  projectId: string | null;
  purpose: string;
  tokenHashHex: string;
  payload: unknown;
  expiresAt: Date;
  createdAt: Date;
}

/**
 * Broadcast to every process sharing the database when cached state goes stale. Sent with
 * NOTIFY inside the same transaction as the change, so it is delivered if and only if it commits.
 * `all` is raised locally when the listening connection was lost and notifications may be missed.
 */
export type Invalidation =
  | { kind: 'api_key'; keyId: string; keyHashHex: string }
  | { kind: 'project'; projectId: string }
  | { kind: 'all' };

export interface Store {
  readonly kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;

  insertAccount(account: NewAccount): Promise<Account>;
  findAccountById(id: string): Promise<Account | null>;
  countAccounts(): Promise<number>;

  /** Returns null when the public id is taken. */
  insertProject(project: NewProject): Promise<Project | null>;
  findProjectById(id: string): Promise<Project | null>;
  findProjectByPublicId(publicId: string): Promise<Project | null>;
  listProjectsByAccount(accountId: string): Promise<Project[]>;

  insertApiKey(apiKey: NewApiKey): Promise<ApiKey>;
  /** Finds a key (revoked or not) and its project by the SHA-256 hex of the full key. */
  findApiKeyByHash(keyHashHex: string): Promise<ApiKeyWithProject | null>;
  findApiKeyById(id: string): Promise<ApiKey | null>;
  listApiKeysByProject(projectId: string, mode?: KeyMode): Promise<ApiKey[]>;
  /**
   * Revokes a key if it belongs to `projectId` (any project when null) and is not yet revoked.
   * Returns the key as revoked, or null when there was nothing to revoke. Broadcasts an invalidation.
   */
  revokeApiKey(input: { keyId: string; projectId: string | null; revokedAt: Date }): Promise<ApiKey | null>;
  /** Write-behind of last use; only ever moves the time forward. */
  touchApiKeys(uses: ReadonlyArray<{ keyId: string; lastUsedAt: Date }>): Promise<void>;

  insertChallenge(challenge: NewChallenge): Promise<Challenge>;
  /**
   * Atomically removes and returns the challenge with this purpose and token hash. Only one of any
   * number of concurrent callers gets it; an expired challenge is removed and null is returned.
   */
  consumeChallenge(input: { purpose: string; tokenHashHex: string; now: Date }): Promise<Challenge | null>;
  deleteExpiredChallenges(now: Date): Promise<number>;

  /** Subscribes to invalidations from every process on this database; returns the unsubscribe. */
  onInvalidation(handler: (invalidation: Invalidation) => void): () => void;
}
