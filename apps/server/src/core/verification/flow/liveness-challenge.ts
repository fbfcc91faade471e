// Issuing the camera challenge. Threats and answers:
// - A recording made in advance: the moves and their order are drawn per challenge (3 or 4 of 4).
// - A challenge used twice, or for another invite: it is single-use, expires, and names this session
//   and the flow token of this session's passkey step (so a later passkey redo voids it).
import type { CoreContext } from '../../context.ts';
import { randomBase62 } from '../../ids.ts';
import { drawLivenessMoves, type LivenessMove } from '../../liveness/liveness-moves.ts';
import { issueChallenge } from '../../webauthn/challenges.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';
import { type FlowInvite, isFlowTokenValid, requireOpenSession } from './flow-session.ts';
import { MAX_LIVENESS_ATTEMPTS, readLivenessEvidence } from './liveness-evidence.ts';

/** Time to hold each move before the page offers a retry. */
export const MOVE_TIMEOUT_MS = 15_000;
/** Whole challenge: every move's timeout plus time to read the prompts and upload. */
export const LIVENESS_CHALLENGE_TTL_MS = 3 * 60_000;
/** A frontal frame and one per move; the edge refuses more. */
export const MAX_LIVENESS_FRAMES = 5;
/** A 640×480 JPEG at quality 0.85 is 30–80 KB; this leaves room for a larger camera. */
export const MAX_FRAME_BYTES = 400_000;

export interface IssuedLivenessChallenge {
  challengeId: string;
  moves: LivenessMove[];
  moveTimeoutMs: number;
  expiresAt: Date;
  maxFrames: number;
  maxFrameBytes: number;
  attemptsLeft: number;
}

export async function issueLivenessChallenge(
  deps: CoreContext,
  invite: FlowInvite,
  flowToken: string,
): Promise<FlowResult<IssuedLivenessChallenge>> {
  const open = await requireOpenSession(deps, invite);
  if (!open.ok) return fail(open.reason);
  const session = open.value;
  if (!isFlowTokenValid(session, flowToken) || session.flowTokenHashHex === null)
    return fail('flow_token_invalid');
  const evidence = readLivenessEvidence(session);
  const attemptsLeft = MAX_LIVENESS_ATTEMPTS - (evidence?.attempts ?? 0);
  if (evidence?.status === 'passed') return fail('invite_finished');
  if (attemptsLeft <= 0) return fail('liveness_attempts_exhausted');
  const moves = drawLivenessMoves();
  const challengeId = randomBase62(32);
  const now = deps.clock.now();
  await issueChallenge(deps, {
    purpose: 'liveness',
    token: challengeId,
    projectId: session.projectId,
    payload: {
      sessionId: session.id,
      flowTokenHashHex: session.flowTokenHashHex,
      moves,
      issuedAtMs: now.getTime(),
    },
    ttlMs: LIVENESS_CHALLENGE_TTL_MS,
  });
  return succeed({
    challengeId,
    moves,
    moveTimeoutMs: MOVE_TIMEOUT_MS,
    expiresAt: new Date(now.getTime() + LIVENESS_CHALLENGE_TTL_MS),
    maxFrames: MAX_LIVENESS_FRAMES,
    maxFrameBytes: MAX_FRAME_BYTES,
    attemptsLeft,
  });
}
