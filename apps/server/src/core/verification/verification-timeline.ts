// The timeline of one verification, as the dashboard shows it (docs/dashboard.md §6): the invite
// made, first opened on a phone, the passkey step, the camera step, a hold for review, and the
// result. Every time comes from the session itself; a step the person never reached is left out.
import type { VerificationSession, VerificationState } from '../../store/store.ts';
import { readLivenessEvidence } from './flow/liveness-evidence.ts';
import { passkeySignalsSchema } from './flow/passkey-step.ts';
import { verificationStateOf } from './verification-state.ts';

export type TimelineStep =
  | { kind: 'invited'; at: Date }
  | { kind: 'opened'; at: Date }
  /** `returning`: signed in with an existing passkey rather than creating one; null when not recorded. */
  | { kind: 'passkey'; at: Date; returning: boolean | null }
  /** The last answer of the camera step: an attempt (passed or failed) or a skip. */
  | { kind: 'camera'; at: Date; status: 'passed' | 'failed' | 'skipped' | null; attempts: number | null }
  | { kind: 'held'; at: Date }
  /** `decided`: the result came from a reviewer's decision on a held verification. */
  | { kind: 'result'; at: Date; state: VerificationState; decided: boolean };

export interface VerificationTimeline {
  steps: TimelineStep[];
  /** While the invite is still open: when it stops working. */
  openUntil: Date | null;
}

const ORDER: Record<TimelineStep['kind'], number> = {
  invited: 0,
  opened: 1,
  passkey: 2,
  camera: 3,
  held: 4,
  result: 5,
};

export function buildVerificationTimeline(session: VerificationSession): VerificationTimeline {
  const steps: TimelineStep[] = [{ kind: 'invited', at: session.createdAt }];
  if (session.startedAt) steps.push({ kind: 'opened', at: session.startedAt });
  if (session.passkeyDoneAt) {
    const signals = passkeySignalsSchema.safeParse(session.passkeySignals);
    steps.push({
      kind: 'passkey',
      at: session.passkeyDoneAt,
      returning: signals.success ? signals.data.returningCredential : null,
    });
  }
  if (session.cameraDoneAt) {
    const evidence = readLivenessEvidence(session);
    steps.push({
      kind: 'camera',
      at: session.cameraDoneAt,
      status: evidence?.status ?? null,
      attempts: evidence?.attempts ?? null,
    });
  }
  const state = verificationStateOf(session);
  // Holds recorded before heldAt existed: completedAt is the hold until it is decided.
  const heldAt = session.heldAt ?? (state === 'review' ? session.completedAt : null);
  if (heldAt) steps.push({ kind: 'held', at: heldAt });
  if (state !== 'pending' && session.completedAt) {
    const decided = heldAt !== null;
    // While held, the hold is the last thing that happened; the result comes with the decision.
    if (state !== 'review') steps.push({ kind: 'result', at: session.completedAt, state, decided });
  }
  // By time; steps recorded in the same instant keep the flow's order.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || ORDER[a.kind] - ORDER[b.kind]);
  return { steps, openUntil: state === 'pending' ? session.expiresAt : null };
}
