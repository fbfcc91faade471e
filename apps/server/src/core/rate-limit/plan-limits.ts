import type { Project } from '../../store/store.ts';

export interface RateLimitWindow {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

const MINUTE_SECONDS = 60;
const DAY_SECONDS = 86_400;

/** docs/api.md §3: Free 60/min and 1,000/day; Pro 300/min and 50,000/day; Enterprise set per project. */
export function rateLimitWindowsForProject(project: Project): RateLimitWindow[] {
  switch (project.plan) {
    case 'free':
      return [
        { limit: 60, windowSeconds: MINUTE_SECONDS },
        { limit: 1_000, windowSeconds: DAY_SECONDS },
      ];
    case 'pro':
      return [
        { limit: 300, windowSeconds: MINUTE_SECONDS },
        { limit: 50_000, windowSeconds: DAY_SECONDS },
      ];
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
