// One word for where a verification stands, from the session's status and outcome: what the
// dashboard lists and filters by (the store's search uses the same mapping in SQL).
import type { VerificationSession, VerificationState } from '../../store/store.ts';

export function verificationStateOf(
  session: Pick<VerificationSession, 'status' | 'outcome'>,
): VerificationState {
  switch (session.status) {
    case 'PENDING':
      return 'pending';
    case 'EXPIRED':
      return 'expired';
    case 'CANCELLED':
      return 'cancelled';
    case 'COMPLETED':
      switch (session.outcome) {
        case 'verified':
        case 'duplicate':
        case 'review':
          return session.outcome;
        default:
          return 'failed';
      }
  }
}
