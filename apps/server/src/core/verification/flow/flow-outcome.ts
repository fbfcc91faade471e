// How an attempt ended, as the phone page and the sandbox answer it.
import type {
  ConnectUserStatus,
  ReachedAssuranceLevel,
  SessionOutcome,
  VerificationSession,
} from '../../../store/store.ts';
import type { HumannessAssessment } from '../../scoring/score-humanness.ts';
import type { VerificationAssessment } from '../finish-verification.ts';

export interface FlowOutcome {
  status: ConnectUserStatus;
  outcome: SessionOutcome;
  reasons: string[];
  sessionId: string;
  connectUserId: string | null;
  /** docs/assurance.md §1; null for outcomes that did not assess anything (sandbox, expiry). */
  assuranceLevel: ReachedAssuranceLevel | null;
}

const STATUS_OF_OUTCOME: Record<SessionOutcome, ConnectUserStatus> = {
  verified: 'VERIFIED',
  expired: 'EXPIRED',
  review: 'IN_REVIEW',
  failed: 'UNFULFILLABLE',
  duplicate: 'UNFULFILLABLE',
};

export function toFlowOutcome(
  session: VerificationSession,
  outcome: SessionOutcome,
  reasons: string[],
): FlowOutcome {
  return {
    status: STATUS_OF_OUTCOME[outcome],
    outcome,
    reasons,
    sessionId: session.id,
    connectUserId: session.connectUserId,
    assuranceLevel: session.assuranceLevel,
  };
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
