import type { Store } from '../../store/store.ts';
import { formatPoyId, parsePoyId } from '../identity/poy-id.ts';

export interface PublicProfile {
  poyId: string;
  /** The 7 hex characters, for links (`/p/<code>`). */
  poyCode: string;
  isVerified: boolean;
  badgeLevel: 'verified' | 'unverified';
  trustScore: number;
  verifiedSince: Date | null;
}

/**
 * Non-sensitive verification status for a PoY id (docs/api.md §5); null for an unknown or malformed
 * id, `test_identity` for a sandbox identity.
 */
export async function getPublicProfile(
  deps: { store: Store },
  poyIdInput: string,
): Promise<PublicProfile | 'test_identity' | null> {
  const poyCode = parsePoyId(poyIdInput);
  if (!poyCode) return null;
  const human = await deps.store.findHumanByPoyCode(poyCode);
  if (!human) return null;
  // Sandbox identities are not public: a profile is a claim about a real person. Saying so (rather
  // than "unknown") tells the integrator who just got this id from verify why it has no profile.
  if (human.mode !== 'live') return 'test_identity';
  const isVerified = human.status === 'verified';
  return {
    poyId: formatPoyId(poyCode),
    poyCode,
    isVerified,
    badgeLevel: isVerified ? 'verified' : 'unverified',
    trustScore: isVerified ? human.trustScore : 0,
    verifiedSince: isVerified ? human.verifiedAt : null,
  };
}
