// Offline verification of passkey session tokens (contract §5, spec/stamps.md "Session tokens share
// the JWKS"): `poy_sess_` + a compact JWS (RFC 7515) over JWT claims (RFC 7519), ES256, header
// `{"alg":"ES256","kid":"poy-session-…","typ":"poy-session+jwt"}`. Threats: forgery (only POY holds the
// private key), a token of another project or deployment (check `audience` and `issuer`), algorithm
// confusion (the algorithm is pinned; only `poy-session-…` keys are used), stale tokens (`exp`).
import { isJsonObject, type JsonObject } from './decode.ts';
import { base64UrlToBytes, toBytes } from './encoding.ts';
import { findEcKey, importVerifyKey, verifyEs256 } from './jwks.ts';
import type { JwksInput, SessionTokenFailure } from './types.ts';

/** Session tokens start with this. */
export const SESSION_TOKEN_PREFIX = 'poy_sess_';
/** Session keys' kids start with this. */
export const SESSION_KID_PREFIX = 'poy-session-';
const SESSION_TOKEN_TYPE = 'poy-session+jwt';

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

/** Why {@link verifySessionTokenOffline} refused a token (the server's reasons plus `not_yet_valid`). */
export type OfflineSessionFailure = SessionTokenFailure | 'not_yet_valid';

/** The outcome of {@link verifySessionTokenOffline}. */
export type OfflineSessionCheck =
  | { valid: true; userId: string; expiresAt: Date; claims: SessionClaims }
  | { valid: false; reason: OfflineSessionFailure };

/** Options of {@link verifySessionTokenOffline}. */
export interface VerifySessionTokenOptions {
  /** Expected `aud`: your project's public id (`getProject().publicId`). Strongly recommended. */
  audience?: string;
  /** Expected `iss`: the POY deployment's PUBLIC_URL. Strongly recommended. */
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

function decodeJsonSegment(segment: string): JsonObject | null {
  const bytes = base64UrlToBytes(segment);
  if (bytes === null) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return isJsonObject(value) ? value : null;
  } catch {
    return null;
  }
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
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
 * Verifies a session token from `passkeys.authenticate` with nothing but the JWKS: strips `poy_sess_`,
 * checks the JWS header (`alg` ES256 only, `typ` `poy-session+jwt`, a `poy-session-…` kid), the
 * ECDSA P-256 signature with WebCrypto, then `exp`, `nbf`, and — when given — `issuer`, `audience`,
 * `projectId` and `mode`. Never throws for a bad token. On `unknown_key`, refetch the JWKS once (keys
 * rotate); `poy.sessions.verifyOffline` does that for you.
 *
 * @param token The `poy_sess_…` token.
 * @param jwks The JWKS (`await poy.jwks()`).
 * @param options `audience`, `issuer`, `projectId`, `mode`, `now` (default: now), `clockToleranceSeconds` (default 0).
 * @returns `{ valid: true, userId, expiresAt, claims }` or `{ valid: false, reason }`.
 * @throws Error when WebCrypto is unavailable.
 * @example
 * const session = await verifySessionTokenOffline(token, jwks, { audience: 'my-app', issuer: 'https://poy.example.com' });
 * if (session.valid) console.log('signed in as', session.userId);
 */
export async function verifySessionTokenOffline(
  token: string,
  jwks: JwksInput,
  options: VerifySessionTokenOptions = {},
): Promise<OfflineSessionCheck> {
  if (typeof token !== 'string' || !token.startsWith(SESSION_TOKEN_PREFIX)) {
    return { valid: false, reason: 'malformed' };
  }
  const parts = token.slice(SESSION_TOKEN_PREFIX.length).split('.');
  const [headerPart, payloadPart, signaturePart] = parts;
  if (
    parts.length !== 3 ||
    headerPart === undefined ||
    payloadPart === undefined ||
    signaturePart === undefined
  ) {
    return { valid: false, reason: 'malformed' };
  }
  const header = decodeJsonSegment(headerPart);
  if (header === null) return { valid: false, reason: 'malformed' };
  // RFC 8725 §3.1: the algorithm is pinned, never taken from the token.
  if (header.alg !== 'ES256') return { valid: false, reason: 'malformed' };
  // RFC 8725 §3.11: explicit typing keeps other signed objects from passing as session tokens.
  if (header.typ !== SESSION_TOKEN_TYPE) return { valid: false, reason: 'malformed' };
  // RFC 7515 §4.1.11: an extension the verifier must understand cannot be ignored; none is supported.
  if (header.crit !== undefined) return { valid: false, reason: 'malformed' };
  const kid = header.kid;
  if (typeof kid !== 'string' || !kid.startsWith(SESSION_KID_PREFIX))
    return { valid: false, reason: 'unknown_key' };
  const jwk = findEcKey(jwks, kid);
  if (jwk === null) return { valid: false, reason: 'unknown_key' };
  const key = await importVerifyKey(jwk);
  if (key === null) return { valid: false, reason: 'unknown_key' };
  const signature = base64UrlToBytes(signaturePart);
  if (signature === null) return { valid: false, reason: 'malformed' };
  // RFC 7515 §5.2: the signing input is the ASCII of "header.payload" as sent.
  if (!(await verifyEs256(key, signature, toBytes(`${headerPart}.${payloadPart}`)))) {
    return { valid: false, reason: 'invalid_signature' };
  }
  const payload = decodeJsonSegment(payloadPart);
  const claims = payload === null ? null : claimsOf(payload);
  if (claims === null) return { valid: false, reason: 'malformed' };

  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.clockToleranceSeconds ?? 0;
  // RFC 7519 §4.1.4: expired at or after `exp`.
  if (nowSeconds - tolerance >= claims.exp) return { valid: false, reason: 'expired' };
  // RFC 7519 §4.1.5: not accepted before `nbf`.
  if (claims.nbf !== undefined && nowSeconds + tolerance < claims.nbf)
    return { valid: false, reason: 'not_yet_valid' };
  if (options.issuer !== undefined && claims.iss !== options.issuer)
    return { valid: false, reason: 'wrong_issuer' };
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : claims.aud;
  if (options.audience !== undefined && !audiences.includes(options.audience)) {
    return { valid: false, reason: 'wrong_audience' };
  }
  if (options.projectId !== undefined && claims.poy_project !== options.projectId) {
    return { valid: false, reason: 'wrong_audience' };
  }
  if (options.mode !== undefined && claims.poy_mode !== options.mode)
    return { valid: false, reason: 'wrong_audience' };
  return { valid: true, userId: claims.sub, expiresAt: new Date(claims.exp * 1000), claims };
}
