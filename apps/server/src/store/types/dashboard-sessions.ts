// Dashboard sessions: one row per sign-in, found by the digest of the cookie's token.
import type { Member } from './members.ts';

export interface DashboardSession {
  id: string;
  memberId: string;
  /** A short summary of the browser (never the full header), for the member's list of sessions. */
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
}

export interface NewDashboardSession extends Omit<DashboardSession, 'revokedAt'> {
  tokenHashHex: string;
}

/** A session with its member and account name: what a dashboard request needs, in one query. */
export interface DashboardSessionWithMember {
  session: DashboardSession & { tokenHashHex: string };
  member: Member;
  accountName: string;
}

export interface DashboardSessionsStore {
  insertDashboardSession(session: NewDashboardSession): Promise<DashboardSession>;
  findDashboardSessionByTokenHash(tokenHashHex: string): Promise<DashboardSessionWithMember | null>;
  /** Moves last_seen_at forward (never back). */
  touchDashboardSession(id: string, at: Date): Promise<void>;
  /** True when the session was open and is now revoked. */
  revokeDashboardSession(id: string, at: Date): Promise<boolean>;
  /** Revokes every open session of the member; returns how many. */
  revokeMemberDashboardSessions(memberId: string, at: Date): Promise<number>;
  /** The member's sessions not revoked and started after `createdAfter`, newest first. */
  listDashboardSessions(memberId: string, options: { createdAfter: Date }): Promise<DashboardSession[]>;
}
