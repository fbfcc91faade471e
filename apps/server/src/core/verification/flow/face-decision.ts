// Who is this face? At completion, a passed camera step's template is searched 1:N against every human
// of this deployment in the session's mode (core/uniqueness/). Threat: one person enrolling again and
// again, each time with a new passkey, to be counted as many humans. Answer: a face that matches an
// existing human IS that human; its new passkey is linked to them and never makes a new one. The search
// and the insert of a new template run under one lock per mode, so two enrollments of the same face at
// the same moment (even on two processes) cannot both find nobody.
import type { Human, StoreOperations, VerificationSession } from '../../../store/store.ts';
import type { CoreContext } from '../../context.ts';
import { classifyFaceMatch, findFaceMatch, storeFaceTemplate } from '../../uniqueness/search-face.ts';

export type FaceDecision =
  /** No camera template in this session: uniqueness was not checked. */
  | { kind: 'unchecked' }
  /** Nobody else has this face: the session's human is a new, unique human. */
  | { kind: 'new'; human: Human }
  /** The face is a known human's: the verification continues as them. */
  | { kind: 'same'; human: Human; similarity: number }
  /** Too close to call: held for a person to decide (docs/assurance.md §4). */
  | { kind: 'review'; matchedHumanId: string; similarity: number };

export async function hasFaceTemplate(tx: StoreOperations, human: Human): Promise<boolean> {
  const found = await tx.findFaceTemplatesByHumanIds(human.mode, [human.id]);
  return found.length > 0;
}

/**
 * Decides which human this face is. A new passkey made in this very flow (`madeInThisFlow`) on a known
 * face is moved to the known human and the empty identity it made is deleted; a person who signed in
 * with an existing passkey of one human while showing another human's face is held for review.
 */
export async function decideFace(
  tx: StoreOperations,
  deps: CoreContext,
  input: {
    session: VerificationSession;
    human: Human;
    template: Float32Array;
    modelVersion: string;
    madeInThisFlow: boolean;
  },
): Promise<FaceDecision> {
  const { session, human, template, modelVersion } = input;
  const match = await findFaceMatch(tx, deps, {
    mode: session.mode,
    template,
    modelVersion,
    excludeHumanIds: [human.id],
  });
  const band = match ? classifyFaceMatch(match.similarity, deps.faceMatch) : 'different';
  if (!match || band === 'different') return { kind: 'new', human };
  if (band === 'review' || !input.madeInThisFlow) {
    return { kind: 'review', matchedHumanId: match.humanId, similarity: match.similarity };
  }
  const known = await tx.findHumanById(match.humanId);
  if (!known || known.mode !== session.mode) return { kind: 'new', human };
  await tx.moveHumanPasskeys(human.id, known.id);
  await tx.updateVerificationSession(session.id, { humanId: known.id });
  if (human.status === 'pending' && human.successfulVerifications === 0) await tx.deleteHuman(human.id);
  return { kind: 'same', human: known, similarity: match.similarity };
}

/** A new unique human keeps their template (sealed); a known human keeps the one they have. */
export async function keepFaceTemplate(
  tx: StoreOperations,
  deps: CoreContext,
  input: { decision: FaceDecision; template: Float32Array; modelVersion: string },
): Promise<void> {
  if (input.decision.kind !== 'new') return;
  await storeFaceTemplate(tx, deps, {
    humanId: input.decision.human.id,
    mode: input.decision.human.mode,
    template: input.template,
    modelVersion: input.modelVersion,
  });
}
