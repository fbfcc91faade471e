// Issuing and verifying session tokens on the server. The token's layout and every check of it are
// @poy/wire's (session-token-format.ts, where the threats are described), the same code offline
// verifiers run; the server signs and verifies with the KeyObjects of its key ring (node:crypto), so no
// JWKS is parsed per request. Tokens are stateless: valid until `exp`, never stored.
import { randomBytes, sign, verify } from 'node:crypto';
import {
  assembleSessionToken,
  checkSessionClaims,
  readSessionToken,
  type SessionClaims,
  type SessionTokenExpectations,
  type SessionTokenFailure,
  sessionTokenSigningInput,
} from '@poy/wire';
import type { KeyMode, Project } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { SigningKeyRing, VerificationKey } from '../signing/signing-key-ring.ts';

/** One hour (docs/api.md §5). */
export const DEFAULT_SESSION_TTL_SECONDS = 3600;

export interface SessionTokenDeps {
  keyRing: SigningKeyRing;
  clock: Clock;
  /** The `iss` of every token: the deployment's PUBLIC_URL. */
  issuer: string;
}

export interface IssuedSessionToken {
  sessionToken: string;
  expiresAt: Date;
  claims: SessionClaims;
}

export type SessionTokenCheck =
  | { valid: true; claims: SessionClaims }
  | { valid: false; reason: SessionTokenFailure };

/** The key a token names, as the key ring holds it; null when unknown. */
export type SessionKeyLookup = (
  kid: string,
) => Promise<Pick<VerificationKey, 'purpose' | 'publicKey'> | null>;

export async function issueSessionToken(
  deps: SessionTokenDeps,
  input: {
    project: Pick<Project, 'id' | 'publicId'>;
    mode: KeyMode;
    userId: string;
    credentialId: string;
    ttlSeconds?: number;
  },
): Promise<IssuedSessionToken> {
  const key = await deps.keyRing.signingKey('session');
  const issuedAtSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  const claims: SessionClaims = {
    iss: deps.issuer,
    sub: input.userId,
    aud: input.project.publicId,
    poy_project: input.project.id,
    poy_mode: input.mode,
    cred: input.credentialId,
    iat: issuedAtSeconds,
    exp: issuedAtSeconds + (input.ttlSeconds ?? DEFAULT_SESSION_TTL_SECONDS),
    jti: randomBytes(16).toString('base64url'),
  };
  const signingInput = sessionTokenSigningInput(key.kid, claims);
  const signatureP1363 = sign('sha256', Buffer.from(signingInput, 'ascii'), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return {
    sessionToken: assembleSessionToken(signingInput, signatureP1363),
    expiresAt: new Date(claims.exp * 1000),
    claims,
  };
}

/**
 * Checks a token against the keys `lookupKey` finds and the wire's claim checks. Only session keys
 * verify session tokens: a stamp key's signature never passes, even though the key is genuine.
 */
export async function checkSessionToken(
  sessionToken: string,
  lookupKey: SessionKeyLookup,
  expected: SessionTokenExpectations,
): Promise<SessionTokenCheck> {
  const read = readSessionToken(sessionToken);
  if (!read.ok) return { valid: false, reason: read.reason };
  const key = await lookupKey(read.kid);
  if (key?.purpose !== 'session') return { valid: false, reason: 'unknown_key' };
  const signed =
    read.signature.length === 64 &&
    verify('sha256', read.signingInput, { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, read.signature);
  if (!signed) return { valid: false, reason: 'invalid_signature' };
  const check = checkSessionClaims(read.payloadSegment, expected);
  if (check.valid) return check;
  // The API's reasons have no `not_yet_valid` (this server never sets `nbf`); "expired" would mislead.
  return { valid: false, reason: check.reason === 'not_yet_valid' ? 'malformed' : check.reason };
}

/** Valid only for the project and mode asking: a token of another tenant or mode is `wrong_audience`. */
export function verifySessionToken(
  deps: SessionTokenDeps,
  sessionToken: string,
  expected: { project: Pick<Project, 'id' | 'publicId'>; mode: KeyMode },
): Promise<SessionTokenCheck> {
  return checkSessionToken(sessionToken, (kid) => deps.keyRing.verificationKey(kid), {
    issuer: deps.issuer,
    audience: expected.project.publicId,
    projectId: expected.project.id,
    mode: expected.mode,
    now: deps.clock.now(),
  });
}
