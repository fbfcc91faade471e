// What the hosted pages need to know about an invite. The HTTP layer fills it from the store; the
// templates and the status/events routes only read it.
import type { ProjectBranding } from '../core/tenancy/project-branding.ts';

export type InviteStatus = 'PENDING' | 'IN_REVIEW' | 'VERIFIED' | 'UNFULFILLABLE' | 'EXPIRED' | 'REVOKED';

/** IN_REVIEW is terminal for the person: their part is done, and a reviewer decides. */
export const TERMINAL_STATUSES: ReadonlySet<InviteStatus> = new Set([
  'IN_REVIEW',
  'VERIFIED',
  'UNFULFILLABLE',
  'EXPIRED',
  'REVOKED',
]);

export function isTerminalStatus(status: InviteStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export interface InvitePageModel {
  status: InviteStatus;
  /** The name shown for the project (its brand name, else its name). */
  projectName: string;
  /** The project's logo and accent; the templates check both again before rendering them. */
  branding: ProjectBranding;
  /** `test` shows the sandbox banner and, on the phone, the outcome simulator. */
  mode: 'live' | 'test';
  dataRequestType: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID' | 'IS_PHONE_NUMBER_VERIFIED';
  /** Display form, e.g. `ABCD-2345`, typed at /join. */
  shortCode: string;
  /** Absolute; the QR code encodes it. */
  inviteUrl: string;
  /** The final redirect (with `status` and `user_id`) once terminal; null before, or when none was given. */
  redirectUrl: string | null;
  expiresAt: Date;
  /**
   * `other_device`: the phone flow is bound to a device other than the one asking (the page says so
   * instead of offering a flow that would be refused); `this_device` or `unbound` otherwise.
   */
  device: 'unbound' | 'this_device' | 'other_device';
  /** The project's own site (its first redirect origin), offered when the link can no longer be used. */
  projectSiteUrl: string | null;
}
