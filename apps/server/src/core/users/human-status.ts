import type { ConnectUser, Human, HumanChecks, Project } from '../../store/store.ts';
import { PENDING_CHECKS } from '../verification/verification-report.ts';

/**
 * docs/api.md §9: isHuman = liveness passed and the score reaches the project's threshold, for a user
 * whose link to a human is currently verified (a revoked or failed link is not human).
 */
export function isVerifiedHuman(project: Project, user: ConnectUser | null, human: Human | null): boolean {
  if (!user || !human || user.status !== 'VERIFIED' || user.humanId !== human.id) return false;
  if (human.status !== 'verified' || human.checks?.liveness !== 'pass') return false;
  return human.trustScore >= project.trustThreshold;
}

export function checksOf(human: Human | null): HumanChecks | typeof PENDING_CHECKS {
  return human?.checks ?? PENDING_CHECKS;
}
