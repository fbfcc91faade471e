// Offline verification of passkey session tokens with nothing but the deployment's JWKS (format and
// threats: session-token-format.ts; spec/stamps.md "Session tokens share the JWKS"). The signature is
// checked with WebCrypto, so this runs in browsers, Node 18+ and workers alike.
import { importVerifyKey, verifyCompactJwsEs256 } from './es256.ts';
import { findEcKey, isJwks, type JwksInput } from './jwks.ts';
import {
  checkSessionClaims,
  type OfflineSessionFailure,
  readSessionToken,
  type SessionClaims,
  type SessionTokenExpectations,
} from './session-token-format.ts';

/** The outcome of {@link verifySessionTokenOffline}. */
export type OfflineSessionCheck =
  | { valid: true; userId: string; expiresAt: Date; claims: SessionClaims }
  | { valid: false; reason: OfflineSessionFailure };

/** Options of {@link verifySessionTokenOffline}. */
export type VerifySessionTokenOptions = SessionTokenExpectations;

/**
 * Verifies a session token from `passkeys.authenticate` with nothing but the JWKS: strips `poy_sess_`,
 * checks the JWS header (`alg` ES256 only, `typ` `poy-session+jwt`, a `poy-session-…` kid), the
 * ECDSA P-256 signature with WebCrypto, then `exp`, `nbf`, and — when given — `issuer`, `audience`,
 * `projectId` and `mode`. Never throws for a bad token. On `unknown_key`, refetch the JWKS once (keys
 * rotate); `poy.sessions.verifyOffline` does that for you.
 *
 * @param token The `poy_sess_…` token.
 * @param jwks The JWKS (`await poy.jwks()`); anything that is not a JWKS makes the answer `malformed`.
 * @param options `audience`, `issuer`, `projectId`, `mode`, `now` (default: now), `clockToleranceSeconds` (default 0).
 * @returns `{ valid: true, userId, expiresAt, claims }` or `{ valid: false, reason }`.
 * @throws Error when WebCrypto is unavailable.
 * @example
 * const session = await verifySessionTokenOffline(token, jwks, { audience: 'my-app', issuer: 'https://poy.example.com' });
 * if (session.valid) console.log('signed in as', session.userId);
 */
export async function verifySessionTokenOffline(
  token: string,
  jwks: JwksInput | unknown,
  options: VerifySessionTokenOptions = {},
): Promise<OfflineSessionCheck> {
  const read = readSessionToken(token);
  // A JWKS that is not one cannot name any key: the input is malformed, not the key unknown.
  if (!read.ok || !isJwks(jwks)) return { valid: false, reason: read.ok ? 'malformed' : read.reason };
  const jwk = findEcKey(jwks, read.kid);
  if (jwk === null) return { valid: false, reason: 'unknown_key' };
  const key = await importVerifyKey(jwk);
  if (key === null) return { valid: false, reason: 'unknown_key' };
  if (!(await verifyCompactJwsEs256(key, read.compact))) {
    return { valid: false, reason: 'invalid_signature' };
  }
  const check = checkSessionClaims(read.payloadSegment, options);
  if (!check.valid) return check;
  const { claims } = check;
  return { valid: true, userId: claims.sub, expiresAt: new Date(claims.exp * 1000), claims };
}
