// Gives a member of the account another role (the team page). The change and its `member.role_changed`
// audit event commit together; the rules are in team-rules.ts.
import type { Member, Store } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';
import type { MemberRole } from './member-roles.ts';
import { checkTeamChange, type TeamChangeRefusal } from './team-rules.ts';

export type ChangeMemberRoleResult =
  | { ok: true; member: Member; changed: boolean }
  | { ok: false; reason: TeamChangeRefusal };

export async function changeMemberRole(
  deps: { store: Store; clock: Clock },
  input: {
    accountId: string;
    /** The member making the change (their role is read again under the lock). */
    actorMemberId: string;
    actor: AuditActor;
    memberId: string;
    role: MemberRole;
  },
): Promise<ChangeMemberRoleResult> {
  return deps.store.transaction(async (tx): Promise<ChangeMemberRoleResult> => {
    const members = await tx.lockActiveMembers(input.accountId);
    // Another account's member, a removed one and an unknown id are all simply not here.
    const target = members.find((member) => member.id === input.memberId);
    if (!target) return { ok: false, reason: 'member_not_found' };
    const refusal = checkTeamChange(members, input.actorMemberId, target, input.role);
    if (refusal !== null) return { ok: false, reason: refusal };
    if (target.role === input.role) return { ok: true, member: target, changed: false };
    const member = await tx.updateMemberRole(target.id, input.role);
    if (!member) return { ok: false, reason: 'member_not_found' };
    await recordAuditEvent(tx, deps.clock, input.actor, {
      accountId: input.accountId,
      action: 'member.role_changed',
      target: { kind: 'member', id: member.id },
      details: { name: member.displayName, 'role.old': target.role, 'role.new': member.role },
    });
    return { ok: true, member, changed: true };
  });
}
