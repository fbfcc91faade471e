// Resolves a presented API key to its project on every authenticated request: the hottest path in
// the service. Threats: a revoked key that keeps working (so every revocation is broadcast by the
// store and drops the cache entry on every process), and unknown keys hammering the database (so
// misses are cached briefly too). Keys are handled only as SHA-256 hashes past the first line.
import { LRUCache } from 'lru-cache';
import type { ApiKey, ApiKeyWithProject, KeyMode, Project, Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { hashApiKey, parseApiKeyMode } from './api-key-format.ts';

export interface AuthenticatedKey {
  apiKey: ApiKey;
  project: Project;
  mode: KeyMode;
}

export type AuthenticateResult =
  | { ok: true; key: AuthenticatedKey }
  | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' };

export interface ApiKeyAuthenticator {
  /** Answers directly for a key in the cache (every request but a key's first), else with a promise. */
  authenticate(presentedKey: string): AuthenticateResult | Promise<AuthenticateResult>;
  /** Writes pending last-used times now (also done on a timer and at close). */
  flushLastUsed(): Promise<void>;
  close(): Promise<void>;
}

export interface ApiKeyAuthenticatorOptions {
  store: Store;
  clock: Clock;
  /** Upper bound on staleness if an invalidation were ever lost; revocation itself is pushed. */
  cacheTtlMs?: number;
  maxCachedKeys?: number;
  lastUsedFlushIntervalMs?: number;
  onBackgroundError?: (error: unknown) => void;
}

// The answer is built once per cached key, not per request; callers read it and never change it.
type CacheEntry = { found: ApiKeyWithProject; answer: AuthenticateResult } | { found: null };

const MALFORMED: AuthenticateResult = { ok: false, reason: 'malformed' };
const UNKNOWN: AuthenticateResult = { ok: false, reason: 'unknown' };
const REVOKED: AuthenticateResult = { ok: false, reason: 'revoked' };

function entryOf(found: ApiKeyWithProject | null): CacheEntry {
  if (!found) return { found: null };
  const { apiKey, project } = found;
  const answer: AuthenticateResult =
    apiKey.revokedAt !== null ? REVOKED : { ok: true, key: { apiKey, project, mode: apiKey.mode } };
  return { found, answer };
}

export function createApiKeyAuthenticator(options: ApiKeyAuthenticatorOptions): ApiKeyAuthenticator {
  const { store, clock } = options;
  const cache = new LRUCache<string, CacheEntry>({
    max: options.maxCachedKeys ?? 10_000,
    ttl: options.cacheTtlMs ?? 60_000,
  });
  const inFlight = new Map<string, Promise<CacheEntry>>();
  // Bumped on every invalidation: a lookup that started before one must not fill the cache after it.
  let generation = 0;
  const pendingLastUsed = new Map<string, Date>();

  const unsubscribe = store.onInvalidation((invalidation) => {
    generation++;
    if (invalidation.kind === 'api_key') {
      cache.delete(invalidation.keyHashHex);
    } else if (invalidation.kind === 'project') {
      for (const [hash, entry] of cache.entries()) {
        if (entry.found?.project.id === invalidation.projectId) cache.delete(hash);
      }
    } else {
      cache.clear();
    }
  });

  function lookUp(keyHashHex: string): CacheEntry | Promise<CacheEntry> {
    const cached = cache.get(keyHashHex);
    if (cached) return cached;
    const pending = inFlight.get(keyHashHex);
    if (pending) return pending;
    const startedAt = generation;
    const lookup = store
      .findApiKeyByHash(keyHashHex)
      .then((found): CacheEntry => {
        const entry = entryOf(found);
        if (generation === startedAt) cache.set(keyHashHex, entry);
        return entry;
      })
      .finally(() => inFlight.delete(keyHashHex));
    inFlight.set(keyHashHex, lookup);
    return lookup;
  }

  async function flushLastUsed(): Promise<void> {
    if (pendingLastUsed.size === 0) return;
    const uses = [...pendingLastUsed].map(([keyId, lastUsedAt]) => ({ keyId, lastUsedAt }));
    pendingLastUsed.clear();
    await store.touchApiKeys(uses);
  }

  function answerOf(entry: CacheEntry): AuthenticateResult {
    if (!entry.found) return UNKNOWN;
    if (entry.answer.ok) pendingLastUsed.set(entry.found.apiKey.id, clock.now());
    return entry.answer;
  }

  const timer = setInterval(() => {
    flushLastUsed().catch((error: unknown) => options.onBackgroundError?.(error));
  }, options.lastUsedFlushIntervalMs ?? 30_000);
  timer.unref();

  return {
    authenticate(presentedKey) {
      if (parseApiKeyMode(presentedKey) === null) return MALFORMED;
      const entry = lookUp(hashApiKey(presentedKey));
      return entry instanceof Promise ? entry.then(answerOf) : answerOf(entry);
    },
    flushLastUsed,
    async close() {
      clearInterval(timer);
      unsubscribe();
      await flushLastUsed();
    },
  };
}
