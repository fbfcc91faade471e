// docs/api.md §1: in the sandbox (test keys only) the outcome of a session can be forced, from the phone
// page's buttons or from `POST /v1/sandbox/outcome`, without a passkey or a challenge.
import type { ConnectUserKey, StoreOperations, VerificationSession } from '../../../store/store.ts';
import type { CoreContext } from '../../context.ts';
import { createId } from '../../ids.ts';
import { coreMetricsOf } from '../../metrics/core-metrics.ts';
import { scoreHumanness } from '../../scoring/score-humanness.ts';
import { startNewAttempt } from '../connect-users.ts';
import { finishVerification, type VerificationAssessment } from '../finish-verification.ts';
import { expireVerificationSession } from '../verification-sessions.ts';
import { type FlowOutcome, toFlowOutcome, toVerificationAssessment } from './flow-outcome.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';
import { type FlowInvite, withPendingSession } from './flow-session.ts';
import { insertHumanWithFreshCode } from './pending-human.ts';

/** What a sandbox human looks like: a clean first verification under the current model. */
function sandboxAssessment(): VerificationAssessment {
  const assessment = scoreHumanness({
    camera: { status: 'passed', reasons: [] },
    faceUniquenessChecked: true,
    userVerified: true,
    authenticatorAttachment: 'platform',
    credentialBackedUp: false,
    credentialDeviceType: 'singleDevice',
    returningCredential: false,
    userAgentAtStart: 'sandbox',
    userAgentAtFinish: 'sandbox',
    automationObserved: false,
    trace: null,
    priorBehavioralFactor: 100,
    emailVerified: false,
    phoneVerified: false,
    history: { accountAgeDays: 0, successfulVerifications: 0 },
  });
  return { ...toVerificationAssessment(assessment), modelVersion: `${assessment.modelVersion}+sandbox` };
}

export type SandboxOutcome = 'verified' | 'failed' | 'duplicate' | 'expired';

/**
 * docs/api.md §1: forces `outcome` for the session deterministically (test mode only). `verified` gives
 * the session a fresh sandbox human.
 */
export async function forceSandboxOutcome(
  tx: StoreOperations,
  deps: CoreContext,
  session: VerificationSession,
  outcome: SandboxOutcome,
): Promise<FlowResult<FlowOutcome>> {
  if (session.mode !== 'test') return fail('sandbox_only');
  if (outcome === 'expired') {
    await expireVerificationSession(tx, deps, session);
    return succeed(toFlowOutcome(session, 'expired', []));
  }
  if (outcome === 'verified') {
    const assessment = sandboxAssessment();
    const created = await insertHumanWithFreshCode(tx, deps, { id: createId('hum'), mode: 'test' });
    const finished = await finishVerification(tx, deps, {
      session,
      human: created,
      outcome: 'verified',
      assessment,
    });
    return succeed(toFlowOutcome(finished.session, finished.outcome, []));
  }
  // A forced failure is recorded with its own reason, so every read can say why it failed.
  const assessment = outcome === 'failed' ? sandboxFailureAssessment() : null;
  const finished = await finishVerification(tx, deps, { session, human: null, outcome, assessment });
  return succeed(
    toFlowOutcome(finished.session, finished.outcome, assessment?.reasons ?? ['DUPLICATE_HUMAN']),
  );
}

/** What a forced `failed` records: every check failed, reason SANDBOX_FAILED (docs/assurance.md §6). */
function sandboxFailureAssessment(): VerificationAssessment {
  return {
    score: 0,
    ceiling: 0,
    factors: { liveness: 0, device: 0, behavioral: 0, credential: 0 },
    checks: { liveness: 'fail', device: 'fail', behavioral: 'fail' },
    reasons: ['SANDBOX_FAILED'],
    modelVersion: sandboxAssessment().modelVersion,
  };
}

/** The phone page's sandbox buttons. */
export async function forceSandboxOutcomeForInvite(
  deps: CoreContext,
  invite: FlowInvite,
  outcome: SandboxOutcome,
): Promise<FlowResult<FlowOutcome>> {
  const result = await withPendingSession(deps, invite, (tx, session) =>
    forceSandboxOutcome(tx, deps, session, outcome),
  );
  countSandboxOutcome(deps, result);
  return result;
}

/** Sandbox outcomes are test mode only; counted once their transaction committed. */
function countSandboxOutcome(
  deps: CoreContext,
  result: FlowResult<FlowOutcome> | SandboxUserSettled | null,
): void {
  if (result?.ok)
    coreMetricsOf(deps).countVerification(result.value.outcome, { mode: 'test', sandbox: true });
}

/** A user whose verification has a result the sandbox must not overwrite (docs/api.md §1). */
export interface SandboxUserSettled {
  ok: false;
  reason: 'user_settled';
  status: 'VERIFIED' | 'IN_REVIEW';
}

/**
 * `POST /v1/sandbox/outcome`: the user's pending session, opened if there is none. A VERIFIED user
 * (revoke it first) or one held for review (decide it first) is refused: overwriting a settled result
 * silently would test a path no real person takes.
 */
export async function forceSandboxOutcomeForConnectUser(
  deps: CoreContext,
  input: ConnectUserKey,
  outcome: SandboxOutcome,
): Promise<FlowResult<FlowOutcome> | SandboxUserSettled | null> {
  if (input.mode !== 'test') return fail('sandbox_only');
  const result = await deps.store.transaction(async (tx) => {
    const user = await tx.findConnectUser(input, { forUpdate: true });
    if (!user) return null;
    if (user.status === 'VERIFIED' || user.status === 'IN_REVIEW') {
      const settled: SandboxUserSettled = { ok: false, reason: 'user_settled', status: user.status };
      return settled;
    }
    const latest = await tx.findLatestSessionForConnectUser(user.id);
    if (latest?.status === 'PENDING' && latest.expiresAt > deps.clock.now()) {
      return forceSandboxOutcome(tx, deps, latest, outcome);
    }
    if (latest?.status === 'PENDING') await expireVerificationSession(tx, deps, latest);
    const { session } = await startNewAttempt(tx, deps, user);
    return forceSandboxOutcome(tx, deps, session, outcome);
  });
  countSandboxOutcome(deps, result);
  return result;
}
