// The answer to "is this user a human?" is read far more often than it changes, so it is served
// from memory. Every change that could alter it is announced by the store (user link, human, project)
// and drops the entry on every process; the TTL only bounds staleness if an announcement were lost.
import { LRUCache } from 'lru-cache';
import type { KeyMode, Project, Store } from '../../store/store.ts';
import { formatPoyId } from '../identity/poy-id.ts';
import { isVerifiedHuman } from './human-status.ts';

export interface HumanCheck {
  isHuman: boolean;
  poyId: string | null;
}

interface Entry extends HumanCheck {
  projectId: string;
  humanId: string | null;
}

export interface HumanCheckCache {
  check(project: Project, mode: KeyMode, userId: string): Promise<HumanCheck>;
  close(): void;
}

function keyOf(projectId: string, mode: KeyMode, userId: string): string {
  return `${projectId}\u0000${mode}\u0000${userId}`;
}

export function createHumanCheckCache(
  store: Store,
  options: { maxEntries?: number; ttlMs?: number } = {},
): HumanCheckCache {
  // Entries by human, so a change to one human drops their entries without scanning the cache (every
  // verification updates a human). Kept exact by the cache's dispose hook.
  const keysByHuman = new Map<string, Set<string>>();
  const cache = new LRUCache<string, Entry>({
    max: options.maxEntries ?? 100_000,
    ttl: options.ttlMs ?? 300_000,
    dispose: (entry, key) => {
      if (entry.humanId === null) return;
      const keys = keysByHuman.get(entry.humanId);
      keys?.delete(key);
      if (keys?.size === 0) keysByHuman.delete(entry.humanId);
    },
  });
  // A lookup that started before an invalidation must not fill the cache after it.
  let generation = 0;

  const unsubscribe = store.onInvalidation((invalidation) => {
    generation++;
    switch (invalidation.kind) {
      case 'project_user':
        cache.delete(keyOf(invalidation.projectId, invalidation.mode, invalidation.referenceUserId));
        break;
      case 'human':
        for (const key of [...(keysByHuman.get(invalidation.humanId) ?? [])]) cache.delete(key);
        break;
      case 'project':
        for (const [key, entry] of cache.entries())
          if (entry.projectId === invalidation.projectId) cache.delete(key);
        break;
      case 'all':
        cache.clear();
        break;
      default:
        break;
    }
  });

  return {
    async check(project, mode, userId) {
      const key = keyOf(project.id, mode, userId);
      const cached = cache.get(key);
      if (cached) return { isHuman: cached.isHuman, poyId: cached.poyId };
      const startedAt = generation;
      const user = await store.findConnectUser({ projectId: project.id, mode, referenceUserId: userId });
      const human = user?.humanId ? await store.findHumanById(user.humanId) : null;
      const isHuman = isVerifiedHuman(project, user, human);
      const entry: Entry = {
        isHuman,
        poyId: isHuman && human ? formatPoyId(human.poyCode) : null,
        projectId: project.id,
        humanId: human?.id ?? null,
      };
      if (generation === startedAt) {
        cache.set(key, entry);
        if (entry.humanId !== null) {
          const keys = keysByHuman.get(entry.humanId) ?? new Set<string>();
          keys.add(key);
          keysByHuman.set(entry.humanId, keys);
        }
      }
      return { isHuman: entry.isHuman, poyId: entry.poyId };
    },
    close() {
      unsubscribe();
    },
  };
}
