// `poy project update --redirect-origin …`: replaces a project's allowed redirect origins (docs/api.md
// §1). Each is validated and normalized (redirect-origins.ts) so the comparison at register time is exact;
// one bad origin refuses the whole list, so a typo never leaves the project half configured. The change
// and its `project.updated` audit event commit together.
import type { Project, Store } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';
import { normalizeRedirectOrigin, type RedirectOriginProblem } from '../verification/redirect-origins.ts';
import { describeProjectSettingsChange } from './project-settings-changes.ts';

export type SetRedirectOriginsResult =
  | { ok: true; project: Project }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid_origin'; origin: string; problem: RedirectOriginProblem };

export async function setRedirectOrigins(
  deps: { store: Store; clock: Clock },
  input: { projectId: string; origins: readonly string[] },
  actor: AuditActor = { kind: 'system' },
): Promise<SetRedirectOriginsResult> {
  const normalized: string[] = [];
  for (const origin of input.origins) {
    const checked = normalizeRedirectOrigin(origin);
    if (!checked.ok) return { ok: false, reason: 'invalid_origin', origin, problem: checked.problem };
    if (!normalized.includes(checked.origin)) normalized.push(checked.origin);
  }
  return deps.store.transaction(async (tx): Promise<SetRedirectOriginsResult> => {
    const current = await tx.findProjectById(input.projectId);
    if (!current) return { ok: false, reason: 'not_found' };
    const project = await tx.setProjectRedirectOrigins(input.projectId, normalized);
    if (!project) return { ok: false, reason: 'not_found' };
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
