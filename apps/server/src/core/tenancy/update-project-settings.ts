// Settings an operator changes on an existing project (`poy project update`): the invite lifetime and
// the assurance policy (docs/assurance.md §2). The change and its `project.updated` audit event commit
// together.
import type { Project, Store } from '../../store/store.ts';
import { type AssurancePolicyPatch, checkAssurancePolicyPatch } from '../assurance/policy-settings.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';
import { describeProjectSettingsChange } from './project-settings-changes.ts';

/**
 * A project's invite lifetime: at least 5 minutes (time to find a phone and finish), at most 30 days
 * (an invite URL is a capability; it should not outlive its purpose). The database checks the same.
 */
export const INVITE_TTL_SECONDS_BOUNDS = { min: 300, max: 2_592_000 } as const;

export interface ProjectSettingsInput extends AssurancePolicyPatch {
  /** A number of seconds, or null for the deployment's default (INVITE_TTL_SECONDS). */
  inviteTtlSeconds?: number | null;
}

export type UpdateProjectSettingsResult =
  | { ok: true; project: Project }
  | { ok: false; reason: 'project_not_found' | 'invite_ttl_out_of_bounds' }
  /** `problem` names the field and what is wrong with it, for the operator. */
  | { ok: false; reason: 'invalid_assurance_policy'; problem: string };

export function isInviteTtlInBounds(seconds: number): boolean {
  return (
    Number.isInteger(seconds) &&
    seconds >= INVITE_TTL_SECONDS_BOUNDS.min &&
    seconds <= INVITE_TTL_SECONDS_BOUNDS.max
  );
}

/**
 * Invite lifetimes apply to invites created from now on; invites already handed out keep their expiry.
 * A policy change applies to every step that runs after it, in every process (the change is announced).
 */
export async function updateProjectSettings(
  deps: { store: Store; clock: Clock },
  projectId: string,
  input: ProjectSettingsInput,
  actor: AuditActor = { kind: 'system' },
): Promise<UpdateProjectSettingsResult> {
  const { inviteTtlSeconds: ttl, ...policyInput } = input;
  if (ttl !== undefined && ttl !== null && !isInviteTtlInBounds(ttl)) {
    return { ok: false, reason: 'invite_ttl_out_of_bounds' };
  }
  return deps.store.transaction(async (tx): Promise<UpdateProjectSettingsResult> => {
    const current = await tx.findProjectById(projectId);
    if (!current) return { ok: false, reason: 'project_not_found' };
    const policy = checkAssurancePolicyPatch(current, policyInput);
    if (!policy.ok) return { ok: false, reason: 'invalid_assurance_policy', problem: policy.problem };
    const project = await tx.updateProjectSettings(projectId, {
      ...(ttl === undefined ? {} : { inviteTtlSeconds: ttl }),
      ...policy.patch,
    });
    if (!project) return { ok: false, reason: 'project_not_found' };
    const change = describeProjectSettingsChange(current, project);
    if (change.changed.length > 0) {
      await recordAuditEvent(tx, deps.clock, actor, {
        accountId: project.accountId,
        projectId: project.id,
        action: 'project.updated',
        target: { kind: 'project', id: project.id },
        details: change.details,
      });
    }
    return { ok: true, project };
  });
}
