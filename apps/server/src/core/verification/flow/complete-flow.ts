// The last step: the steps to do must have been done by the browser holding the flow token; then the
// attempt is scored and the verification finished (uniqueness, trust, event) in one transaction.
import type { KeyMode } from '../../../store/store.ts';
import type { CoreContext } from '../../context.ts';
import { coreMetricsOf } from '../../metrics/core-metrics.ts';
import { type ChallengeTrace, isHuman, scoreHumanness } from '../../scoring/score-humanness.ts';
import { finishVerification } from '../finish-verification.ts';
import { type FlowOutcome, toFlowOutcome, toVerificationAssessment } from './flow-outcome.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';
import { type FlowInvite, hashUserAgent, isFlowTokenValid, withPendingSession } from './flow-session.ts';
import { stepsToDo } from './flow-steps.ts';
import { checkInteractionAnswer } from './interaction-challenge.ts';
import { passkeySignalsSchema } from './passkey-step.ts';

export interface CompleteFlowInput {
  flowToken: string;
  challengeId: string | null;
  userAgent: string;
  webdriver: boolean;
  trace: ChallengeTrace | null;
}

export async function completeFlow(
  deps: CoreContext,
  invite: FlowInvite,
  input: CompleteFlowInput,
): Promise<FlowResult<FlowOutcome>> {
  let mode: KeyMode = 'test';
  const result = await withPendingSession<FlowOutcome>(deps, invite, async (tx, session) => {
    mode = session.mode;
    if (!isFlowTokenValid(session, input.flowToken) || !session.humanId) return fail('flow_token_invalid');
    const human = await tx.findHumanById(session.humanId);
    const signals = passkeySignalsSchema.safeParse(session.passkeySignals);
    if (!human || !signals.success) return fail('flow_token_invalid');

    const toDo = stepsToDo({
      humanStatus: human.status,
      returningCredential: signals.data.returningCredential,
    });
    // The interaction challenge, if answered, is checked even where it was not to do.
    if (input.challengeId !== null) {
      const failure = await checkInteractionAnswer(tx, deps, session, {
        challengeId: input.challengeId,
        trace: input.trace,
      });
      if (failure) return fail(failure);
    } else if (toDo.includes('challenge')) {
      return fail('challenge_invalid');
    }
    const challengeSkipped = input.challengeId === null && !toDo.includes('challenge');

    const now = deps.clock.now();
    const assessment = scoreHumanness({
      ...signals.data,
      // Both sides are keyed hashes of the user agent: equal exactly when the strings are.
      userAgentAtStart: session.userAgentHashHex,
      userAgentAtFinish: hashUserAgent(deps, input.userAgent),
      webdriver: input.webdriver,
      trace: input.challengeId === null ? null : input.trace,
      priorBehavioralFactor: challengeSkipped ? (human.factors?.behavioral ?? null) : null,
      emailVerified: false,
      phoneVerified: false,
      history: {
        accountAgeDays: (now.getTime() - human.createdAt.getTime()) / 86_400_000,
        successfulVerifications: human.successfulVerifications,
      },
    });
    const project = await tx.findProjectById(session.projectId);
    const verified = project !== null && isHuman(assessment, project.trustThreshold);
    const finished = await finishVerification(tx, deps, {
      session,
      human,
      outcome: verified ? 'verified' : 'failed',
      assessment: toVerificationAssessment(assessment),
    });
    const reasons = finished.outcome === 'duplicate' ? ['DUPLICATE_HUMAN'] : assessment.reasons;
    return succeed(toFlowOutcome(finished.session, finished.outcome, reasons));
  });
  // Counted once committed: a rolled-back attempt did not end.
  if (result.ok) coreMetricsOf(deps).countVerification(result.value.outcome, { mode, sandbox: false });
  return result;
}
