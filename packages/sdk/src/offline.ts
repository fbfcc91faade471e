// Offline verification of content stamps, session tokens and redirect results with nothing but the
// deployment's JWKS. Threat: a forged or altered stamp or token accepted as POY's. The formats, header
// rules and claim checks are @poy/wire's (the code the server signs with); what differs from wire's own
// verifiers is only how the signature is checked: with keys imported once and cached (es256-keys.ts),
// on node:crypto when running on Node, so a verification runs at the speed of the signature check.
// The steps and their order are wire's verify-stamp-offline.ts, verify-session-token-offline.ts and
// verify-redirect-result.ts; the shared test vectors (test/vectors.test.ts) hold both to the same answers.
import {
  checkRedirectResultClaims,
  checkSessionClaims,
  decodeStampSignature,
  findEcKey,
  hashContent,
  isJwks,
  type JwksInput,
  type OfflineSessionCheck,
  type OfflineStamp,
  type RedirectResultCheck,
  readRedirectResult,
  readSessionToken,
  STAMP_FORMAT,
  STAMP_KID_PREFIX,
  type StampCheck,
  stampStatementBytes,
  type VerifyRedirectResultOptions,
  type VerifySessionTokenOptions,
  type VerifyStampOfflineOptions,
} from '@poy/wire';
import { type Es256KeyCheck, sharedEs256Keys } from './es256-keys.ts';

/** The cached key named `kid` in the JWKS; null when the JWKS has no usable P-256 key by that name. */
function findKey(jwks: unknown, kid: string): Es256KeyCheck | null | Promise<Es256KeyCheck | null> {
  const jwk = findEcKey(jwks, kid);
  return jwk === null ? null : sharedEs256Keys.key(kid, jwk);
}

// Values that are ready are used as they are: `await` on them would still cost a turn of the microtask
// queue per step, which is measurable next to a ~60 µs signature check.

/**
 * Verifies a content stamp with nothing but the deployment's JWKS (spec/stamps.md, "Verifying a stamp
 * offline"): checks the format, rebuilds the signed bytes, finds the `poy-stamp-…` key named by
 * `keyId`, and verifies the ECDSA P-256 (P1363) signature (node:crypto on Node, WebCrypto elsewhere;
 * keys are imported once and cached). Never throws for a bad stamp: the result says why. When the
 * reason is `unknown_key`, fetch the JWKS again (keys rotate) and retry once —
 * `poy.stamps.verifyOffline` does that for you.
 *
 * @param stamp The stamp fields, its content type, and the content or its hash.
 * @param jwks The JWKS (`await poy.jwks()`, or the parsed `/.well-known/jwks.json`).
 * @param options `mode`: `live` (default), `test` or `any`.
 * @returns `{ valid: true, mode, keyId, contentHash }` or `{ valid: false, reason }`.
 * @throws Error when neither node:crypto nor WebCrypto is available.
 * @example
 * const check = await verifyStampOffline({ ...stamp, contentType: 'article', content: articleHtml }, jwks);
 * if (check.valid) console.log('stamped by', stamp.createdBy);
 */
export async function verifyStampOffline(
  stamp: OfflineStamp,
  jwks: JwksInput,
  options: VerifyStampOfflineOptions = {},
): Promise<StampCheck> {
  // spec/stamps.md step 1: a format we do not know is unknown, neither valid nor invalid.
  if (stamp.format !== STAMP_FORMAT) return { valid: false, reason: 'unknown_format' };
  let contentHash: string;
  if (stamp.content !== undefined) {
    contentHash = await hashContent(stamp.content);
    if (stamp.contentHash !== undefined && stamp.contentHash.toLowerCase() !== contentHash) {
      return { valid: false, reason: 'content_mismatch' };
    }
  } else if (stamp.contentHash !== undefined) {
    contentHash = stamp.contentHash.toLowerCase();
  } else {
    return { valid: false, reason: 'malformed' };
  }
  const signature = decodeStampSignature(stamp.signature);
  if (signature === null) return { valid: false, reason: 'malformed' };
  // spec/stamps.md step 4: only stamp keys sign stamps; a key of another purpose is refused.
  if (!stamp.keyId.startsWith(STAMP_KID_PREFIX)) return { valid: false, reason: 'wrong_key_purpose' };
  const found = findKey(jwks, stamp.keyId);
  const verify = found instanceof Promise ? await found : found;
  if (verify === null) return { valid: false, reason: 'unknown_key' };

  const wanted = options.mode ?? 'live';
  const modes: Array<'live' | 'test'> = wanted === 'any' ? ['live', 'test'] : [wanted];
  for (const mode of modes) {
    const bytes = stampStatementBytes({ ...stamp, contentHash, mode });
    if (bytes === null) return { valid: false, reason: 'malformed' };
    const answer = verify(signature, bytes);
    if (typeof answer === 'boolean' ? answer : await answer)
      return { valid: true, mode, keyId: stamp.keyId, contentHash };
  }
  // spec/stamps.md step 3: a stamp that only verifies as `test` is a sandbox stamp, never a real one.
  if (wanted === 'live') {
    const sandbox = stampStatementBytes({ ...stamp, contentHash, mode: 'test' });
    const answer = sandbox === null ? false : verify(signature, sandbox);
    if (typeof answer === 'boolean' ? answer : await answer) {
      return { valid: false, reason: 'sandbox_stamp' };
    }
  }
  return { valid: false, reason: 'invalid_signature' };
}

/**
 * Verifies a session token from `passkeys.authenticate` with nothing but the JWKS: strips `poy_sess_`,
 * checks the JWS header (`alg` ES256 only, `typ` `poy-session+jwt`, a `poy-session-…` kid), the
 * ECDSA P-256 signature (keys imported once and cached), then `exp`, `nbf`, and — when given —
 * `issuer`, `audience`, `projectId` and `mode`. Never throws for a bad token. On `unknown_key`, refetch
 * the JWKS once (keys rotate); `poy.sessions.verifyOffline` does that for you.
 *
 * @param token The `poy_sess_…` token.
 * @param jwks The JWKS (`await poy.jwks()`); anything that is not a JWKS makes the answer `malformed`.
 * @param options `audience`, `issuer`, `projectId`, `mode`, `now` (default: now), `clockToleranceSeconds` (default 0).
 * @returns `{ valid: true, userId, expiresAt, claims }` or `{ valid: false, reason }`.
 * @throws Error when neither node:crypto nor WebCrypto is available.
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
  const found = findKey(jwks, read.kid);
  const verify = found instanceof Promise ? await found : found;
  if (verify === null) return { valid: false, reason: 'unknown_key' };
  const answer = verify.jws(read.compact, read.signature, read.signingInput);
  if (!(typeof answer === 'boolean' ? answer : await answer)) {
    return { valid: false, reason: 'invalid_signature' };
  }
  const check = checkSessionClaims(read.payloadSegment, options);
  if (!check.valid) return check;
  const { claims } = check;
  return { valid: true, userId: claims.sub, expiresAt: new Date(claims.exp * 1000), claims };
}

/**
 * Verifies the `poy_result` query parameter of a redirect from the hosted flow: the JWS header (`alg`
 * ES256 only, `typ` `poy-result+jwt`, a `poy-redirect-…` kid), the ECDSA P-256 signature against the
 * JWKS (keys imported once and cached), `exp`, `aud` (your project id) and — when given — `issuer` and
 * `mode`. Never throws for a bad token. On `unknown_key`, fetch the JWKS again once (keys rotate; a first
 * key appears on first use). Trust `status` only from a valid result; otherwise ask `get_status` / `verify`.
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
  const found = findKey(options.jwks, read.kid);
  const verify = found instanceof Promise ? await found : found;
  if (verify === null) return { valid: false, reason: 'unknown_key' };
  const answer = verify.jws(read.compact, read.signature, read.signingInput);
  if (!(typeof answer === 'boolean' ? answer : await answer)) {
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
