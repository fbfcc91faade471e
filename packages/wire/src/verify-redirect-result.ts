// Offline verification of the `poy_result` a business receives on its redirect URL, with nothing but the
// deployment's JWKS (format and threats: redirect-result-format.ts). The signature is checked with
// WebCrypto, so this runs in browsers, Node 18+ and workers alike; the key lookup and signature check are
// the ones session tokens use.
import { importVerifyKey, verifyCompactJwsEs256 } from './es256.ts';
import { findEcKey, isJwks, type JwksInput } from './jwks.ts';
import {
  checkRedirectResultClaims,
  type RedirectResultClaims,
  type RedirectResultExpectations,
  type RedirectResultFailure,
  type RedirectResultStatus,
  readRedirectResult,
} from './redirect-result-format.ts';

/** Options of {@link verifyRedirectResult}. */
export interface VerifyRedirectResultOptions extends RedirectResultExpectations {
  /** The JWKS (`await poy.jwks()` or the JSON of `/.well-known/jwks.json`). */
  jwks: JwksInput | unknown;
}

/** The outcome of {@link verifyRedirectResult}. */
export type RedirectResultCheck =
  | {
      valid: true;
      status: RedirectResultStatus;
      /** The Connect `user_id` (`bcu_…`): `sub`. */
      userId: string;
      /** Your id for the user (Connect `reference_user_id`, POY `userId`). */
      referenceUserId: string;
      mode: 'live' | 'test';
      nonce: string;
      issuedAt: Date;
      expiresAt: Date;
      claims: RedirectResultClaims;
    }
  | { valid: false; reason: RedirectResultFailure };

/**
 * Verifies the `poy_result` query parameter of a redirect from the hosted flow: the JWS header (`alg`
 * ES256 only, `typ` `poy-result+jwt`, a `poy-redirect-…` kid), the ECDSA P-256 signature against the
 * JWKS, `exp`, `aud` (your project id) and — when given — `issuer` and `mode`. Never throws for a bad
 * token. On `unknown_key`, fetch the JWKS again once (keys rotate; a first key appears on first use).
 * Trust `status` only from a valid result; otherwise ask `get_status` / `verify`.
 *
 * @example
 * const result = await verifyRedirectResult(url.searchParams.get('poy_result'), { jwks, projectId: 'proj_…', mode: 'live' });
 * if (result.valid && result.status === 'VERIFIED' && result.referenceUserId === currentUser.id) grantAccess();
 */
export async function verifyRedirectResult(
  token: string | null | undefined,
  options: VerifyRedirectResultOptions,
): Promise<RedirectResultCheck> {
  const read = readRedirectResult(token);
  if (!read.ok) return { valid: false, reason: read.reason };
  // A JWKS that is not one cannot name any key: the input is malformed, not the key unknown.
  if (!isJwks(options.jwks)) return { valid: false, reason: 'malformed' };
  const jwk = findEcKey(options.jwks, read.kid);
  if (jwk === null) return { valid: false, reason: 'unknown_key' };
  const key = await importVerifyKey(jwk);
  if (key === null) return { valid: false, reason: 'unknown_key' };
  if (!(await verifyCompactJwsEs256(key, read.compact))) {
    return { valid: false, reason: 'invalid_signature' };
  }
  const check = checkRedirectResultClaims(read.payloadSegment, options);
  if (!check.valid) return check;
  const { claims } = check;
  return {
    valid: true,
    status: claims.status,
    userId: claims.sub,
    referenceUserId: claims.reference_user_id,
    mode: claims.poy_mode,
    nonce: claims.nonce,
    issuedAt: new Date(claims.iat * 1000),
    expiresAt: new Date(claims.exp * 1000),
    claims,
  };
}
