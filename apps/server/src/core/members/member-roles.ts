// Who in an account may do what in the dashboard. The server checks every action against this table
// (http/dashboard/require-action.ts); the pages only hide what the table refuses, they never decide.
// Threat: a member with a weaker role forging a request the page did not offer them. Answer: one
// table, consulted on the server for every state change and every read, with no other path to a
// permission.

export type MemberRole = 'owner' | 'admin' | 'developer' | 'viewer';
export const MEMBER_ROLES: readonly MemberRole[] = ['owner', 'admin', 'developer', 'viewer'];

export function isMemberRole(value: string): value is MemberRole {
  return (MEMBER_ROLES as readonly string[]).includes(value);
}

/** Everything a member can do in the dashboard, one name per kind of action (docs/dashboard.md §2). */
export type DashboardAction =
  /** See projects, keys (prefix only), webhooks, deliveries, verifications, usage. */
  | 'dashboard.read'
  | 'project.create'
  | 'project.update'
  | 'key.create'
  | 'key.revoke'
  /** Create, change, delete webhook endpoints and rotate or reveal their secrets. */
  | 'webhook.manage'
  /** Replay deliveries and send test events. */
  | 'webhook.replay'
  /** Revoke or delete a verification or user. */
  | 'verification.manage'
  | 'review.decide'
  /** Invite, change the role of, and remove members. */
  | 'member.manage'
  | 'audit.read';

const ALLOWED_ROLES: Readonly<Record<DashboardAction, readonly MemberRole[]>> = {
  'dashboard.read': ['owner', 'admin', 'developer', 'viewer'],
  'project.create': ['owner', 'admin'],
  'project.update': ['owner', 'admin'],
  'key.create': ['owner', 'admin', 'developer'],
  'key.revoke': ['owner', 'admin', 'developer'],
  'webhook.manage': ['owner', 'admin', 'developer'],
  'webhook.replay': ['owner', 'admin', 'developer'],
  'verification.manage': ['owner', 'admin'],
  'review.decide': ['owner', 'admin'],
  'member.manage': ['owner', 'admin'],
  'audit.read': ['owner', 'admin'],
};

export const DASHBOARD_ACTIONS = Object.keys(ALLOWED_ROLES) as DashboardAction[];

export function canPerform(role: MemberRole, action: DashboardAction): boolean {
  return ALLOWED_ROLES[action].includes(role);
}

/**
 * Roles a member may give or take away. Only an owner makes or unmakes owners, so an admin cannot
 * promote themselves past the account's owners or lock them out.
 */
export function canAssignRole(actor: MemberRole, target: MemberRole): boolean {
  if (!canPerform(actor, 'member.manage')) return false;
  return target !== 'owner' || actor === 'owner';
}
