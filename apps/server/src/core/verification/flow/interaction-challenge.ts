// The drag challenge: rounds of dragging a dot into a ring, whose movement the behavioural model
// scores. Threats and answers:
// - Scripts posting a canned trace: the rounds are random per attempt, the challenge is single-use
//   and expires, and the reported rounds must match the issued positions.
// - Someone else answering a flow a person started: issuing needs the flow token of the passkey step.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { StoreOperations, VerificationSession } from '../../../store/store.ts';
import type { CoreContext } from '../../context.ts';
import { randomBase62 } from '../../ids.ts';
import type { ChallengeTrace } from '../../scoring/score-humanness.ts';
import { consumeChallenge, issueChallenge } from '../../webauthn/challenges.ts';
import { type FlowFailure, type FlowResult, fail, succeed } from './flow-result.ts';
import { type FlowInvite, isFlowTokenValid, requireOpenSession } from './flow-session.ts';

/** Longer than a WebAuthn challenge: the person drags three times, and may pause to read. */
const INTERACTION_CHALLENGE_TTL_MS = 10 * 60_000;
const CHALLENGE_ROUNDS = 3;
/** How far (as a fraction of the area) a reported position may sit from the issued one. */
const POSITION_TOLERANCE = 0.08;

const fraction = z.number().min(0).max(1);
const issuedRound = z.object({
  start: z.object({ x: fraction, y: fraction }),
  target: z.object({ x: fraction, y: fraction, radius: fraction }),
});
export type IssuedRound = z.infer<typeof issuedRound>;
const interactionPayload = z.object({ sessionId: z.string(), rounds: z.array(issuedRound) });

/** Random start and target per round, far enough apart that a drag shows its shape. */
function drawRounds(): IssuedRound[] {
  const position = () => randomInt(15, 86) / 100;
  return Array.from({ length: CHALLENGE_ROUNDS }, () => {
    for (;;) {
      const start = { x: position(), y: position() };
      const target = { x: position(), y: position(), radius: 0.09 };
      if (Math.hypot(target.x - start.x, target.y - start.y) >= 0.4) return { start, target };
    }
  });
}

export async function issueInteractionChallenge(
  deps: CoreContext,
  invite: FlowInvite,
  flowToken: string,
): Promise<FlowResult<{ challengeId: string; rounds: IssuedRound[] }>> {
  const open = await requireOpenSession(deps, invite);
  if (!open.ok) return fail(open.reason);
  const session = open.value;
  if (!isFlowTokenValid(session, flowToken)) return fail('flow_token_invalid');
  const rounds = drawRounds();
  const challengeId = randomBase62(32);
  await issueChallenge(deps, {
    purpose: 'interaction',
    token: challengeId,
    projectId: session.projectId,
    payload: { sessionId: session.id, rounds },
    ttlMs: INTERACTION_CHALLENGE_TTL_MS,
  });
  return succeed({ challengeId, rounds });
}

/** The reported rounds must be the issued ones (positions as fractions of the challenge area). */
function matchesIssuedRounds(trace: ChallengeTrace, rounds: IssuedRound[]): boolean {
  const { width, height } = trace.viewport;
  if (trace.rounds.length !== rounds.length || width <= 0 || height <= 0) return false;
  const near = (a: number, b: number) => Math.abs(a - b) <= POSITION_TOLERANCE;
  return rounds.every((issued, index) => {
    const reported = trace.rounds[index];
    return (
      reported !== undefined &&
      near(reported.start.x / width, issued.start.x) &&
      near(reported.start.y / height, issued.start.y) &&
      near(reported.target.x / width, issued.target.x) &&
      near(reported.target.y / height, issued.target.y)
    );
  });
}

/**
 * Consumes the challenge answered at completion: it must have been issued for this session, and the
 * trace (when there is one) must be of its rounds. Null when the answer stands.
 */
export async function checkInteractionAnswer(
  tx: StoreOperations,
  deps: CoreContext,
  session: VerificationSession,
  answer: { challengeId: string; trace: ChallengeTrace | null },
): Promise<FlowFailure | null> {
  const consumed = await consumeChallenge(
    { store: tx, clock: deps.clock },
    { purpose: 'interaction', token: answer.challengeId },
  );
  const payload = interactionPayload.safeParse(consumed?.payload);
  if (!payload.success || payload.data.sessionId !== session.id) return 'challenge_invalid';
  if (answer.trace && !matchesIssuedRounds(answer.trace, payload.data.rounds)) return 'trace_mismatch';
  return null;
}
