// What a read reports about a user's latest verification (docs/assurance.md §6): where it stands, the
// level it reached, its checks and, when it failed, expired, was a duplicate or is held for review, the
// reason codes. The assessment stored with the session is the record; this only reads it.
import { z } from 'zod';
import type {
  HumanChecks,
  ReachedAssuranceLevel,
  VerificationSession,
  VerificationState,
} from '../../store/store.ts';
import { verificationStateOf } from './verification-state.ts';

export const PENDING_CHECKS = { liveness: 'pending', device: 'pending', behavioral: 'pending' } as const;
const FAILED_CHECKS: HumanChecks = { liveness: 'fail', device: 'fail', behavioral: 'fail' };

export interface VerificationReport {
  verificationId: string | null;
  /** Where the latest verification stands; null when the user never had one. */
  status: VerificationState | null;
  assuranceLevel: ReachedAssuranceLevel | null;
  /** Empty unless the verification failed, expired, was a duplicate or is held. */
  reasons: string[];
  review: boolean;
  /** The checks the verification recorded; `fail` where an ended attempt recorded none. */
  checks: HumanChecks | typeof PENDING_CHECKS;
}

const check = z.enum(['pass', 'fail']);
const storedAssessment = z.object({
  reasons: z.array(z.string()),
  checks: z.object({ liveness: check, device: check, behavioral: check }).optional(),
});

function checksOf(
  state: VerificationState,
  stored: HumanChecks | undefined,
): HumanChecks | typeof PENDING_CHECKS {
  if (stored) return stored;
  // An attempt that ended without success proved nothing: none of its checks passed.
  return state === 'failed' || state === 'duplicate' || state === 'expired' ? FAILED_CHECKS : PENDING_CHECKS;
}

export function reportVerification(session: VerificationSession | null): VerificationReport {
  if (!session) {
    return {
      verificationId: null,
      status: null,
      assuranceLevel: null,
      reasons: [],
      review: false,
      checks: PENDING_CHECKS,
    };
  }
  const outcome = session.outcome;
  const state = verificationStateOf(session);
  const explained = outcome === 'failed' || outcome === 'duplicate' || outcome === 'review';
  const parsed = storedAssessment.safeParse(session.assessment);
  const reasons = explained && parsed.success ? parsed.data.reasons : [];
  const withDuplicate =
    outcome === 'duplicate' && !reasons.includes('DUPLICATE_HUMAN')
      ? ['DUPLICATE_HUMAN', ...reasons]
      : reasons;
  return {
    verificationId: session.id,
    status: state,
    // docs/assurance.md §1: an attempt that ended below `passkey` reached `none`.
    assuranceLevel: session.assuranceLevel ?? (state === 'pending' ? null : 'none'),
    reasons: outcome === 'expired' ? ['EXPIRED'] : withDuplicate,
    review: outcome === 'review',
    checks: checksOf(state, parsed.success ? parsed.data.checks : undefined),
  };
}
