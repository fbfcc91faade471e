// The Connect user lifecycle (docs/api.md §4.1–§4.3): register (idempotent per project, mode and
// reference_user_id), status, revoke, delete. Every state change and its event share a transaction.
import type {
  ConnectUser,
  ConnectUserKey,
  ConnectUserPatch,
  DataRequestType,
  KeyMode,
  Project,
  StoreOperations,
  VerificationSession,
} from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { CoreContext } from '../context.ts';
import { recordConnectEvent } from '../events/connect-events.ts';
import { createId } from '../ids.ts';
import { isRedirectUrlAllowed } from './redirect-origins.ts';
import { expireVerificationSession, inviteUrlOf, openVerificationSession } from './verification-sessions.ts';

export interface RegisterConnectUserInput {
  project: Project;
  mode: KeyMode;
  referenceUserId: string;
  redirectUrl: string | null;
  dataRequestType: DataRequestType;
  uniquenessRegionId: string | null;
}

export type RegisterConnectUserResult =
  | { ok: true; user: ConnectUser; inviteUrl: string }
  | { ok: false; reason: 'redirect_url_not_allowed' };

async function lockOrCreateUser(
  tx: StoreOperations,
  deps: Pick<CoreContext, 'clock'>,
  input: RegisterConnectUserInput,
): Promise<{ user: ConnectUser; created: boolean }> {
  const key = { projectId: input.project.id, mode: input.mode, referenceUserId: input.referenceUserId };
  const existing = await tx.findConnectUser(key, { forUpdate: true });
  if (existing) return { user: existing, created: false };
  const now = deps.clock.now();
  const inserted = await tx.insertConnectUser({
    id: createId('bcu'),
    projectId: input.project.id,
    mode: input.mode,
    referenceUserId: input.referenceUserId,
    dataRequestType: input.dataRequestType,
    uniquenessRegionId: input.uniquenessRegionId,
    redirectUrl: input.redirectUrl,
    createdAt: now,
    updatedAt: now,
  });
  if (inserted) return { user: inserted, created: true };
  // A concurrent register won the insert; its row is committed by now (ON CONFLICT waited for it).
  const winner = await tx.findConnectUser(key, { forUpdate: true });
  if (!winner) throw new Error('Connect user vanished during register');
  return { user: winner, created: false };
}

/**
 * Puts a user back to PENDING with no verification result (optionally with new request parameters)
 * and opens a fresh invite for them. Call inside a transaction, with the user locked.
 */
export async function startNewAttempt(
  tx: StoreOperations,
  deps: Pick<CoreContext, 'clock' | 'secrets' | 'inviteTtlSeconds'>,
  user: ConnectUser,
  parameters: Pick<ConnectUserPatch, 'redirectUrl' | 'dataRequestType' | 'uniquenessRegionId'> = {},
): Promise<{ user: ConnectUser; session: VerificationSession }> {
  const reset = await tx.updateConnectUser(user.id, {
    status: 'PENDING',
    unfulfillableReason: null,
    humanId: null,
    humannessScore: null,
    uniqueHumanId: null,
    verifiedAt: null,
    ...parameters,
    updatedAt: deps.clock.now(),
  });
  const session = await openVerificationSession(tx, deps, {
    projectId: user.projectId,
    mode: user.mode,
    purpose: 'connect',
    connectUserId: user.id,
  });
  return { user: reset, session };
}

export async function registerConnectUser(
  deps: CoreContext,
  input: RegisterConnectUserInput,
): Promise<RegisterConnectUserResult> {
  // Refused before anything is written (docs/api.md §4.1).
  if (input.redirectUrl !== null && !isRedirectUrlAllowed(input.project.redirectOrigins, input.redirectUrl))
    return { ok: false, reason: 'redirect_url_not_allowed' };
  const { user, session } = await deps.store.transaction(async (tx) => {
    const { user: found, created } = await lockOrCreateUser(tx, deps, input);
    const session = created ? null : await tx.findLatestSessionForConnectUser(found.id);
    const now = deps.clock.now();
    if (session && found.status === 'VERIFIED') return { user: found, session };
    if (session && found.status === 'PENDING' && session.status === 'PENDING') {
      if (session.expiresAt > now) return { user: found, session };
      await expireVerificationSession(tx, deps, session);
    }
    if (created) {
      const opened = await openVerificationSession(tx, deps, {
        projectId: found.projectId,
        mode: found.mode,
        purpose: 'connect',
        connectUserId: found.id,
      });
      return { user: found, session: opened };
    }
    // A new attempt with the latest request's parameters.
    return startNewAttempt(tx, deps, found, {
      redirectUrl: input.redirectUrl,
      dataRequestType: input.dataRequestType,
      uniquenessRegionId: input.uniquenessRegionId,
    });
  });
  return { ok: true, user, inviteUrl: inviteUrlOf(deps, session.id) };
}

/** Finds a user; a pending user whose invite has run out is expired first (with its event). */
export async function getConnectUserStatus(
  deps: CoreContext,
  key: ConnectUserKey,
): Promise<{ user: ConnectUser; session: VerificationSession | null } | null> {
  const user = await deps.store.findConnectUser(key);
  if (!user) return null;
  const session = await deps.store.findLatestSessionForConnectUser(user.id);
  if (
    user.status !== 'PENDING' ||
    !session ||
    session.status !== 'PENDING' ||
    session.expiresAt > deps.clock.now()
  ) {
    return { user, session };
  }
  return deps.store.transaction(async (tx) => {
    const locked = await tx.findSessionById(session.id, { forUpdate: true });
    if (locked && locked.status === 'PENDING' && locked.expiresAt <= deps.clock.now()) {
      await expireVerificationSession(tx, deps, locked);
    }
    const current = await tx.findConnectUserById(user.id);
    if (!current) throw new Error('Connect user vanished while expiring');
    return { user: current, session: await tx.findSessionById(session.id) };
  });
}

/** Who asks for a change through the API, and the account the audit event goes to. */
export interface ConnectChangeAuthor {
  actor: AuditActor;
  accountId: string;
}

/** The audit event of a revoke or delete by the API's key, in the change's transaction. */
async function recordUserChange(
  tx: StoreOperations,
  deps: Pick<CoreContext, 'clock'>,
  by: ConnectChangeAuthor,
  user: ConnectUser,
  action: 'verification.revoked' | 'verification.deleted',
): Promise<void> {
  await recordAuditEvent(tx, deps.clock, by.actor, {
    accountId: by.accountId,
    projectId: user.projectId,
    mode: user.mode,
    action,
    target: { kind: 'connect_user', id: user.id },
  });
}

/** Revokes the user's verification; with `by`, the revocation leaves its audit event (a real change only). */
export async function revokeConnectUser(
  deps: CoreContext,
  key: ConnectUserKey,
  by?: ConnectChangeAuthor,
): Promise<ConnectUser | null> {
  return deps.store.transaction(async (tx) => {
    const revoked = await revokeConnectUserIn(tx, deps, key);
    if (revoked?.changed && by) await recordUserChange(tx, deps, by, revoked.user, 'verification.revoked');
    return revoked?.user ?? null;
  });
}

/**
 * Revoke inside the caller's transaction (the dashboard adds its audit entry to it). `changed` is
 * false for a user revoked already: nothing was written and no event went out.
 */
export async function revokeConnectUserIn(
  tx: StoreOperations,
  deps: Pick<CoreContext, 'clock'>,
  key: ConnectUserKey,
): Promise<{ user: ConnectUser; changed: boolean } | null> {
  const user = await tx.findConnectUser(key, { forUpdate: true });
  if (!user) return null;
  if (user.status === 'REVOKED') return { user, changed: false };
  const now = deps.clock.now();
  const session = await tx.findLatestSessionForConnectUser(user.id);
  if (session?.status === 'PENDING') {
    await tx.updateVerificationSession(session.id, { status: 'CANCELLED', completedAt: now });
  }
  const revoked = await tx.updateConnectUser(user.id, { status: 'REVOKED', updatedAt: now });
  await recordConnectEvent(tx, deps.clock, { type: 'USER_VERIFICATION_REVOKED', user: revoked });
  return { user: revoked, changed: true };
}

/** Erases the link (its sessions and uniqueness places go with it); the event keeps the ids only. */
/** Deletes the user; with `by`, the deletion leaves its audit event. */
export async function deleteConnectUser(
  deps: CoreContext,
  key: ConnectUserKey,
  by?: ConnectChangeAuthor,
): Promise<ConnectUser | null> {
  return deps.store.transaction(async (tx) => {
    const deleted = await deleteConnectUserIn(tx, deps, key);
    if (deleted && by) await recordUserChange(tx, deps, by, deleted, 'verification.deleted');
    return deleted;
  });
}

/** Delete inside the caller's transaction (the dashboard adds its audit entry to it). */
export async function deleteConnectUserIn(
  tx: StoreOperations,
  deps: Pick<CoreContext, 'clock'>,
  key: ConnectUserKey,
): Promise<ConnectUser | null> {
  const user = await tx.findConnectUser(key, { forUpdate: true });
  if (!user) return null;
  await recordConnectEvent(tx, deps.clock, { type: 'USER_DELETED', user });
  await tx.deleteConnectUser(user.id);
  return user;
}
