// Dashboard sessions of account members. Threats and answers:
// - A stolen database: the cookie's token is 256 random bits and only its SHA-256 digest is stored.
// - Session fixation: every sign-in opens a new session with a new id and token (rotation); the session
//   the browser presented before, if any, is revoked.
// - A forgotten or stolen cookie living on: a session ends after SESSION_IDLE_TIMEOUT_MS without use
//   and SESSION_ABSOLUTE_TIMEOUT_MS after sign-in, whatever happens; sign-out and sign-out everywhere
//   revoke rows, and a removed member's sessions stop at once (checked on every request).
// - Cross-site request forgery: the anti-forgery token is an HMAC of the session token under a key
//   derived for this alone, so it is bound to the session, needs no storage, and reveals nothing of the
//   token. The caller (http/dashboard) compares it in constant time and checks the request's origin.
// Time comes from the injected clock, so every timeout is testable.
import { createHmac } from 'node:crypto';
import type { DashboardSession, StoreOperations } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createId, randomBase62 } from '../ids.ts';
import type { ServerSecrets } from '../secrets.ts';
import { bytesEqual, digestsEqual, hashToken } from '../token-digest.ts';
import type { MemberRole } from './member-roles.ts';

/** A session unused for this long is over (docs/dashboard.md §1). */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60_000;
/** A session is over this long after sign-in, however active (docs/dashboard.md §1). */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often, so reading pages does not mean writing rows. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

/** 43 base62 characters ≈ 256 random bits. */
const SESSION_TOKEN_LENGTH = 43;
const SESSION_TOKEN_PATTERN = /^[0-9A-Za-z]{43}$/;
const CSRF_CONTEXT = 'poy-dashboard-csrf-v1|';

export interface MemberSessionDeps {
  store: Pick<
    StoreOperations,
    | 'findDashboardSessionByTokenHash'
    | 'touchDashboardSession'
    | 'revokeDashboardSession'
    | 'revokeMemberDashboardSessions'
    | 'listDashboardSessions'
  >;
  clock: Clock;
  secrets: Pick<ServerSecrets, 'dashboardCsrfKey'>;
}

/** A signed-in member as a dashboard request sees them. */
export interface SignedInMember {
  memberId: string;
  accountId: string;
  accountName: string;
  displayName: string;
  role: MemberRole;
  sessionId: string;
  csrfToken: string;
}

export interface OpenedMemberSession {
  sessionId: string;
  /** Goes into the HttpOnly cookie; never stored. */
  token: string;
  csrfToken: string;
}

/** The anti-forgery token of a session: base64url(HMAC-SHA256(csrf key, context ‖ session token)). */
export function deriveCsrfToken(
  secrets: Pick<ServerSecrets, 'dashboardCsrfKey'>,
  sessionToken: string,
): string {
  return createHmac('sha256', secrets.dashboardCsrfKey)
    .update(`${CSRF_CONTEXT}${sessionToken}`, 'utf8')
    .digest('base64url');
}

/** Constant-time comparison of a presented anti-forgery token with the session's. */
export function csrfTokenMatches(expected: string, presented: string): boolean {
  return bytesEqual(Buffer.from(expected, 'utf8'), Buffer.from(presented, 'utf8'));
}

/**
 * Opens a new session for the member through `tx`: call it in the transaction that records the
 * sign-in, so the session and its audit event commit together.
 */
export async function openMemberSession(
  tx: Pick<StoreOperations, 'insertDashboardSession'>,
  deps: { clock: Clock; secrets: Pick<ServerSecrets, 'dashboardCsrfKey'> },
  input: { memberId: string; userAgent: string },
): Promise<OpenedMemberSession> {
  const now = deps.clock.now();
  const token = randomBase62(SESSION_TOKEN_LENGTH);
  const session = await tx.insertDashboardSession({
    id: createId('dse'),
    memberId: input.memberId,
    tokenHashHex: hashToken(token),
    userAgent: input.userAgent.slice(0, 200),
    createdAt: now,
    lastSeenAt: now,
  });
  return { sessionId: session.id, token, csrfToken: deriveCsrfToken(deps.secrets, token) };
}

/** Whether a session is still usable at `now` (not revoked, within both timeouts). */
export function isSessionLive(session: DashboardSession, now: Date): boolean {
  if (session.revokedAt !== null) return false;
  const nowMs = now.getTime();
  if (nowMs - session.createdAt.getTime() >= SESSION_ABSOLUTE_TIMEOUT_MS) return false;
  return nowMs - session.lastSeenAt.getTime() < SESSION_IDLE_TIMEOUT_MS;
}

/**
 * The member a session token signs in, or null: unknown, revoked, idle or too old, or the member was
 * removed. Records the use (at most once a minute).
 */
export async function verifyMemberSession(
  deps: MemberSessionDeps,
  token: string,
): Promise<SignedInMember | null> {
  if (!SESSION_TOKEN_PATTERN.test(token)) return null;
  const tokenHashHex = hashToken(token);
  const found = await deps.store.findDashboardSessionByTokenHash(tokenHashHex);
  if (!found || !digestsEqual(found.session.tokenHashHex, tokenHashHex)) return null;
  const now = deps.clock.now();
  if (found.member.removedAt !== null || !isSessionLive(found.session, now)) return null;
  if (now.getTime() - found.session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
    await deps.store.touchDashboardSession(found.session.id, now);
  }
  return {
    memberId: found.member.id,
    accountId: found.member.accountId,
    accountName: found.accountName,
    displayName: found.member.displayName,
    role: found.member.role,
    sessionId: found.session.id,
    csrfToken: deriveCsrfToken(deps.secrets, token),
  };
}

/** Ends one session (sign-out). */
export async function revokeMemberSession(deps: MemberSessionDeps, sessionId: string): Promise<void> {
  await deps.store.revokeDashboardSession(sessionId, deps.clock.now());
}

/** Ends the session a token names, if any (the old session at a new sign-in). */
export async function revokeMemberSessionByToken(deps: MemberSessionDeps, token: string): Promise<void> {
  if (!SESSION_TOKEN_PATTERN.test(token)) return;
  const found = await deps.store.findDashboardSessionByTokenHash(hashToken(token));
  if (found) await deps.store.revokeDashboardSession(found.session.id, deps.clock.now());
}

/** The member's sessions that still work, newest first (the security page). */
export async function listMemberSessions(
  deps: MemberSessionDeps,
  memberId: string,
): Promise<DashboardSession[]> {
  const now = deps.clock.now();
  const sessions = await deps.store.listDashboardSessions(memberId, {
    createdAfter: new Date(now.getTime() - SESSION_ABSOLUTE_TIMEOUT_MS),
  });
  return sessions.filter((session) => isSessionLive(session, now));
}
