// Compact JWS (RFC 7515 §7.1) signed with ES256, the envelope of session tokens and redirect results.
// One reader for both, so the header rules that keep one signed object from passing as another live in
// one place: the algorithm is pinned (RFC 8725 §3.1), the type is explicit (§3.11), no `crit` extension
// is accepted (RFC 7515 §4.1.11), and the kid must carry the purpose's prefix, so a key of another
// purpose never verifies (the server issues one key per purpose). Signature checks are the caller's.
import { base64UrlToBytes, bytesToBase64Url, toBytes } from './encoding.ts';
import { isJsonObject, type JsonObject } from './json.ts';

export const JWS_ALGORITHM = 'ES256';

/** What a reader expects of the header. */
export interface CompactJwsExpectations {
  /** The header's `typ`. */
  type: string;
  /** Keys of the purpose have kids starting with this (`poy-session-`, `poy-redirect-`). */
  kidPrefix: string;
}

/** A compact JWS taken apart, before its signature is checked. */
export type ReadCompactJws =
  | {
      ok: true;
      kid: string;
      /** The compact JWS itself, `header.payload.signature` (for a JWS library's verifier). */
      compact: string;
      /** RFC 7515 §5.2: the ASCII of `header.payload` as sent. */
      signingInput: Uint8Array;
      /** Whatever the third part decodes to; a verifier refuses anything but 64 bytes (P1363). */
      signature: Uint8Array;
      payloadSegment: string;
    }
  | { ok: false; reason: 'malformed' | 'wrong_type' | 'unknown_key' };

/** The JSON object a base64url segment holds; null when it is not one (or not UTF-8). */
export function decodeJsonSegment(segment: string): JsonObject | null {
  const bytes = base64UrlToBytes(segment);
  if (bytes === null) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return isJsonObject(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Takes `header.payload.signature` apart and checks the header: `alg` ES256 only (`malformed`
 * otherwise), `typ` as expected (`wrong_type`), no `crit` (`malformed`), a kid with the expected prefix
 * (`unknown_key`).
 */
export function readCompactJws(compact: string, expected: CompactJwsExpectations): ReadCompactJws {
  const parts = compact.split('.');
  const [headerPart, payloadPart, signaturePart] = parts;
  if (
    parts.length !== 3 ||
    headerPart === undefined ||
    payloadPart === undefined ||
    signaturePart === undefined
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const header = decodeJsonSegment(headerPart);
  if (header === null) return { ok: false, reason: 'malformed' };
  // RFC 8725 §3.1: the algorithm is pinned, never taken from the token.
  if (header.alg !== JWS_ALGORITHM) return { ok: false, reason: 'malformed' };
  // RFC 8725 §3.11: explicit typing keeps other signed objects from passing as this one.
  if (header.typ !== expected.type) return { ok: false, reason: 'wrong_type' };
  // RFC 7515 §4.1.11: an extension the verifier must understand cannot be ignored; none is supported.
  if (header.crit !== undefined) return { ok: false, reason: 'malformed' };
  const kid = header.kid;
  if (typeof kid !== 'string' || !kid.startsWith(expected.kidPrefix))
    return { ok: false, reason: 'unknown_key' };
  // A signature segment that does not decode is a bad signature, not a malformed token: verification
  // fails on it (`invalid_signature`), as it does for a signature that was tampered with.
  const signature = base64UrlToBytes(signaturePart) ?? new Uint8Array(0);
  return {
    ok: true,
    kid,
    compact,
    signingInput: toBytes(`${headerPart}.${payloadPart}`),
    signature,
    payloadSegment: payloadPart,
  };
}

/** The part of a new JWS that its signature covers: base64url(header) `.` base64url(claims). */
export function compactJwsSigningInput(kid: string, type: string, claims: object): string {
  const header = { alg: JWS_ALGORITHM, kid, typ: type };
  const encode = (value: object) => bytesToBase64Url(toBytes(JSON.stringify(value)));
  return `${encode(header)}.${encode(claims)}`;
}

/** The signing input + `.` + base64url of the 64-byte P1363 ES256 signature. */
export function assembleCompactJws(signingInput: string, signatureP1363: Uint8Array): string {
  if (signatureP1363.length !== 64) throw new Error('An ES256 signature is 64 bytes (P1363)');
  return `${signingInput}.${bytesToBase64Url(signatureP1363)}`;
}

/** True for a whole number of seconds (JWT NumericDate as this server writes it). */
export function isWholeSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** True for a non-empty string. */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
