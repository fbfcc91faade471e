import type {
  ConnectUser,
  ConnectUserStatus,
  KeyMode,
  Project,
  SessionPurpose,
  StoreOperations,
  VerificationSession,
} from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { recordConnectEvent } from '../events/connect-events.ts';
import { recordPoyEvent } from '../events/poy-events.ts';
import { createId } from '../ids.ts';
import { hashToken } from '../token-digest.ts';
import { deriveInviteCode, deriveShortCode } from './invite-codes.ts';

/** What an invite's own fate looks like in Connect terms (the session, not the user's latest state). */
export function inviteStatusOf(session: VerificationSession): ConnectUserStatus {
  switch (session.status) {
    case 'PENDING':
      return 'PENDING';
    case 'EXPIRED':
      return 'EXPIRED';
    case 'CANCELLED':
      return 'REVOKED';
    case 'COMPLETED':
      if (session.outcome === 'review') return 'IN_REVIEW';
      return session.outcome === 'verified' ? 'VERIFIED' : 'UNFULFILLABLE';
  }
}

export function inviteUrlOf(deps: Pick<CoreContext, 'publicUrl' | 'secrets'>, sessionId: string): string {
  return `${deps.publicUrl}/i/${deriveInviteCode(deps.secrets, sessionId)}`;
}

/** The invite lifetime of a project: its own setting, else the deployment's (docs/api.md §4.1). */
export function inviteTtlSecondsOf(
  project: Pick<Project, 'inviteTtlSeconds'> | null,
  deps: Pick<CoreContext, 'inviteTtlSeconds'>,
): number {
  return project?.inviteTtlSeconds ?? deps.inviteTtlSeconds;
}

/**
 * Opens a pending session that lives for the project's invite lifetime; a code collision
 * (astronomically rare) just draws another session id.
 */
export async function openVerificationSession(
  tx: StoreOperations,
  deps: Pick<CoreContext, 'clock' | 'secrets' | 'inviteTtlSeconds'>,
  input: { projectId: string; mode: KeyMode; purpose: SessionPurpose; connectUserId: string | null },
): Promise<VerificationSession> {
  const now = deps.clock.now();
  const ttlSeconds = inviteTtlSecondsOf(await tx.findProjectById(input.projectId), deps);
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = createId('vs');
    const session = await tx.insertVerificationSession({
      id,
      projectId: input.projectId,
      mode: input.mode,
      purpose: input.purpose,
      connectUserId: input.connectUserId,
      inviteCodeHashHex: hashToken(deriveInviteCode(deps.secrets, id)),
      shortCodeHashHex: hashToken(deriveShortCode(deps.secrets, id)),
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      createdAt: now,
    });
    if (session) return session;
  }
  throw new Error('Could not open a verification session: repeated code collisions');
}

/**
 * Marks a pending session expired and, for a Connect user still waiting on it, the user too, with the
 * USER_VERIFICATION_DETERMINED_UNFULFILLABLE (EXPIRED) and user.expired events. Call inside a
 * transaction.
 */
export async function expireVerificationSession(
  tx: StoreOperations,
  deps: Pick<CoreContext, 'clock'>,
  session: VerificationSession,
): Promise<ConnectUser | null> {
  const now = deps.clock.now();
  await tx.updateVerificationSession(session.id, { status: 'EXPIRED', outcome: 'expired', completedAt: now });
  if (!session.connectUserId) return null;
  const user = await tx.findConnectUserById(session.connectUserId);
  if (user?.status !== 'PENDING') return user;
  const expired = await tx.updateConnectUser(user.id, {
    status: 'EXPIRED',
    unfulfillableReason: 'EXPIRED',
    updatedAt: now,
  });
  await recordExpiryEvents(tx, deps, expired);
  return expired;
}

/**
 * The expiry of a Connect user's attempt on both surfaces (docs/api.md §4.5, §6), written in the
 * transaction that marks it expired.
 */
export async function recordExpiryEvents(
  tx: StoreOperations,
  deps: Pick<CoreContext, 'clock'>,
  user: ConnectUser,
): Promise<void> {
  await recordConnectEvent(tx, deps.clock, {
    type: 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE',
    user,
    reason: 'EXPIRED',
  });
  await recordPoyEvent(tx, deps.clock, {
    projectId: user.projectId,
    mode: user.mode,
    event: 'user.expired',
    data: { userId: user.referenceUserId, reason: 'EXPIRED', reasons: ['EXPIRED'] },
  });
}

/** The sweeper: expires every pending session past its time. Returns how many it expired. */
export async function expireDueSessions(
  deps: Pick<CoreContext, 'store' | 'clock'>,
  batchSize = 100,
): Promise<number> {
  const due = await deps.store.listExpiredPendingSessions(deps.clock.now(), batchSize);
  let expired = 0;
  for (const candidate of due) {
    const done = await deps.store.transaction(async (tx) => {
      // Re-read under lock: the person may have finished in the meantime.
      const session = await tx.findSessionById(candidate.id, { forUpdate: true });
      if (session?.status !== 'PENDING' || session.expiresAt > deps.clock.now()) return false;
      await expireVerificationSession(tx, deps, session);
      return true;
    });
    if (done) expired++;
  }
  return expired;
}
