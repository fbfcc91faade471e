import type { KeyMode, Project, TrustFactors } from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { trustLevelOf } from '../scoring/score-humanness.ts';
import { getConnectUserStatus } from '../verification/connect-users.ts';
import { reportVerification, type VerificationReport } from '../verification/verification-report.ts';

export interface TrustReport {
  userId: string;
  trustScore: number;
  level: 'high' | 'medium' | 'low' | 'none';
  factors: TrustFactors;
  verificationStatus: VerificationReport['status'];
  assuranceLevel: VerificationReport['assuranceLevel'];
  reasons: string[];
  review: boolean;
}

const NO_FACTORS: TrustFactors = { liveness: 0, device: 0, behavioral: 0, credential: 0 };

/** GET /api/poy/trust/{userId}; null for a userId this project has never seen (docs/api.md §5). */
export async function getTrustReport(
  deps: CoreContext,
  input: { project: Project; mode: KeyMode; userId: string },
): Promise<TrustReport | null> {
  // As verify: an invite whose time is up is expired (with its events) before it is reported.
  const found = await getConnectUserStatus(deps, {
    projectId: input.project.id,
    mode: input.mode,
    referenceUserId: input.userId,
  });
  if (!found) return null;
  const { user } = found;
  const { status, assuranceLevel, reasons, review } = reportVerification(found.session);
  const report = { verificationStatus: status, assuranceLevel, reasons, review };
  const human = user.humanId ? await deps.store.findHumanById(user.humanId) : null;
  // A link that is not verified (pending, failed, revoked) carries no trust, whatever the human has.
  if (!human || user.status !== 'VERIFIED') {
    return { userId: input.userId, trustScore: 0, level: 'none', factors: NO_FACTORS, ...report };
  }
  const score = human.status === 'verified' ? human.trustScore : 0;
  return {
    userId: input.userId,
    trustScore: score,
    level: trustLevelOf(score),
    factors: human.factors ?? NO_FACTORS,
    ...report,
  };
}
