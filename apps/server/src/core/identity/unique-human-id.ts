import { createHmac } from 'node:crypto';
import type { KeyMode } from '../../store/store.ts';
import type { ServerSecrets } from '../secrets.ts';

/** The scope a uniqueness region maps to: the whole project (''), or the region id. */
export function uniquenessScopeOf(uniquenessRegionId: string | null): string {
  return uniquenessRegionId ?? '';
}

/**
 * `uh_` + a keyed hash of (human, project, mode, scope): stable for one person within one project and
 * region, unlinkable across projects and regions by anyone without the server key.
 */
export function computeUniqueHumanId(
  secrets: ServerSecrets,
  input: { humanId: string; projectId: string; mode: KeyMode; scope: string },
): string {
  const mac = createHmac('sha256', secrets.uniqueHumanIdKey)
    .update(JSON.stringify([input.humanId, input.projectId, input.mode, input.scope]))
    .digest('hex');
  return `uh_${mac.slice(0, 32)}`;
}
