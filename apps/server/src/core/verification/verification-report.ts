// What a read reports about a user's latest verification (docs/assurance.md §6): the level it reached
// and, when it failed or is held for review, the reason codes. The assessment stored with the session
// is the record; this only reads it.
import { z } from 'zod';
import type { ReachedAssuranceLevel, VerificationSession } from '../../store/store.ts';

export interface VerificationReport {
  verificationId: string | null;
  assuranceLevel: ReachedAssuranceLevel | null;
  /** Empty unless the verification failed, was a duplicate or is held. */
  reasons: string[];
  review: boolean;
}

const storedReasons = z.object({ reasons: z.array(z.string()) });

export function reportVerification(session: VerificationSession | null): VerificationReport {
  if (!session) return { verificationId: null, assuranceLevel: null, reasons: [], review: false };
  const outcome = session.outcome;
  const explained = outcome === 'failed' || outcome === 'duplicate' || outcome === 'review';
  const parsed = storedReasons.safeParse(session.assessment);
  const reasons = explained && parsed.success ? parsed.data.reasons : [];
  const withDuplicate =
    outcome === 'duplicate' && !reasons.includes('DUPLICATE_HUMAN')
      ? ['DUPLICATE_HUMAN', ...reasons]
      : reasons;
  return {
    verificationId: session.id,
    assuranceLevel: session.assuranceLevel,
    reasons: outcome === 'expired' ? ['EXPIRED'] : withDuplicate,
    review: outcome === 'review',
  };
}
