// The dashboard's French catalog, assembled from its area files (same keys as en.ts).
import type { enDashboard } from './en.ts';
import { frAuth } from './fr-auth.ts';
import { frProjects } from './fr-projects.ts';
import { frShell } from './fr-shell.ts';
import { frTeam } from './fr-team.ts';
import { frUsage } from './fr-usage.ts';
import { frVerifications } from './fr-verifications.ts';
import { frWebhooks } from './fr-webhooks.ts';

export const frDashboard: Readonly<Record<keyof typeof enDashboard, string>> = {
  ...frShell,
  ...frAuth,
  ...frProjects,
  ...frWebhooks,
  ...frVerifications,
  ...frUsage,
  ...frTeam,
};
