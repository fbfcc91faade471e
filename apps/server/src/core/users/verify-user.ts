// POST /api/poy/verify: the full answer about one of the project's users, and, when they are not a
// verified human yet, the link that sends them through the same phone flow as the Connect API.
import type { HumanChecks, KeyMode, Project } from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { formatPoyId } from '../identity/poy-id.ts';
import { getConnectUserStatus, registerConnectUser } from '../verification/connect-users.ts';
import { isRedirectUrlAllowed } from '../verification/redirect-origins.ts';
import {
  type PENDING_CHECKS,
  reportVerification,
  type VerificationReport,
} from '../verification/verification-report.ts';
import { checksOf, isVerifiedHuman } from './human-status.ts';

export interface VerifyUserResult {
  isHuman: boolean;
  trustScore: number;
  poyId: string | null;
  verifiedAt: Date | null;
  checks: HumanChecks | typeof PENDING_CHECKS;
  /** Present when the person's next step is a (new) attempt (checkType full). */
  enrollment: { url: string; expiresAt: Date } | null;
  /**
   * The latest verification: where it stands, its level, and why it failed, expired or is held
   * (docs/assurance.md §6). When this call opened a retry, the attempt that ended.
   */
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
  // Reading the status expires an invite whose time is up (with its events), so the answer never
  // calls an attempt pending that can no longer finish.
  const found = await getConnectUserStatus(deps, { projectId: project.id, mode, referenceUserId: userId });
  const user = found?.user ?? null;
  const human = user?.humanId ? await deps.store.findHumanById(user.humanId) : null;
  const report = reportVerification(found?.session ?? null);
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
    checks: report.checks,
    report,
  };
  // docs/api.md §5, the next step: a held verification waits for its reviewer (a new invite would let
  // the person go round the review), and a duplicate already holds a place under another userId (a new
  // attempt would end the same way). Only a failed, expired, revoked or missing attempt gets a new link.
  const held = user?.status === 'IN_REVIEW' || report.status === 'review';
  if (input.checkType === 'quick' || held || report.status === 'duplicate') {
    return { ...base, enrollment: null };
  }
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
  // The attempt that failed or expired stays the report of this answer: the new link is the way to
  // retry, not a reason to forget why the last attempt ended.
  const ended = report.status === 'failed' || report.status === 'expired';
  const opened = reportVerification(session);
  return {
    ...(ended ? base : { ...base, report: opened, checks: opened.checks }),
    enrollment: session ? { url: registered.inviteUrl, expiresAt: session.expiresAt } : null,
  };
}
