// The rules of changing a team, shared by role changes and removals. Threats: an admin taking the
// account from its owners (promoting themselves, demoting or removing an owner), and an account left
// without any owner, which nobody could then manage. Answers: only an owner gives or takes the owner
// role (canAssignRole), and the last owner can be neither demoted nor removed; both are decided on
// the locked member list (store.lockActiveMembers), so two concurrent changes cannot each leave the
// other's owner as the "one remaining".
import type { Member } from '../../store/store.ts';
import { canAssignRole, type MemberRole } from './member-roles.ts';

export type TeamChangeRefusal = 'member_not_found' | 'not_allowed' | 'last_owner';

/**
 * May the acting member (as the locked list has them now) take `target` out of its current role?
 * Null when yes; otherwise why not.
 */
export function checkTeamChange(
  members: readonly Member[],
  actorMemberId: string,
  target: Member,
  newRole: MemberRole | null,
): TeamChangeRefusal | null {
  const actor = members.find((member) => member.id === actorMemberId);
  // A member removed or demoted a moment ago acts with what they are now, or not at all.
  if (!actor) return 'not_allowed';
  if (!canAssignRole(actor.role, target.role)) return 'not_allowed';
  if (newRole !== null && !canAssignRole(actor.role, newRole)) return 'not_allowed';
  const ownersLeft = members.filter((member) => member.role === 'owner' && member.id !== target.id).length;
  if (target.role === 'owner' && newRole !== 'owner' && ownersLeft === 0) return 'last_owner';
  return null;
}
