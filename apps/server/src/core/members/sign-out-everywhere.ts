// Sign-out everywhere: every session of the member ends, this one included, with one audit event in
// the same transaction. For a lost laptop or a cookie that may have been copied.
import type { Store } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';

export async function signOutEverywhere(
  deps: { store: Store; clock: Clock },
  input: { accountId: string; memberId: string; actor: AuditActor },
): Promise<number> {
  return deps.store.transaction(async (tx) => {
    const revoked = await tx.revokeMemberDashboardSessions(input.memberId, deps.clock.now());
    await recordAuditEvent(tx, deps.clock, input.actor, {
      accountId: input.accountId,
      action: 'member.sessions_revoked',
      target: { kind: 'member', id: input.memberId },
      details: { sessions: revoked },
    });
    return revoked;
  });
}
