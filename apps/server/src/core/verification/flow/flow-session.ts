// Finding the session behind an invite code, and what every step checks first: the session must be
// pending and in time (an invite past its time is expired on the spot, with its event), and after the
// passkey step the caller must hold the flow token, compared by digest in constant time. Every step
// after `start` must also come from the device the invite is bound to (device-binding.ts).
import { createHmac } from 'node:crypto';
import type { StoreOperations, VerificationSession } from '../../../store/store.ts';
import type { CoreContext } from '../../context.ts';
import { digestsEqual, hashToken } from '../../token-digest.ts';
import { INVITE_CODE_PATTERN } from '../invite-codes.ts';
import { expireVerificationSession } from '../verification-sessions.ts';
import { deviceRefusal } from './device-binding.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';

/** Who asks for a step: the invite code in the path, and the device secret the browser holds (or null). */
export interface FlowInvite {
  code: string;
  deviceSecret: string | null;
}

export function hashUserAgent(deps: Pick<CoreContext, 'secrets'>, userAgent: string): string {
  return createHmac('sha256', deps.secrets.userAgentKey).update(userAgent).digest('hex');
}

/** Finds the session behind an invite code (any state), or null for a malformed or unknown code. */
export async function findSessionByInviteCode(
  deps: Pick<CoreContext, 'store'>,
  code: string,
  tx?: StoreOperations,
  options: { forUpdate?: boolean } = {},
): Promise<VerificationSession | null> {
  if (!INVITE_CODE_PATTERN.test(code)) return null;
  return (tx ?? deps.store).findSessionByInviteHash(hashToken(code), options);
}

/** Loads a session that can still be worked on, expiring it (with its event) if its time is up. */
async function requirePendingSession(
  tx: StoreOperations,
  deps: CoreContext,
  code: string,
): Promise<FlowResult<VerificationSession>> {
  const session = await findSessionByInviteCode(deps, code, tx, { forUpdate: true });
  if (!session) return fail('invite_not_found');
  if (session.status === 'EXPIRED') return fail('invite_expired');
  if (session.status !== 'PENDING') return fail('invite_finished');
  if (session.expiresAt <= deps.clock.now()) {
    await expireVerificationSession(tx, deps, session);
    return fail('invite_expired');
  }
  return succeed(session);
}

/**
 * `start` only, which decides the binding itself: the session locked and pending, whatever device asks.
 * Expiry must persist even though the caller's request fails, so it runs in its own transaction.
 */
export async function withPendingSessionOnAnyDevice<T>(
  deps: CoreContext,
  code: string,
  fn: (tx: StoreOperations, session: VerificationSession) => Promise<FlowResult<T>>,
): Promise<FlowResult<T>> {
  return deps.store.transaction(async (tx) => {
    const pending = await requirePendingSession(tx, deps, code);
    if (!pending.ok) return fail(pending.reason);
    return fn(tx, pending.value);
  });
}

/** Every writing step after `start`: the session locked, pending and bound to the asking device. */
export async function withPendingSession<T>(
  deps: CoreContext,
  invite: FlowInvite,
  fn: (tx: StoreOperations, session: VerificationSession) => Promise<FlowResult<T>>,
): Promise<FlowResult<T>> {
  return withPendingSessionOnAnyDevice(deps, invite.code, async (tx, session) => {
    const refusal = deviceRefusal(session, invite.deviceSecret);
    return refusal ? fail(refusal) : fn(tx, session);
  });
}

/**
 * For the steps that only hand something out (WebAuthn options, the interaction challenge): the same
 * refusals as the writing steps, so an invite past its time is expired on the spot (with its event)
 * and answered as expired rather than served or reported as "already used". The common case (pending,
 * in time) needs no transaction.
 */
export async function requireOpenSession(
  deps: CoreContext,
  invite: FlowInvite,
): Promise<FlowResult<VerificationSession>> {
  const session = await findSessionByInviteCode(deps, invite.code);
  if (!session) return fail('invite_not_found');
  if (session.status === 'PENDING' && session.expiresAt > deps.clock.now()) {
    const refusal = deviceRefusal(session, invite.deviceSecret);
    return refusal ? fail(refusal) : succeed(session);
  }
  return withPendingSession(deps, invite, async (_tx, pending) => succeed(pending));
}

export function isFlowTokenValid(session: VerificationSession, flowToken: string): boolean {
  return session.flowTokenHashHex !== null && digestsEqual(hashToken(flowToken), session.flowTokenHashHex);
}
