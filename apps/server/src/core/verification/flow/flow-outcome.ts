// How an attempt ended, as the phone page and the sandbox answer it.
import type { ConnectUserStatus, SessionOutcome, VerificationSession } from '../../../store/store.ts';
import type { HumannessAssessment } from '../../scoring/score-humanness.ts';
import type { VerificationAssessment } from '../finish-verification.ts';

export interface FlowOutcome {
  status: ConnectUserStatus;
  outcome: SessionOutcome;
  reasons: string[];
  sessionId: string;
  connectUserId: string | null;
}

export function toFlowOutcome(
  session: VerificationSession,
  outcome: SessionOutcome,
  reasons: string[],
): FlowOutcome {
  const status: ConnectUserStatus =
    outcome === 'verified' ? 'VERIFIED' : outcome === 'expired' ? 'EXPIRED' : 'UNFULFILLABLE';
  return { status, outcome, reasons, sessionId: session.id, connectUserId: session.connectUserId };
}

export function toVerificationAssessment(assessment: HumannessAssessment): VerificationAssessment {
  return {
    score: assessment.score,
    ceiling: assessment.ceiling,
    factors: assessment.factors,
    checks: assessment.checks,
    reasons: assessment.reasons,
    modelVersion: assessment.modelVersion,
  };
}
