// Session tokens (docs/api.md §5): `poy_sess_` + a compact JWS (RFC 7515) over JWT claims (RFC 7519),
// ES256 with a `poy-session-…` key named in the header's kid. The server writes and checks them with
// these functions, and offline verifiers apply the same checks. Threats and answers:
// - Forgery: only the server holds the private key; anyone can check the signature with the JWKS.
// - A token of one project (or mode) presented to another: `aud` is the project's public id and
//   `poy_project` / `poy_mode` name the project and mode; verifiers check them when they know them.
// - Confusing a session token with another signed object: the header's `typ` is `poy-session+jwt`
//   (RFC 8725 §3.11), the algorithm is pinned to ES256 (§3.1), and only `poy-session-…` keys are used.
// - Stale tokens: `exp` (one hour after `iat` on this server) and, when present, `nbf`.
// Signature checks are left to the caller (WebCrypto offline, the server's own keys online).
import {
  assembleCompactJws,
  compactJwsSigningInput,
  decodeJsonSegment,
  isWholeSeconds as isInteger,
  isNonEmptyString as nonEmpty,
  readCompactJws,
} from './compact-jws.ts';
import type { JsonObject } from './json.ts';

/** Session tokens start with this. */
export const SESSION_TOKEN_PREFIX = 'poy_sess_';
export const SESSION_TOKEN_TYPE = 'poy-session+jwt';
export const SESSION_TOKEN_ALGORITHM = 'ES256';
/** Session keys' kids start with this. */
export const SESSION_KID_PREFIX = 'poy-session-';

/** Why a session token is not valid, as `POST /api/poy/sessions/verify` answers. */
export const SESSION_TOKEN_FAILURES = [
  'malformed',
  'unknown_key',
  'invalid_signature',
  'expired',
  'wrong_issuer',
  'wrong_audience',
] as const;
export type SessionTokenFailure = (typeof SESSION_TOKEN_FAILURES)[number];

/** The API's reasons plus `not_yet_valid` (an `nbf` in the future), which the API reports as `malformed`. */
export type OfflineSessionFailure = SessionTokenFailure | 'not_yet_valid';

/** The claims of a session token. */
export interface SessionClaims {
  /** The POY deployment's PUBLIC_URL. */
  iss: string;
  /** Your userId. */
  sub: string;
  /** Your project's public id. */
  aud: string | string[];
  /** POY's project id. */
  poy_project: string;
  poy_mode: 'live' | 'test';
  /** The passkey's credential id. */
  cred: string;
  /** Issued at, Unix seconds. */
  iat: number;
  /** Expires at, Unix seconds. */
  exp: number;
  /** Not before, Unix seconds (when present). */
  nbf?: number;
  jti: string;
}

/** What a verifier expects of a token, beyond a good signature. */
export interface SessionTokenExpectations {
  /** Expected `aud`: the project's public id. */
  audience?: string;
  /** Expected `iss`: the POY deployment's PUBLIC_URL. */
  issuer?: string;
  /** Expected `poy_project` (POY's project id). */
  projectId?: string;
  /** Expected `poy_mode`. */
  mode?: 'live' | 'test';
  /** The verifier's clock. Default: the current time. */
  now?: Date;
  /** Allowed clock skew for `exp` and `nbf`, seconds. Default `0`. */
  clockToleranceSeconds?: number;
}

export type SessionClaimsCheck =
  | { valid: true; claims: SessionClaims }
  | { valid: false; reason: OfflineSessionFailure };

/** A token taken apart, before its signature is checked. */
export type ReadSessionToken =
  | {
      ok: true;
      kid: string;
      /** The compact JWS without the `poy_sess_` prefix. */
      compact: string;
      /** RFC 7515 §5.2: the ASCII of `header.payload` as sent. */
      signingInput: Uint8Array;
      /** Whatever the third part decodes to; a verifier refuses anything but 64 bytes (P1363). */
      signature: Uint8Array;
      payloadSegment: string;
    }
  | { ok: false; reason: 'malformed' | 'unknown_key' };

/**
 * Takes a token apart and checks its header: the `poy_sess_` prefix, three parts, `alg` ES256 only,
 * `typ` `poy-session+jwt`, no `crit`, and a `poy-session-…` kid (`unknown_key` otherwise: a stamp key's
 * signature must never pass as a session token's). The JWS rules are compact-jws.ts's; a wrong `typ` is
 * `malformed` here, the reason session tokens have always given.
 */
export function readSessionToken(token: unknown): ReadSessionToken {
  if (typeof token !== 'string' || !token.startsWith(SESSION_TOKEN_PREFIX)) {
    return { ok: false, reason: 'malformed' };
  }
  const read = readCompactJws(token.slice(SESSION_TOKEN_PREFIX.length), {
    type: SESSION_TOKEN_TYPE,
    kidPrefix: SESSION_KID_PREFIX,
  });
  if (!read.ok) return { ok: false, reason: read.reason === 'wrong_type' ? 'malformed' : read.reason };
  return read;
}

function claimsOf(payload: JsonObject): SessionClaims | null {
  const { iss, sub, aud, poy_project, poy_mode, cred, iat, exp, nbf, jti } = payload;
  const audience = nonEmpty(aud)
    ? aud
    : Array.isArray(aud) && aud.every(nonEmpty)
      ? aud.filter(nonEmpty)
      : null;
  if (
    !nonEmpty(iss) ||
    !nonEmpty(sub) ||
    audience === null ||
    !nonEmpty(poy_project) ||
    (poy_mode !== 'live' && poy_mode !== 'test') ||
    !nonEmpty(cred) ||
    !isInteger(iat) ||
    !isInteger(exp) ||
    (nbf !== undefined && !isInteger(nbf)) ||
    !nonEmpty(jti)
  ) {
    return null;
  }
  return {
    iss,
    sub,
    aud: audience,
    poy_project,
    poy_mode,
    cred,
    iat,
    exp,
    ...(nbf !== undefined ? { nbf } : {}),
    jti,
  };
}

/**
 * Checks the claims of a token whose signature verified: their shape, `exp` and `nbf` against `now`,
 * then — when expected — `iss`, `aud`, `poy_project` and `poy_mode` (a token of another project or mode
 * is `wrong_audience`).
 */
export function checkSessionClaims(
  payloadSegment: string,
  expected: SessionTokenExpectations = {},
): SessionClaimsCheck {
  const payload = decodeJsonSegment(payloadSegment);
  const claims = payload === null ? null : claimsOf(payload);
  if (claims === null) return { valid: false, reason: 'malformed' };
  const nowSeconds = Math.floor((expected.now ?? new Date()).getTime() / 1000);
  const tolerance = expected.clockToleranceSeconds ?? 0;
  // RFC 7519 §4.1.4: expired at or after `exp`.
  if (nowSeconds - tolerance >= claims.exp) return { valid: false, reason: 'expired' };
  // RFC 7519 §4.1.5: not accepted before `nbf`.
  if (claims.nbf !== undefined && nowSeconds + tolerance < claims.nbf)
    return { valid: false, reason: 'not_yet_valid' };
  if (expected.issuer !== undefined && claims.iss !== expected.issuer)
    return { valid: false, reason: 'wrong_issuer' };
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : claims.aud;
  if (expected.audience !== undefined && !audiences.includes(expected.audience)) {
    return { valid: false, reason: 'wrong_audience' };
  }
  if (expected.projectId !== undefined && claims.poy_project !== expected.projectId) {
    return { valid: false, reason: 'wrong_audience' };
  }
  if (expected.mode !== undefined && claims.poy_mode !== expected.mode)
    return { valid: false, reason: 'wrong_audience' };
  return { valid: true, claims };
}

/** The part of a new token that its signature covers: base64url(header) `.` base64url(claims). */
export function sessionTokenSigningInput(kid: string, claims: SessionClaims): string {
  return compactJwsSigningInput(kid, SESSION_TOKEN_TYPE, claims);
}

/** `poy_sess_` + the signing input + `.` + base64url of the 64-byte P1363 ES256 signature. */
export function assembleSessionToken(signingInput: string, signatureP1363: Uint8Array): string {
  return `${SESSION_TOKEN_PREFIX}${assembleCompactJws(signingInput, signatureP1363)}`;
}
