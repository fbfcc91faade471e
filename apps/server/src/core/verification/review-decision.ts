// The grey zone (docs/assurance.md §4): a face close to a known human's, but not close enough to say
// it is them, is held for a person at the business to decide. Threat: a reviewer's decision taken for
// another project's verification, or taken twice. Answer: the verification is looked up within the
// caller's project and mode, locked, and decided only while it is still held; the decision and its
// events commit together.
import { z } from 'zod';
import type { KeyMode, Project, StoreOperations, VerificationSession } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { CoreContext } from '../context.ts';
import { storeFaceTemplate } from '../uniqueness/search-face.ts';
import { finishVerification, type VerificationAssessment } from './finish-verification.ts';
import { openSessionTemplate, readLivenessEvidence } from './flow/liveness-evidence.ts';
import { reportVerification } from './verification-report.ts';

export type ReviewDecision = 'approve' | 'duplicate';

/** Why it is held: the human the face resembled (if that was it), and any velocity limits it went over. */
export const heldReviewSchema = z.object({
  matchedHumanId: z.string().nullable(),
  similarity: z.number().nullable(),
  /** Absent on holds recorded before the limits were kept with them. */
  velocity: z.array(z.object({ limit: z.string(), count: z.number(), max: z.number() })).default([]),
});
export type HeldReview = z.infer<typeof heldReviewSchema>;
/** The assessment completion stores on the session (finish-verification.ts). */
export const storedAssessmentSchema = z.object({
  score: z.number(),
  ceiling: z.number(),
  factors: z.object({
    liveness: z.number(),
    device: z.number(),
    behavioral: z.number(),
    credential: z.number(),
  }),
  checks: z.object({
    liveness: z.enum(['pass', 'fail']),
    device: z.enum(['pass', 'fail']),
    behavioral: z.enum(['pass', 'fail']),
  }),
  reasons: z.array(z.string()),
  modelVersion: z.string(),
});

export interface HeldVerification {
  verificationId: string;
  connectUserId: string | null;
  /** Null when the hold is for velocity, not for a resembling face. */
  similarity: number | null;
  reasons: string[];
  heldAt: Date | null;
}

export async function listHeldVerifications(
  deps: Pick<CoreContext, 'store'>,
  input: { project: Project; mode: KeyMode; limit: number },
): Promise<HeldVerification[]> {
  const sessions = await deps.store.listSessionsInReview({
    projectId: input.project.id,
    mode: input.mode,
    limit: input.limit,
  });
  return sessions.map((session) => ({
    verificationId: session.id,
    connectUserId: session.connectUserId,
    similarity: heldReviewSchema.safeParse(session.review).data?.similarity ?? null,
    reasons: reportVerification(session).reasons,
    heldAt: session.heldAt ?? session.completedAt,
  }));
}

export type ReviewResult =
  | { ok: true; session: VerificationSession; outcome: 'verified' | 'duplicate' }
  | { ok: false; reason: 'not_found' | 'not_held' };

export async function decideReview(
  deps: CoreContext,
  input: {
    project: Project;
    mode: KeyMode;
    verificationId: string;
    decision: ReviewDecision;
    /** Who decided, for the audit log (written in the decision's transaction); none leaves no entry. */
    actor?: AuditActor;
  },
): Promise<ReviewResult> {
  return deps.store.transaction(async (tx): Promise<ReviewResult> => {
    const result = await decideHeldSession(tx, deps, input);
    if (result.ok && input.actor) {
      await recordAuditEvent(tx, deps.clock, input.actor, {
        accountId: input.project.accountId,
        projectId: input.project.id,
        mode: input.mode,
        action: 'review.decided',
        target: { kind: 'verification', id: result.session.id },
        details: { decision: input.decision, outcome: result.outcome },
      });
    }
    return result;
  });
}

async function decideHeldSession(
  tx: StoreOperations,
  deps: CoreContext,
  input: { project: Project; mode: KeyMode; verificationId: string; decision: ReviewDecision },
): Promise<ReviewResult> {
  const session = await tx.findSessionById(input.verificationId, { forUpdate: true });
  if (!session || session.projectId !== input.project.id || session.mode !== input.mode) {
    return { ok: false, reason: 'not_found' };
  }
  const held = heldReviewSchema.safeParse(session.review);
  const stored = storedAssessmentSchema.safeParse(session.assessment);
  const human = session.humanId ? await tx.findHumanById(session.humanId) : null;
  if (session.outcome !== 'review' || !held.success || !stored.success || !human) {
    return { ok: false, reason: 'not_held' };
  }
  const evidence = readLivenessEvidence(session);
  const assessment: VerificationAssessment = {
    ...stored.data,
    reasons: stored.data.reasons.filter((reason) => reason !== 'FACE_REVIEW'),
  };

  if (input.decision === 'approve') {
    // A different person after all: a new human, with their own template from now on. A hold for
    // velocity alone keeps the level it reached, and made a human only if this one was new.
    const faceHold = held.data.matchedHumanId !== null;
    if (evidence?.templateSealed && evidence.modelVersion) {
      await storeFaceTemplate(tx, deps, {
        humanId: human.id,
        mode: session.mode,
        template: openSessionTemplate(deps, session.id, evidence.templateSealed),
        modelVersion: evidence.modelVersion,
      });
    }
    await tx.updateVerificationSession(session.id, {
      ...(faceHold ? { assuranceLevel: 'unique' } : {}),
      createdHuman: faceHold || human.status === 'pending',
      review: null,
      ...(evidence ? { liveness: { ...evidence, templateSealed: null } } : {}),
    });
    const finished = await finishVerification(tx, deps, {
      session,
      human,
      outcome: 'verified',
      assessment,
    });
    return { ok: true, session: finished.session, outcome: 'verified' };
  }

  // The same person as the human the face resembled: the new passkey is theirs, and this link is a
  // duplicate of their place.
  const known = held.data.matchedHumanId ? await tx.findHumanById(held.data.matchedHumanId) : null;
  const owner = known && known.mode === session.mode ? known : human;
  if (owner.id !== human.id) {
    await tx.moveHumanPasskeys(human.id, owner.id);
    await tx.updateVerificationSession(session.id, { humanId: owner.id });
    if (human.status === 'pending' && human.successfulVerifications === 0) await tx.deleteHuman(human.id);
  }
  await tx.updateVerificationSession(session.id, {
    review: null,
    ...(evidence ? { liveness: { ...evidence, templateSealed: null } } : {}),
  });
  const finished = await finishVerification(tx, deps, {
    session: { ...session, humanId: owner.id },
    human: owner,
    outcome: 'duplicate',
    assessment: { ...assessment, reasons: ['DUPLICATE_HUMAN', ...assessment.reasons] },
  });
  return { ok: true, session: finished.session, outcome: 'duplicate' };
}
