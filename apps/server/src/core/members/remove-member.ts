// Removes a member from the account (the team page): their sessions end at once and their row stays,
// so the audit log still names them. The removal and its `member.removed` audit event commit together;
// the rules are in team-rules.ts.
import type { Member, Store } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';
import { checkTeamChange, type TeamChangeRefusal } from './team-rules.ts';

export type RemoveMemberResult = { ok: true; member: Member } | { ok: false; reason: TeamChangeRefusal };

export async function removeMember(
  deps: { store: Store; clock: Clock },
  input: { accountId: string; actorMemberId: string; actor: AuditActor; memberId: string },
): Promise<RemoveMemberResult> {
  return deps.store.transaction(async (tx): Promise<RemoveMemberResult> => {
    const members = await tx.lockActiveMembers(input.accountId);
    const target = members.find((member) => member.id === input.memberId);
    if (!target) return { ok: false, reason: 'member_not_found' };
    const refusal = checkTeamChange(members, input.actorMemberId, target, null);
    if (refusal !== null) return { ok: false, reason: refusal };
    const member = await tx.removeMember(target.id, deps.clock.now());
    if (!member) return { ok: false, reason: 'member_not_found' };
    await recordAuditEvent(tx, deps.clock, input.actor, {
      accountId: input.accountId,
      action: 'member.removed',
      target: { kind: 'member', id: member.id },
      details: { name: member.displayName, role: member.role },
    });
    return { ok: true, member };
  });
}
