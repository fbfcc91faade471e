// Session tokens (contract §5): `poy_sess_` + a compact JWS (RFC 7515) over a JWT claims set (RFC 7519),
// ES256 with the deployment's `session` key named in the header's kid. Threats and answers:
// - Forgery: only the server holds the private key; anyone can check the signature with the JWKS.
// - A token of one project (or mode) presented to another: `aud` is the project's public id and
//   `poy_project` / `poy_mode` name the project and mode; verifiers must check them.
// - Confusing a session token with another signed object: the header's `typ` is `poy-session+jwt`
//   (RFC 8725 §3.11), the algorithm is pinned to ES256 (§3.1), and only `poy-session-…` keys are used.
// The token is stateless: it stays valid until `exp` (one hour by default) and is not stored.
// This file is pure (jose and zod only) so the SDK can ship the same checks.
import { errors } from 'jose';
import { z } from 'zod';

export const SESSION_TOKEN_PREFIX = 'poy_sess_';
export const SESSION_TOKEN_TYPE = 'poy-session+jwt';
export const SESSION_TOKEN_ALGORITHM = 'ES256';
/** Session keys' kids start with this (see core/signing/generate-signing-key.ts). */
export const SESSION_KID_PREFIX = 'poy-session-';
export const DEFAULT_SESSION_TTL_SECONDS = 3600;

export const sessionClaimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1),
  aud: z.string().min(1),
  poy_project: z.string().min(1),
  poy_mode: z.enum(['live', 'test']),
  cred: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

export type SessionTokenFailure =
  | 'malformed'
  | 'unknown_key'
  | 'invalid_signature'
  | 'expired'
  | 'wrong_issuer'
  | 'wrong_audience';

export const SESSION_TOKEN_FAILURES: readonly SessionTokenFailure[] = [
  'malformed',
  'unknown_key',
  'invalid_signature',
  'expired',
  'wrong_issuer',
  'wrong_audience',
];

export type SessionTokenCheck =
  | { valid: true; claims: SessionClaims }
  | { valid: false; reason: SessionTokenFailure };

/** The compact JWS inside a session token, or null when the prefix is missing. */
export function jwsOfSessionToken(sessionToken: string): string | null {
  return sessionToken.startsWith(SESSION_TOKEN_PREFIX)
    ? sessionToken.slice(SESSION_TOKEN_PREFIX.length)
    : null;
}

/** Maps what jose throws to a reason; anything unexpected is "malformed" (never "valid"). */
export function sessionFailureOf(error: unknown): SessionTokenFailure {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid_signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown_key';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'wrong_issuer';
    if (error.claim === 'aud') return 'wrong_audience';
    // A token whose nbf/iat lies in the future is not valid yet; "expired" would mislead.
    return 'malformed';
  }
  return 'malformed';
}

/** Checks the claims jose does not know: shape, and the project and mode the token was issued for. */
export function checkSessionClaims(
  payload: unknown,
  expected: { projectId?: string; mode?: 'live' | 'test' },
): SessionTokenCheck {
  const claims = sessionClaimsSchema.safeParse(payload);
  if (!claims.success) return { valid: false, reason: 'malformed' };
  if (expected.projectId !== undefined && claims.data.poy_project !== expected.projectId) {
    return { valid: false, reason: 'wrong_audience' };
  }
  if (expected.mode !== undefined && claims.data.poy_mode !== expected.mode) {
    return { valid: false, reason: 'wrong_audience' };
  }
  return { valid: true, claims: claims.data };
}
