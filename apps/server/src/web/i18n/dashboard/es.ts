// The dashboard's Spanish catalog, assembled from its area files (same keys as en.ts).
import type { enDashboard } from './en.ts';
import { esAuth } from './es-auth.ts';
import { esProjects } from './es-projects.ts';
import { esShell } from './es-shell.ts';
import { esTeam } from './es-team.ts';
import { esUsage } from './es-usage.ts';
import { esVerifications } from './es-verifications.ts';
import { esWebhooks } from './es-webhooks.ts';

export const esDashboard: Readonly<Record<keyof typeof enDashboard, string>> = {
  ...esShell,
  ...esAuth,
  ...esProjects,
  ...esWebhooks,
  ...esVerifications,
  ...esUsage,
  ...esTeam,
};
