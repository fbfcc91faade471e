// `poy project update --redirect-origin …`: replaces a project's allowed redirect origins (docs/api.md
// §1). Each is validated and normalized (redirect-origins.ts) so the comparison at register time is exact;
// one bad origin refuses the whole list, so a typo never leaves the project half configured.
import type { Project, Store } from '../../store/store.ts';
import { normalizeRedirectOrigin, type RedirectOriginProblem } from '../verification/redirect-origins.ts';

export type SetRedirectOriginsResult =
  | { ok: true; project: Project }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid_origin'; origin: string; problem: RedirectOriginProblem };

export async function setRedirectOrigins(
  deps: { store: Store },
  input: { projectId: string; origins: readonly string[] },
): Promise<SetRedirectOriginsResult> {
  const normalized: string[] = [];
  for (const origin of input.origins) {
    const checked = normalizeRedirectOrigin(origin);
    if (!checked.ok) return { ok: false, reason: 'invalid_origin', origin, problem: checked.problem };
    if (!normalized.includes(checked.origin)) normalized.push(checked.origin);
  }
  const project = await deps.store.setProjectRedirectOrigins(input.projectId, normalized);
  return project ? { ok: true, project } : { ok: false, reason: 'not_found' };
}
