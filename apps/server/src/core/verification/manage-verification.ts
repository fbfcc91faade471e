// Revoking and deleting from the dashboard (docs/dashboard.md §6). They act on the business's user
// behind the verification, through the very code of the Connect API (docs/api.md §4.3), so the same
// state changes and webhook events happen; the member's audit entry joins the same transaction.
// Threat: a member acting on another project's or mode's user by sending its verification id.
// Answer: the verification is looked up within the project and mode of the page, or not at all.
import type {
  ConnectUser,
  KeyMode,
  Project,
  StoreOperations,
  VerificationSession,
} from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { CoreContext } from '../context.ts';
import { deleteConnectUserIn, revokeConnectUserIn } from './connect-users.ts';

export interface ManageVerificationInput {
  project: Project;
  mode: KeyMode;
  verificationId: string;
  actor: AuditActor;
}

export type ManageVerificationResult =
  /** `changed` is false when the user was revoked already (nothing written, no event). */
  | { ok: true; user: ConnectUser; changed: boolean }
  /** `no_user`: a public enrollment, which has no user of the business to act on. */
  | { ok: false; reason: 'not_found' | 'no_user' };

async function findOwnSession(
  tx: StoreOperations,
  input: ManageVerificationInput,
): Promise<VerificationSession | null> {
  const session = await tx.findSessionById(input.verificationId);
  return session && session.projectId === input.project.id && session.mode === input.mode ? session : null;
}

/** Revokes the verification's user (USER_VERIFICATION_REVOKED), as `POST /v1/business_connect_user/revoke`. */
export async function revokeVerificationUser(
  deps: Pick<CoreContext, 'store' | 'clock'>,
  input: ManageVerificationInput,
): Promise<ManageVerificationResult> {
  return deps.store.transaction(async (tx): Promise<ManageVerificationResult> => {
    const session = await findOwnSession(tx, input);
    if (!session) return { ok: false, reason: 'not_found' };
    if (session.connectUserId === null) return { ok: false, reason: 'no_user' };
    const revoked = await revokeConnectUserIn(tx, deps, {
      projectId: input.project.id,
      mode: input.mode,
      userId: session.connectUserId,
    });
    if (!revoked) return { ok: false, reason: 'no_user' };
    if (revoked.changed) {
      await recordAuditEvent(tx, deps.clock, input.actor, {
        accountId: input.project.accountId,
        projectId: input.project.id,
        mode: input.mode,
        action: 'verification.revoked',
        target: { kind: 'verification', id: session.id },
        details: { userId: revoked.user.id },
      });
    }
    return { ok: true, user: revoked.user, changed: revoked.changed };
  });
}

/**
 * Deletes the verification's user with every one of its verifications (USER_DELETED), as
 * `POST /v1/business_connect_user/delete`; the PoY identity behind it is kept (docs/api.md §11).
 */
export async function deleteVerificationUser(
  deps: Pick<CoreContext, 'store' | 'clock'>,
  input: ManageVerificationInput,
): Promise<ManageVerificationResult> {
  return deps.store.transaction(async (tx): Promise<ManageVerificationResult> => {
    const session = await findOwnSession(tx, input);
    if (!session) return { ok: false, reason: 'not_found' };
    if (session.connectUserId === null) return { ok: false, reason: 'no_user' };
    const deleted = await deleteConnectUserIn(tx, deps, {
      projectId: input.project.id,
      mode: input.mode,
      userId: session.connectUserId,
    });
    if (!deleted) return { ok: false, reason: 'no_user' };
    await recordAuditEvent(tx, deps.clock, input.actor, {
      accountId: input.project.accountId,
      projectId: input.project.id,
      mode: input.mode,
      action: 'verification.deleted',
      target: { kind: 'verification', id: session.id },
      details: { userId: deleted.id },
    });
    return { ok: true, user: deleted, changed: true };
  });
}
