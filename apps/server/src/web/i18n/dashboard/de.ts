// The dashboard's German catalog, assembled from its area files (same keys as en.ts).

import { deAuth } from './de-auth.ts';
import { deProjects } from './de-projects.ts';
import { deShell } from './de-shell.ts';
import { deTeam } from './de-team.ts';
import { deUsage } from './de-usage.ts';
import { deVerifications } from './de-verifications.ts';
import { deWebhooks } from './de-webhooks.ts';
import type { enDashboard } from './en.ts';

export const deDashboard: Readonly<Record<keyof typeof enDashboard, string>> = {
  ...deShell,
  ...deAuth,
  ...deProjects,
  ...deWebhooks,
  ...deVerifications,
  ...deUsage,
  ...deTeam,
};
