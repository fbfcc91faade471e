import type { KeyMode, Project, TrustFactors } from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { trustLevelOf } from '../scoring/score-humanness.ts';
import { reportVerification, type VerificationReport } from '../verification/verification-report.ts';

export interface TrustReport {
  userId: string;
  trustScore: number;
  level: 'high' | 'medium' | 'low' | 'none';
  factors: TrustFactors;
  assuranceLevel: VerificationReport['assuranceLevel'];
  reasons: string[];
  review: boolean;
}

const NO_FACTORS: TrustFactors = { liveness: 0, device: 0, behavioral: 0, credential: 0 };

/** GET /api/poy/trust/{userId}; null for a userId this project has never seen (docs/api.md §5). */
export async function getTrustReport(
  deps: Pick<CoreContext, 'store'>,
  input: { project: Project; mode: KeyMode; userId: string },
): Promise<TrustReport | null> {
  const user = await deps.store.findConnectUser({
    projectId: input.project.id,
    mode: input.mode,
    referenceUserId: input.userId,
  });
  if (!user) return null;
  const { assuranceLevel, reasons, review } = reportVerification(
    await deps.store.findLatestSessionForConnectUser(user.id),
  );
  const report = { assuranceLevel, reasons, review };
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
