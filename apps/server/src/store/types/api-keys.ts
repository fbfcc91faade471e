// A project's API keys, stored only as a hash of the full key.
import type { KeyMode, Project } from './tenancy.ts';

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
  /** Who made it: a member id (mem_…), `cli`, `api`, or null for keys made before this was kept. */
  createdBy: string | null;
}

export interface ApiKeyWithProject {
  apiKey: ApiKey;
  project: Project;
}

export interface NewApiKey {
  id: string;
  projectId: string;
  mode: KeyMode;
  name: string;
  keyHashHex: string;
  displayPrefix: string;
  createdAt: Date;
  createdBy?: string | null;
}

export interface ApiKeysStore {
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
}
