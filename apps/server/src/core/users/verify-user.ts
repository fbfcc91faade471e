// POST /api/poy/verify: the full answer about one of the project's users, and, when they are not a
// verified human yet, the link that sends them through the same phone flow as the Connect API.
import type { HumanChecks, KeyMode, Project } from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { formatPoyId } from '../identity/poy-id.ts';
import { registerConnectUser } from '../verification/connect-users.ts';
import { isRedirectUrlAllowed } from '../verification/redirect-origins.ts';
import { reportVerification, type VerificationReport } from '../verification/verification-report.ts';
import { checksOf, isVerifiedHuman, PENDING_CHECKS } from './human-status.ts';

export interface VerifyUserResult {
  isHuman: boolean;
  trustScore: number;
  poyId: string | null;
  verifiedAt: Date | null;
  checks: HumanChecks | typeof PENDING_CHECKS;
  /** Present when the user still has to verify (checkType full). */
  enrollment: { url: string; expiresAt: Date } | null;
  /** The latest verification: its level, and why it failed or is held (docs/assurance.md §6). */
  report: VerificationReport;
}

/** A redirect stored before the project restricted its origins is dropped rather than refused. */
function storedRedirectUrl(project: Project, redirectUrl: string | null): string | null {
  return redirectUrl !== null && isRedirectUrlAllowed(project.redirectOrigins, redirectUrl)
    ? redirectUrl
    : null;
}

export async function verifyUser(
  deps: CoreContext,
  input: {
    project: Project;
    mode: KeyMode;
    userId: string;
    checkType: 'full' | 'quick';
    /** Where the hosted flow ends; checked against the project's origins by the caller. */
    redirectUrl?: string | undefined;
  },
): Promise<VerifyUserResult> {
  const { project, mode, userId } = input;
  const user = await deps.store.findConnectUser({ projectId: project.id, mode, referenceUserId: userId });
  const human = user?.humanId ? await deps.store.findHumanById(user.humanId) : null;
  const latest = user ? await deps.store.findLatestSessionForConnectUser(user.id) : null;
  const report = reportVerification(latest);
  if (user && human && isVerifiedHuman(project, user, human)) {
    return {
      report,
      isHuman: true,
      trustScore: human.trustScore,
      poyId: formatPoyId(human.poyCode),
      verifiedAt: human.verifiedAt,
      checks: checksOf(human),
      enrollment: null,
    };
  }
  // A verified link whose score is below the threshold is a human who is not trusted enough: say so
  // with their numbers rather than sending them through verification again.
  if (user?.status === 'VERIFIED' && human) {
    return {
      report,
      isHuman: false,
      trustScore: human.trustScore,
      poyId: formatPoyId(human.poyCode),
      verifiedAt: human.verifiedAt,
      checks: checksOf(human),
      enrollment: null,
    };
  }
  const base = {
    isHuman: false,
    trustScore: 0,
    poyId: null,
    verifiedAt: null,
    checks: PENDING_CHECKS,
    report,
  };
  // A held verification waits for its reviewer: a new invite would let the person go round the review.
  if (input.checkType === 'quick' || user?.status === 'IN_REVIEW') return { ...base, enrollment: null };
  const registered = await registerConnectUser(deps, {
    project,
    mode,
    referenceUserId: userId,
    redirectUrl: input.redirectUrl ?? storedRedirectUrl(project, user?.redirectUrl ?? null),
    dataRequestType: user?.dataRequestType ?? 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
    uniquenessRegionId: user?.uniquenessRegionId ?? null,
  });
  if (!registered.ok) throw new Error('registerConnectUser refused a stored redirect URL');
  const session = await deps.store.findLatestSessionForConnectUser(registered.user.id);
  return {
    ...base,
    report: reportVerification(session),
    enrollment: session ? { url: registered.inviteUrl, expiresAt: session.expiresAt } : null,
  };
}
