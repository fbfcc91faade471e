// The camera step's answer: JPEG frames, which the server analyses itself. The browser's own view of
// the moves only guides the person; nothing it concludes is trusted. Threats and answers:
// - A replayed upload, or frames for another invite: the challenge is consumed before any analysis
//   and must name this session and its current passkey step.
// - Frames made in advance or by a fast script: the moves are random per challenge, and an answer that
//   arrives sooner than a person could make them fails as FRAMES_NOT_FRESH.
// - A photo, a screen, or several people: assess-pose-sequence.ts and assess-face-continuity.ts.
// - Endless retries until a spoof gets lucky: MAX_LIVENESS_ATTEMPTS per invite.
// The frames exist only in this request's memory: they are never written to disk, a log or the store.
import { z } from 'zod';
import type { CoreContext } from '../../context.ts';
import { assessFaceContinuity } from '../../liveness/assess-face-continuity.ts';
import { assessPoseSequence } from '../../liveness/assess-pose-sequence.ts';
import { type FrameLabel, LIVENESS_MOVES } from '../../liveness/liveness-moves.ts';
import { consumeChallenge } from '../../webauthn/challenges.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';
import { type FlowInvite, isFlowTokenValid, requireOpenSession, withPendingSession } from './flow-session.ts';
import {
  type LivenessEvidence,
  MAX_LIVENESS_ATTEMPTS,
  readLivenessEvidence,
  sealSessionTemplate,
} from './liveness-evidence.ts';

/**
 * Every turned frame must resemble the frontal one at least this much (cosine of the embeddings). The
 * same face turned 30° measured 0.73–0.90 against its frontal view; different people 0.11–0.63, median
 * 0.37 (docs/face-matching.md). It only has to catch a swapped face; the 1:N search decides identity.
 */
export const CONTINUITY_MIN_SIMILARITY = 0.5;
/** A person needs at least this long per move to read the prompt and turn; a script needs nothing. */
export const MIN_MS_PER_MOVE = 600;

const challengePayloadSchema = z.object({
  sessionId: z.string(),
  flowTokenHashHex: z.string(),
  moves: z.array(z.enum(LIVENESS_MOVES)),
  issuedAtMs: z.number(),
});

export interface LivenessSubmission {
  flowToken: string;
  challengeId: string;
  frames: Array<{ label: FrameLabel; jpeg: Uint8Array }>;
}

export interface LivenessAttemptResult {
  passed: boolean;
  reasons: string[];
  attemptsLeft: number;
  next: 'complete' | 'liveness';
}

/** JPEG files start with the SOI marker and a second marker (FF D8 FF). */
export function looksLikeJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export async function submitLivenessFrames(
  deps: CoreContext,
  invite: FlowInvite,
  input: LivenessSubmission,
): Promise<FlowResult<LivenessAttemptResult>> {
  const analyzer = deps.faceAnalyzer;
  if (!analyzer) return fail('face_analysis_unavailable');
  // Cheap refusals first: bad input must not consume the challenge or an attempt.
  if (input.frames.length === 0 || !input.frames.every((frame) => looksLikeJpeg(frame.jpeg))) {
    return fail('frames_invalid');
  }
  const open = await requireOpenSession(deps, invite);
  if (!open.ok) return fail(open.reason);
  const session = open.value;
  if (!isFlowTokenValid(session, input.flowToken)) return fail('flow_token_invalid');
  const before = readLivenessEvidence(session);
  if (before?.status === 'passed') return fail('invite_finished');
  if ((before?.attempts ?? 0) >= MAX_LIVENESS_ATTEMPTS) return fail('liveness_attempts_exhausted');

  const consumed = await consumeChallenge(deps, { purpose: 'liveness', token: input.challengeId });
  const payload = challengePayloadSchema.safeParse(consumed?.payload);
  if (
    !payload.success ||
    payload.data.sessionId !== session.id ||
    payload.data.flowTokenHashHex !== session.flowTokenHashHex
  ) {
    return fail('challenge_invalid');
  }
  const { moves, issuedAtMs } = payload.data;
  const elapsedMs = deps.clock.now().getTime() - issuedAtMs;

  const analyses = await analyzer.analyzeFrames(input.frames.map((frame) => frame.jpeg));
  const pose = assessPoseSequence(
    input.frames.map((frame, index) => ({
      label: frame.label,
      analysis: analyses[index] ?? { ok: false, problem: 'not_a_jpeg' },
    })),
    moves,
  );
  const continuity = pose.passed ? assessFaceContinuity(pose.faces, CONTINUITY_MIN_SIMILARITY) : null;
  const reasons: string[] = [...pose.reasons];
  if (continuity && !continuity.continuous) reasons.push('FACE_MISMATCH_ACROSS_FRAMES');
  if (elapsedMs < MIN_MS_PER_MOVE * moves.length) reasons.push('FRAMES_NOT_FRESH');
  const template = reasons.length === 0 ? (continuity?.template ?? null) : null;
  const passed = template !== null;
  if (!passed && reasons.length === 0) reasons.push('NO_FACE');

  return withPendingSession(deps, invite, async (tx, current) => {
    if (!isFlowTokenValid(current, input.flowToken)) return fail('flow_token_invalid');
    const previous = readLivenessEvidence(current);
    if (previous?.status === 'passed') return fail('invite_finished');
    const attempts = (previous?.attempts ?? 0) + 1;
    const evidence: LivenessEvidence = {
      status: passed ? 'passed' : 'failed',
      attempts,
      reasons: passed ? [] : ['LIVENESS_FAILED', ...reasons],
      skipReason: null,
      reachedDeg: pose.reachedDeg,
      templateSealed: template ? sealSessionTemplate(deps, current.id, template) : null,
      modelVersion: template ? analyzer.modelVersion : null,
    };
    await tx.updateVerificationSession(current.id, { liveness: evidence, cameraDoneAt: deps.clock.now() });
    const attemptsLeft = Math.max(0, MAX_LIVENESS_ATTEMPTS - attempts);
    return succeed({
      passed,
      reasons: evidence.reasons,
      attemptsLeft,
      next: passed || attemptsLeft === 0 ? 'complete' : 'liveness',
    });
  });
}
