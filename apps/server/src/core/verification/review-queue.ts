// The dashboard's review queue (docs/dashboard.md §6, docs/assurance.md §4): a project's held
// verifications in one mode, oldest first, each with the evidence that is kept. Decisions go
// through review-decision.ts, the same code as the review API.
import type { ConnectUser, KeyMode, Project, VerificationSession } from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { describeVerificationEvidence, type VerificationEvidence } from './verification-evidence.ts';

export interface QueuedReview {
  session: VerificationSession;
  user: Pick<ConnectUser, 'id' | 'referenceUserId'> | null;
  heldAt: Date | null;
  evidence: VerificationEvidence;
}

export async function listReviewQueue(
  deps: Pick<CoreContext, 'store'>,
  input: { project: Project; mode: KeyMode; limit: number },
): Promise<QueuedReview[]> {
  const sessions = await deps.store.listSessionsInReview({
    projectId: input.project.id,
    mode: input.mode,
    limit: input.limit,
  });
  const queued: QueuedReview[] = [];
  for (const session of sessions) {
    const user = session.connectUserId ? await deps.store.findConnectUserById(session.connectUserId) : null;
    queued.push({
      session,
      user: user ? { id: user.id, referenceUserId: user.referenceUserId } : null,
      heldAt: session.heldAt ?? session.completedAt,
      evidence: await describeVerificationEvidence(deps.store, input.project, session),
    });
  }
  return queued;
}
