// What `GET /api/poy/project` warns about (docs/api.md §5): settings a live integration should not
// run without. Test mode is for trying things, so it is not nagged.
import type { KeyMode, Project } from '../../store/store.ts';

export const PROJECT_WARNINGS = ['redirect_origins_unset'] as const;
export type ProjectWarning = (typeof PROJECT_WARNINGS)[number];

export function projectWarningsOf(
  project: Pick<Project, 'redirectOrigins'>,
  mode: KeyMode,
): ProjectWarning[] {
  const warnings: ProjectWarning[] = [];
  // Without a list, any http(s) redirect_url is accepted: an invite could send people anywhere.
  if (mode === 'live' && project.redirectOrigins.length === 0) warnings.push('redirect_origins_unset');
  return warnings;
}
