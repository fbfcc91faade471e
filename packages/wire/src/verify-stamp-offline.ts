// Offline verification of content stamps (spec/stamps.md, format poy-stamp/v1). Threat: a forged or
// altered stamp ("this PoY identity stamped this content at this time"). Offline you learn that POY
// signed the statement; whether the creator is still a verified human only POY knows (stamps.verify).
// Duties of the caller: pass the JWKS (refetch it once when a stamp names an unknown kid), and decide
// whether sandbox (`test`) stamps are acceptable (by default they are not).
import { type BytesLike, bytesToHex, toArrayBuffer, toBytes } from './encoding.ts';
import { importVerifyKey, verifyEs256 } from './es256.ts';
import { findEcKey, type JwksInput } from './jwks.ts';
import { decodeStampSignature, STAMP_FORMAT, STAMP_KID_PREFIX, stampStatementBytes } from './stamp-format.ts';
import { webCrypto } from './web-crypto.ts';

/** A stamp to check offline: what `stamps.create` returned, plus its content type and the content (or its hash). */
export interface OfflineStamp {
  stampId: string;
  /** `ecdsa:` + base64url of the 64-byte P1363 signature. */
  signature: string;
  createdBy: string;
  createdAt: string;
  keyId: string;
  /** Must be `poy-stamp/v1`; any other format is reported as `unknown_format`. */
  format: string;
  contentType: string;
  /** `sha256:` + 64 hex. Give this or `content`. */
  contentHash?: string;
  /** The content itself (hashed with SHA-256 here). Give this or `contentHash`. */
  content?: BytesLike;
}

/** Why a stamp did not verify. `unknown_format` means "cannot tell", not "forged". */
export type StampFailure =
  | 'unknown_format'
  | 'malformed'
  | 'unknown_key'
  | 'wrong_key_purpose'
  | 'content_mismatch'
  | 'invalid_signature'
  | 'sandbox_stamp';

/** The outcome of {@link verifyStampOffline}. */
export type StampCheck =
  | { valid: true; mode: 'live' | 'test'; keyId: string; contentHash: string }
  | { valid: false; reason: StampFailure };

/** Options of {@link verifyStampOffline}. */
export interface VerifyStampOfflineOptions {
  /**
   * Which stamps to accept: `live` (default; a sandbox stamp fails with `sandbox_stamp`), `test`
   * (sandbox stamps only, for tests), or `any`.
   */
  mode?: 'live' | 'test' | 'any';
}

/**
 * `sha256:` + lower-case hex SHA-256 of the content: the `contentHash` that `stamps.create` and
 * `stamps.verify` take. Uses WebCrypto.
 *
 * @param content Text (hashed as UTF-8) or bytes.
 * @returns e.g. `sha256:315f5bdb…` for `Hello, world!`.
 * @throws Error when WebCrypto is unavailable (Node < 18, or a browser page that is not a secure context).
 * @example
 * const contentHash = await hashContent(articleHtml);
 */
export async function hashContent(content: BytesLike): Promise<string> {
  const crypto = await webCrypto();
  const digest = await crypto.subtle.digest('SHA-256', toArrayBuffer(toBytes(content)));
  return `sha256:${bytesToHex(new Uint8Array(digest))}`;
}

/**
 * Verifies a content stamp with nothing but the deployment's JWKS (spec/stamps.md, "Verifying a stamp
 * offline"): checks the format, rebuilds the signed bytes, finds the `poy-stamp-…` key named by
 * `keyId`, and verifies the ECDSA P-256 (P1363) signature with WebCrypto. Never throws for a bad stamp:
 * the result says why. When the reason is `unknown_key`, fetch the JWKS again (keys rotate) and retry
 * once — `poy.stamps.verifyOffline` does that for you.
 *
 * @param stamp The stamp fields, its content type, and the content or its hash.
 * @param jwks The JWKS (`await poy.jwks()`, or the parsed `/.well-known/jwks.json`).
 * @param options `mode`: `live` (default), `test` or `any`.
 * @returns `{ valid: true, mode, keyId, contentHash }` or `{ valid: false, reason }`.
 * @throws Error when WebCrypto is unavailable.
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
  const jwk = findEcKey(jwks, stamp.keyId);
  if (jwk === null) return { valid: false, reason: 'unknown_key' };
  const key = await importVerifyKey(jwk);
  if (key === null) return { valid: false, reason: 'unknown_key' };

  const wanted = options.mode ?? 'live';
  const modes: Array<'live' | 'test'> = wanted === 'any' ? ['live', 'test'] : [wanted];
  for (const mode of modes) {
    const bytes = stampStatementBytes({ ...stamp, contentHash, mode });
    if (bytes === null) return { valid: false, reason: 'malformed' };
    if (await verifyEs256(key, signature, bytes))
      return { valid: true, mode, keyId: stamp.keyId, contentHash };
  }
  // spec/stamps.md step 3: a stamp that only verifies as `test` is a sandbox stamp, never a real one.
  if (wanted === 'live') {
    const sandbox = stampStatementBytes({ ...stamp, contentHash, mode: 'test' });
    if (sandbox !== null && (await verifyEs256(key, signature, sandbox))) {
      return { valid: false, reason: 'sandbox_stamp' };
    }
  }
  return { valid: false, reason: 'invalid_signature' };
}
