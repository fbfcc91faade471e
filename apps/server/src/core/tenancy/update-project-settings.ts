// Settings an operator changes on an existing project (`poy project update`).
import type { Project, Store } from '../../store/store.ts';

/**
 * A project's invite lifetime: at least 5 minutes (time to find a phone and finish), at most 30 days
 * (an invite URL is a capability; it should not outlive its purpose). The database checks the same.
 */
export const INVITE_TTL_SECONDS_BOUNDS = { min: 300, max: 2_592_000 } as const;

export interface ProjectSettingsInput {
  /** A number of seconds, or null for the deployment's default (INVITE_TTL_SECONDS). */
  inviteTtlSeconds?: number | null;
}

export type UpdateProjectSettingsResult =
  | { ok: true; project: Project }
  | { ok: false; reason: 'project_not_found' | 'invite_ttl_out_of_bounds' };

export function isInviteTtlInBounds(seconds: number): boolean {
  return (
    Number.isInteger(seconds) &&
    seconds >= INVITE_TTL_SECONDS_BOUNDS.min &&
    seconds <= INVITE_TTL_SECONDS_BOUNDS.max
  );
}

/** Applies to invites created from now on; invites already handed out keep their expiry. */
export async function updateProjectSettings(
  deps: { store: Store },
  projectId: string,
  input: ProjectSettingsInput,
): Promise<UpdateProjectSettingsResult> {
  const ttl = input.inviteTtlSeconds;
  if (ttl !== undefined && ttl !== null && !isInviteTtlInBounds(ttl)) {
    return { ok: false, reason: 'invite_ttl_out_of_bounds' };
  }
  const project = await deps.store.updateProjectSettings(
    projectId,
    ttl === undefined ? {} : { inviteTtlSeconds: ttl },
  );
  return project ? { ok: true, project } : { ok: false, reason: 'project_not_found' };
}
