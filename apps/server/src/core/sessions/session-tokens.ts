// Issuing and verifying session tokens on the server (format and threats: session-token-format.ts).
// The server verifies with the KeyObjects of its key ring, so no JWKS is parsed per request.
import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import type { KeyMode, Project } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { SigningKeyRing } from '../signing/signing-key-ring.ts';
import {
  checkSessionClaims,
  DEFAULT_SESSION_TTL_SECONDS,
  jwsOfSessionToken,
  SESSION_TOKEN_ALGORITHM,
  SESSION_TOKEN_PREFIX,
  SESSION_TOKEN_TYPE,
  type SessionClaims,
  type SessionTokenCheck,
  sessionFailureOf,
} from './session-token-format.ts';

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
  const jws = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: SESSION_TOKEN_ALGORITHM, kid: key.kid, typ: SESSION_TOKEN_TYPE })
    .sign(key.privateKey);
  return { sessionToken: `${SESSION_TOKEN_PREFIX}${jws}`, expiresAt: new Date(claims.exp * 1000), claims };
}

/** Valid only for the project and mode asking: a token of another tenant or mode is `wrong_audience`. */
export async function verifySessionToken(
  deps: SessionTokenDeps,
  sessionToken: string,
  expected: { project: Pick<Project, 'id' | 'publicId'>; mode: KeyMode },
): Promise<SessionTokenCheck> {
  const jws = jwsOfSessionToken(sessionToken);
  if (jws === null) return { valid: false, reason: 'malformed' };
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(jws).kid;
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  const key = kid === undefined ? null : await deps.keyRing.verificationKey(kid);
  // Only session keys verify session tokens; a stamp key is never accepted here.
  if (key?.purpose !== 'session') return { valid: false, reason: 'unknown_key' };
  try {
    const { payload } = await jwtVerify(jws, key.publicKey, {
      algorithms: [SESSION_TOKEN_ALGORITHM],
      typ: SESSION_TOKEN_TYPE,
      issuer: deps.issuer,
      audience: expected.project.publicId,
      currentDate: deps.clock.now(),
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti'],
    });
    return checkSessionClaims(payload, { projectId: expected.project.id, mode: expected.mode });
  } catch (error) {
    return { valid: false, reason: sessionFailureOf(error) };
  }
}
