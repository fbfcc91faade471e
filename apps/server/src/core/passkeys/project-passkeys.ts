// Passkeys of a project's own users (docs/api.md §5), under the project's relying party: its WebAuthn RP
// id (default: PUBLIC_URL's host) and origins (default: PUBLIC_URL's origin). Threats and answers:
// - Replayed ceremonies: every challenge is single-use (consumed atomically), expires in 5 minutes, and
//   is bound to the project, mode (and user) it was issued for.
// - One tenant using another's credential or user: credentials are looked up by (project, id) and
//   must be of the key's mode; a challenge of another project or mode is refused.
// - Cloned authenticators: the signature counter must increase (WebAuthn §6.1.1, enforced by
//   @simplewebauthn/server); user verification is required for registration and sign-in.
// - Tracking users across projects through the authenticator: the WebAuthn user handle is an HMAC of
//   (project, mode, userId) under a server key, so it reveals neither the userId nor links projects.
// Stored: the credential's public key, counter, transports and flags. A successful sign-in returns a
// session token (core/sessions), which is not stored.
// The ceremonies: user-passkey-registration.ts and user-passkey-authentication.ts; the relying party
// and user handles: relying-party.ts. What they share is here.
import { z } from 'zod';
import type { KeyMode, Project, Store, UserPasskey } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { ServerSecrets } from '../secrets.ts';
import type { SigningKeyRing } from '../signing/signing-key-ring.ts';

/** How long the browser lets the user answer the passkey prompt. */
export const CEREMONY_TIMEOUT_MS = 60_000;
/** ES256 and RS256 (docs/api.md §5), in order of preference. */
export const SUPPORTED_ALGORITHM_IDS = [-7, -257];

export interface PasskeyDeps {
  store: Store;
  clock: Clock;
  secrets: Pick<ServerSecrets, 'userHandleKey'>;
  /** The deployment's PUBLIC_URL: the default RP id (its host), origin, and the session tokens' `iss`. */
  publicUrl: string;
  keyRing: SigningKeyRing;
}

export type PasskeyFailure =
  | 'challenge_invalid'
  | 'passkey_invalid'
  | 'passkey_unknown'
  | 'passkey_not_allowed'
  | 'user_handle_invalid'
  | 'credential_exists'
  | 'no_passkeys';

export type PasskeyResult<T> = { ok: true; value: T } | { ok: false; reason: PasskeyFailure };

export const fail = <T>(reason: PasskeyFailure): PasskeyResult<T> => ({ ok: false, reason });

export interface ProjectUser {
  project: Project;
  mode: KeyMode;
  userId: string;
}

const transportSchema = z.array(z.string().max(32)).max(10);
/** Hints for the browser only (which transports to try); a stored value of the wrong shape is dropped. */
export function transportsOf(passkey: UserPasskey): string[] {
  return transportSchema.catch([]).parse(passkey.transports);
}
