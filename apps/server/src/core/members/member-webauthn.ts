// What the dashboard's passkey ceremonies share. Members' passkeys live under the deployment's own
// relying party (RP id: PUBLIC_URL's host; origin: PUBLIC_URL's origin), never a project's. Threat
// answered by the user handle: the authenticator keeps an HMAC of the member id under a server key,
// so the device learns nothing about the account or the id, and a sign-in's user handle is checked
// against the credential's owner (WebAuthn §7.2 step 6).
import { createHmac } from 'node:crypto';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { ServerSecrets } from '../secrets.ts';
import { bytesEqual } from '../token-digest.ts';
import type { LinkFailure } from './member-links.ts';

/** How long the browser lets the member answer the passkey prompt. */
export const MEMBER_CEREMONY_TIMEOUT_MS = 60_000;
/** ES256 and RS256, in order of preference (as for project passkeys). */
export const MEMBER_ALGORITHM_IDS = [-7, -257];

export interface MemberAuthDeps {
  store: Store;
  clock: Clock;
  secrets: Pick<ServerSecrets, 'memberHandleKey' | 'dashboardCsrfKey'>;
  /** The deployment's relying party (core/context.ts). */
  webauthn: CoreContext['webauthn'];
}

export type MemberCeremonyFailure =
  | LinkFailure
  | 'challenge_invalid'
  | 'passkey_invalid'
  | 'passkey_unknown'
  | 'user_handle_invalid'
  | 'credential_exists'
  | 'member_removed';

export type MemberCeremonyResult<T> = { ok: true; value: T } | { ok: false; reason: MemberCeremonyFailure };

export const failCeremony = <T>(reason: MemberCeremonyFailure): MemberCeremonyResult<T> => ({
  ok: false,
  reason,
});

/** base64url(HMAC-SHA256(memberHandleKey, memberId)): 32 bytes, within WebAuthn's 64. */
export function deriveMemberHandle(
  secrets: Pick<ServerSecrets, 'memberHandleKey'>,
  memberId: string,
): string {
  const mac = createHmac('sha256', secrets.memberHandleKey).update(memberId, 'utf8').digest();
  return isoBase64URL.fromBuffer(new Uint8Array(mac));
}

export function memberHandlesEqual(presented: string, expected: string): boolean {
  let presentedBytes: Uint8Array;
  try {
    presentedBytes = isoBase64URL.toBuffer(presented);
  } catch {
    return false;
  }
  return bytesEqual(presentedBytes, isoBase64URL.toBuffer(expected));
}
