// Verifies a session token with nothing but the deployment's JWKS (GET /.well-known/jwks.json), as a
// business backend (or the SDK) does without calling POY. Pure: no store, no server secrets.
// Callers' duties: pass the issuer (POY's PUBLIC_URL) and audience (your project's public id), and the
// project id and mode if you hold them; refetch the JWKS when a token names a kid it lacks (keys rotate).
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { z } from 'zod';
import {
  checkSessionClaims,
  jwsOfSessionToken,
  SESSION_KID_PREFIX,
  SESSION_TOKEN_ALGORITHM,
  SESSION_TOKEN_TYPE,
  type SessionTokenCheck,
  sessionFailureOf,
} from './session-token-format.ts';

const jwksSchema = z.object({
  keys: z.array(z.object({ kty: z.string(), kid: z.string().optional() }).catchall(z.unknown())),
});

export interface OfflineVerificationOptions {
  /** Expected `iss`: the POY deployment's PUBLIC_URL. */
  issuer?: string;
  /** Expected `aud`: the project's public id. */
  audience?: string;
  projectId?: string;
  mode?: 'live' | 'test';
  /** Defaults to the current time. */
  now?: Date;
  /** Allowed clock skew, seconds. Default 0. */
  clockToleranceSeconds?: number;
}

export async function verifySessionTokenOffline(
  sessionToken: string,
  jwks: unknown,
  options: OfflineVerificationOptions = {},
): Promise<SessionTokenCheck> {
  const jws = jwsOfSessionToken(sessionToken);
  const set = jwksSchema.safeParse(jwks);
  if (jws === null || !set.success) return { valid: false, reason: 'malformed' };
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(jws).kid;
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  // Only session keys verify session tokens (a stamp key's signature must never pass as one).
  if (kid === undefined || !kid.startsWith(SESSION_KID_PREFIX))
    return { valid: false, reason: 'unknown_key' };
  const sessionKeys = set.data.keys.filter((key) => key.kid === kid);
  if (sessionKeys.length === 0) return { valid: false, reason: 'unknown_key' };
  try {
    const { payload } = await jwtVerify(jws, createLocalJWKSet({ keys: sessionKeys }), {
      algorithms: [SESSION_TOKEN_ALGORITHM],
      typ: SESSION_TOKEN_TYPE,
      ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
      ...(options.audience !== undefined ? { audience: options.audience } : {}),
      ...(options.now !== undefined ? { currentDate: options.now } : {}),
      clockTolerance: options.clockToleranceSeconds ?? 0,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti'],
    });
    return checkSessionClaims(payload, {
      ...(options.projectId !== undefined ? { projectId: options.projectId } : {}),
      ...(options.mode !== undefined ? { mode: options.mode } : {}),
    });
  } catch (error) {
    return { valid: false, reason: sessionFailureOf(error) };
  }
}
