// Redirect results (docs/api.md §8): when the hosted flow ends, the person is sent to the business's
// `redirect_url` with one query parameter, `poy_result`, a compact JWS (ES256, header `typ:
// poy-result+jwt`, kid of a `poy-redirect-…` key). The server writes it with these functions and
// verifiers apply the same checks. Threats and answers:
// - A person editing the URL to claim VERIFIED (or another user's id): the verdict is only in the
//   signed claims; nothing unsigned in the URL says what happened.
// - A token of one project replayed at another: `aud` is the POY project id, checked by every verifier.
// - A sandbox (test-mode) result shown to production: `poy_mode` is signed; verifiers check it when told.
// - Replay of an old link from history, logs or a Referer: `exp` is 10 minutes after `iat`, and `nonce`
//   is unique per token so a receiver may refuse one it has seen.
// - Confusion with other signed objects (session tokens, stamps): `typ`, the pinned algorithm and the
//   `poy-redirect-` kid prefix (compact-jws.ts).
import {
  assembleCompactJws,
  compactJwsSigningInput,
  decodeJsonSegment,
  isNonEmptyString,
  isWholeSeconds,
  readCompactJws,
} from './compact-jws.ts';
import type { JsonObject } from './json.ts';

/** The query parameter the token travels in. */
export const REDIRECT_RESULT_PARAMETER = 'poy_result';
export const REDIRECT_RESULT_TYPE = 'poy-result+jwt';
/** Redirect-result keys' kids start with this. */
export const REDIRECT_KID_PREFIX = 'poy-redirect-';
/** How an invite ended (the Connect `verification_status` of a finished invite). */
export const REDIRECT_RESULT_STATUSES = [
  'VERIFIED',
  'IN_REVIEW',
  'UNFULFILLABLE',
  'EXPIRED',
  'REVOKED',
] as const;
export type RedirectResultStatus = (typeof REDIRECT_RESULT_STATUSES)[number];

/** Why a redirect result is not accepted. */
export const REDIRECT_RESULT_FAILURES = [
  'malformed',
  'unknown_key',
  'invalid_signature',
  'wrong_type',
  'wrong_issuer',
  'wrong_audience',
  'expired',
] as const;
export type RedirectResultFailure = (typeof REDIRECT_RESULT_FAILURES)[number];

/** The claims of a redirect result. */
export interface RedirectResultClaims {
  /** The POY deployment's PUBLIC_URL. */
  iss: string;
  /** POY's project id (`proj_…`). */
  aud: string;
  /** The Connect `user_id` (`bcu_…`). */
  sub: string;
  /** Your id for the user: the Connect `reference_user_id`, the POY `userId`. */
  reference_user_id: string;
  poy_mode: 'live' | 'test';
  status: RedirectResultStatus;
  /** Random, unique per token. */
  nonce: string;
  /** Issued at, Unix seconds. */
  iat: number;
  /** Expires at, Unix seconds. */
  exp: number;
}

/** What a verifier expects of a token, beyond a good signature. */
export interface RedirectResultExpectations {
  /** Expected `aud`: your POY project id (`proj_…`). Required: a result for another project is refused. */
  projectId: string;
  /** Expected `iss`: the POY deployment's PUBLIC_URL. */
  issuer?: string;
  /** Expected `poy_mode`; pass `'live'` in production so a sandbox result is refused. */
  mode?: 'live' | 'test';
  /** The verifier's clock. Default: the current time. */
  now?: Date;
  /** Allowed clock skew for `exp`, seconds. Default `0`. */
  clockToleranceSeconds?: number;
}

export type RedirectClaimsCheck =
  | { valid: true; claims: RedirectResultClaims }
  | { valid: false; reason: RedirectResultFailure };

/** A token taken apart, before its signature is checked. */
export type ReadRedirectResult =
  | {
      ok: true;
      kid: string;
      compact: string;
      signingInput: Uint8Array;
      signature: Uint8Array;
      payloadSegment: string;
    }
  | { ok: false; reason: 'malformed' | 'wrong_type' | 'unknown_key' };

/** Takes a token apart and checks its header (compact-jws.ts): ES256, `poy-result+jwt`, a `poy-redirect-…` kid. */
export function readRedirectResult(token: unknown): ReadRedirectResult {
  if (typeof token !== 'string') return { ok: false, reason: 'malformed' };
  return readCompactJws(token, { type: REDIRECT_RESULT_TYPE, kidPrefix: REDIRECT_KID_PREFIX });
}

function isStatus(value: unknown): value is RedirectResultStatus {
  return REDIRECT_RESULT_STATUSES.some((status) => status === value);
}

function claimsOf(payload: JsonObject): RedirectResultClaims | null {
  const { iss, aud, sub, reference_user_id, poy_mode, status, nonce, iat, exp } = payload;
  if (
    !isNonEmptyString(iss) ||
    !isNonEmptyString(aud) ||
    !isNonEmptyString(sub) ||
    !isNonEmptyString(reference_user_id) ||
    (poy_mode !== 'live' && poy_mode !== 'test') ||
    !isStatus(status) ||
    !isNonEmptyString(nonce) ||
    !isWholeSeconds(iat) ||
    !isWholeSeconds(exp)
  ) {
    return null;
  }
  return { iss, aud, sub, reference_user_id, poy_mode, status, nonce, iat, exp };
}

/**
 * Checks the claims of a token whose signature verified: their shape, `exp` against `now`, `aud`
 * against `projectId`, then — when expected — `iss` and `poy_mode` (another mode is `wrong_audience`).
 */
export function checkRedirectResultClaims(
  payloadSegment: string,
  expected: RedirectResultExpectations,
): RedirectClaimsCheck {
  const payload = decodeJsonSegment(payloadSegment);
  const claims = payload === null ? null : claimsOf(payload);
  if (claims === null) return { valid: false, reason: 'malformed' };
  const nowSeconds = Math.floor((expected.now ?? new Date()).getTime() / 1000);
  const tolerance = expected.clockToleranceSeconds ?? 0;
  // RFC 7519 §4.1.4: expired at or after `exp`.
  if (nowSeconds - tolerance >= claims.exp) return { valid: false, reason: 'expired' };
  if (claims.aud !== expected.projectId) return { valid: false, reason: 'wrong_audience' };
  if (expected.issuer !== undefined && claims.iss !== expected.issuer)
    return { valid: false, reason: 'wrong_issuer' };
  if (expected.mode !== undefined && claims.poy_mode !== expected.mode)
    return { valid: false, reason: 'wrong_audience' };
  return { valid: true, claims };
}

/** The part of a new token that its signature covers. */
export function redirectResultSigningInput(kid: string, claims: RedirectResultClaims): string {
  return compactJwsSigningInput(kid, REDIRECT_RESULT_TYPE, claims);
}

/** The signing input + `.` + base64url of the 64-byte P1363 signature. */
export function assembleRedirectResult(signingInput: string, signatureP1363: Uint8Array): string {
  return assembleCompactJws(signingInput, signatureP1363);
}
