// The dashboard's English catalog, assembled from its area files (spread into the hosted pages' catalog).
import { enAuth } from './en-auth.ts';
import { enProjects } from './en-projects.ts';
import { enShell } from './en-shell.ts';
import { enTeam } from './en-team.ts';
import { enUsage } from './en-usage.ts';
import { enVerifications } from './en-verifications.ts';
import { enWebhooks } from './en-webhooks.ts';

export const enDashboard = {
  ...enShell,
  ...enAuth,
  ...enProjects,
  ...enWebhooks,
  ...enVerifications,
  ...enUsage,
  ...enTeam,
} as const;
