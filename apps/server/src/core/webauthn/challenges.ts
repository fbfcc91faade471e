// Challenges make a signed WebAuthn response (and an answer to the phone flow's interaction challenge)
// worth nothing a second time. Threats and answers:
// - A captured response replayed: every challenge is single-use, consumed atomically by the store (of
//   two requests racing with the same one, only one gets it), and expires within minutes.
// - A copy of the database: only the challenge's SHA-256 digest is stored (core/token-digest.ts).
// - A challenge issued for one ceremony answering another: a challenge is consumed only under the
//   purpose it was issued for, and callers check its payload (session, project, mode, user) before
//   trusting it.
import { decodeClientDataJSON } from '@simplewebauthn/server/helpers';
import type { StoreOperations } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';
import { hashToken } from '../token-digest.ts';

/** The challenges a browser signs in a WebAuthn ceremony. */
export type WebauthnChallengePurpose =
  | 'flow_registration'
  | 'flow_authentication'
  | 'user_passkey_registration'
  | 'user_passkey_authentication'
  /** A dashboard member registering their passkey through a one-time link (core/members). */
  | 'member_registration'
  /** A dashboard member signing in (core/members). */
  | 'member_authentication';

/** Every challenge purpose there is. The store keeps a string; core only ever passes one of these. */
export type ChallengePurpose = WebauthnChallengePurpose | 'interaction' | 'liveness';

/** How long a WebAuthn challenge can be answered: the ceremony's own timeout, with room to spare. */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;

export interface ChallengeDeps {
  store: Pick<StoreOperations, 'insertChallenge' | 'consumeChallenge'>;
  clock: Clock;
}

export interface IssuedChallenge {
  purpose: ChallengePurpose;
  /** The value handed out; only its digest is stored. */
  token: string;
  /** The project the ceremony is for; null for the dashboard's own (deployment-wide) ceremonies. */
  projectId: string | null;
  /** What the challenge was issued for, checked by whoever consumes it. */
  payload: unknown;
  ttlMs: number;
}

export async function issueChallenge(deps: ChallengeDeps, input: IssuedChallenge): Promise<void> {
  const now = deps.clock.now();
  await deps.store.insertChallenge({
    id: createId('ch'),
    projectId: input.projectId,
    purpose: input.purpose,
    tokenHashHex: hashToken(input.token),
    payload: input.payload,
    expiresAt: new Date(now.getTime() + input.ttlMs),
    createdAt: now,
  });
}

/** Stores the challenge of WebAuthn options just generated, for WEBAUTHN_CHALLENGE_TTL_MS. */
export async function issueWebauthnChallenge(
  deps: ChallengeDeps,
  input: {
    purpose: WebauthnChallengePurpose;
    challenge: string;
    projectId: string | null;
    payload: unknown;
  },
): Promise<void> {
  await issueChallenge(deps, {
    purpose: input.purpose,
    token: input.challenge,
    projectId: input.projectId,
    payload: input.payload,
    ttlMs: WEBAUTHN_CHALLENGE_TTL_MS,
  });
}

/** Takes the challenge out of the store (whatever happens next, it cannot be used again), or null. */
export async function consumeChallenge(
  deps: ChallengeDeps,
  input: { purpose: ChallengePurpose; token: string },
): Promise<{ payload: unknown } | null> {
  const consumed = await deps.store.consumeChallenge({
    purpose: input.purpose,
    tokenHashHex: hashToken(input.token),
    now: deps.clock.now(),
  });
  return consumed ? { payload: consumed.payload } : null;
}

/** Consumes the challenge the browser signed, read from its clientDataJSON; null if there is none. */
export async function consumeWebauthnChallenge(
  deps: ChallengeDeps,
  input: { purpose: WebauthnChallengePurpose; clientDataJSON: string },
): Promise<{ challenge: string; payload: unknown } | null> {
  let challenge: string;
  try {
    challenge = decodeClientDataJSON(input.clientDataJSON).challenge;
  } catch {
    return null;
  }
  if (typeof challenge !== 'string' || challenge.length === 0) return null;
  const consumed = await consumeChallenge(deps, { purpose: input.purpose, token: challenge });
  return consumed ? { challenge, payload: consumed.payload } : null;
}
