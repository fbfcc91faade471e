// The dashboard's Arabic catalog, assembled from its area files (same keys as en.ts).

import { arAuth } from './ar-auth.ts';
import { arProjects } from './ar-projects.ts';
import { arShell } from './ar-shell.ts';
import { arTeam } from './ar-team.ts';
import { arUsage } from './ar-usage.ts';
import { arVerifications } from './ar-verifications.ts';
import { arWebhooks } from './ar-webhooks.ts';
import type { enDashboard } from './en.ts';

export const arDashboard: Readonly<Record<keyof typeof enDashboard, string>> = {
  ...arShell,
  ...arAuth,
  ...arProjects,
  ...arWebhooks,
  ...arVerifications,
  ...arUsage,
  ...arTeam,
};
