import type { Project } from '../../store/store.ts';

export interface RateLimitWindow {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

const MINUTE_SECONDS = 60;
const DAY_SECONDS = 86_400;

const FREE_WINDOWS: readonly RateLimitWindow[] = [
  { limit: 60, windowSeconds: MINUTE_SECONDS },
  { limit: 1_000, windowSeconds: DAY_SECONDS },
];
const PRO_WINDOWS: readonly RateLimitWindow[] = [
  { limit: 300, windowSeconds: MINUTE_SECONDS },
  { limit: 50_000, windowSeconds: DAY_SECONDS },
];

// Project records are replaced, never changed, when their plan or limits change, so the windows of
// one record can be worked out once: this runs on every API request.
const windowsOfProject = new WeakMap<Project, readonly RateLimitWindow[]>();

/** docs/api.md §3: Free 60/min and 1,000/day; Pro 300/min and 50,000/day; Enterprise set per project. */
export function rateLimitWindowsForProject(project: Project): readonly RateLimitWindow[] {
  if (project.plan === 'free') return FREE_WINDOWS;
  if (project.plan === 'pro') return PRO_WINDOWS;
  let windows = windowsOfProject.get(project);
  if (windows === undefined) {
    windows = enterpriseWindows(project);
    windowsOfProject.set(project, windows);
  }
  return windows;
}

function enterpriseWindows(project: Project): RateLimitWindow[] {
  switch (project.plan) {
    case 'free':
    case 'pro':
      return [];
    case 'enterprise': {
      const windows: RateLimitWindow[] = [];
      if (project.rateLimitPerMinute !== null) {
        windows.push({ limit: project.rateLimitPerMinute, windowSeconds: MINUTE_SECONDS });
      }
      if (project.rateLimitPerDay !== null)
        windows.push({ limit: project.rateLimitPerDay, windowSeconds: DAY_SECONDS });
      return windows;
    }
  }
}
