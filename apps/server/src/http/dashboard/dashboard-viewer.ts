// The signed-in member a dashboard request acts for. The session hook of http/dashboard/dashboard-scope.ts
// sets it from the session cookie before any signed-in dashboard route runs; routes read it and check
// every action with requireAction (http/dashboard/dashboard-route-helpers.ts) against
// core/members/member-roles.ts.
import type { MemberRole } from '../../core/members/member-roles.ts';

export interface DashboardViewer {
  memberId: string;
  accountId: string;
  accountName: string;
  displayName: string;
  role: MemberRole;
  /** The dashboard session (dse_…); sign-out and rotation act on it. */
  sessionId: string;
  /** The anti-forgery token every state-changing form and request must carry (field `_csrf`). */
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Null outside the dashboard, and inside it before sign-in. */
    dashboardViewer: DashboardViewer | null;
  }
}
