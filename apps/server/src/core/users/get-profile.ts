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

/** Non-sensitive verification status for a PoY id (docs/api.md §5); null for an unknown or malformed id. */
export async function getPublicProfile(
  deps: { store: Store },
  poyIdInput: string,
): Promise<PublicProfile | null> {
  const poyCode = parsePoyId(poyIdInput);
  if (!poyCode) return null;
  const human = await deps.store.findHumanByPoyCode(poyCode);
  // Sandbox identities are not public: a profile is a claim about a real person.
  if (human?.mode !== 'live') return null;
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
