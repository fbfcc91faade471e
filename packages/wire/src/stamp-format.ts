// The signed form of a content stamp (spec/stamps.md, format `poy-stamp/v1`): the server signs these
// bytes and every verifier rebuilds them, so both ends use this one encoder. Threats and answers:
// - Forged or altered stamps: ES256 (ECDSA P-256, SHA-256) over a canonical byte string, checkable by
//   anyone with the JWKS; every field that the stamp asserts is in the bytes.
// - Ambiguous encodings (two statements with the same bytes): fields are one per line, in a fixed
//   order, each restricted to characters without a line break, and checked before signing.
// - A sandbox stamp passing for a real one: the mode (`live` / `test`) is the second line.
// - Future formats: the first line names the version; verifiers refuse versions they do not know.
// Signature encoding: `ecdsa:` + base64url (no padding) of the 64-byte IEEE P1363 `r‖s` (not DER).
import { bytesToBase64Url, toBytes } from './encoding.ts';

/** The only stamp format there is so far. */
export const STAMP_FORMAT = 'poy-stamp/v1' as const;
export const STAMP_SIGNATURE_PREFIX = 'ecdsa:';
/** Stamps are signed only with keys whose kid starts with this. */
export const STAMP_KID_PREFIX = 'poy-stamp-';

export const STAMP_ID_PATTERN = /^stmp_[0-9a-f]{12}$/;
export const CONTENT_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;
/** 1–64 printable ASCII characters, no leading or trailing space (e.g. `article`, `image/png`). */
export const CONTENT_TYPE_PATTERN = /^[\x21-\x7e](?:[\x20-\x7e]{0,62}[\x21-\x7e])?$/;
export const CREATED_BY_PATTERN = /^PoY #[0-9A-F]{7}$/;
/** ISO-8601 in UTC with milliseconds, exactly as Date.prototype.toISOString() writes it. */
export const CREATED_AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MODE_PATTERN = /^(live|test)$/;
const SIGNATURE_P1363_BYTES = 64;

/** The signed fields of a v1 stamp: this PoY identity stamped content with this hash at this time. */
export interface StampStatement {
  mode: 'live' | 'test';
  stampId: string;
  /** `sha256:` + 64 lower-case hex. */
  contentHash: string;
  contentType: string;
  createdBy: string;
  /** ISO-8601 UTC with milliseconds (`2026-04-07T12:30:00.000Z`). */
  createdAt: string;
}

/** A field of a statement breaks its v1 rule; `field` names it. */
export class StampFormatError extends Error {
  readonly field: string;

  constructor(field: string) {
    super(`Stamp field "${field}" does not fit ${STAMP_FORMAT}`);
    this.name = 'StampFormatError';
    this.field = field;
  }
}

// The lines after the version, in order, each with its rule (spec/stamps.md, "The signed bytes").
const LINES: ReadonlyArray<readonly [keyof StampStatement, RegExp]> = [
  ['mode', MODE_PATTERN],
  ['stampId', STAMP_ID_PATTERN],
  ['contentHash', CONTENT_HASH_PATTERN],
  ['contentType', CONTENT_TYPE_PATTERN],
  ['createdBy', CREATED_BY_PATTERN],
  ['createdAt', CREATED_AT_PATTERN],
];

/**
 * The exact bytes a v1 stamp signature covers: UTF-8 (all ASCII) lines, each ending in `\n`:
 * version, mode, stampId, contentHash, contentType, createdBy, createdAt. Throws StampFormatError for a
 * field that breaks its rule: the server never signs such a field, and a stray line feed would make the
 * lines ambiguous.
 */
export function canonicalStampBytes(statement: StampStatement): Uint8Array {
  let text = `${STAMP_FORMAT}\n`;
  for (const [field, rule] of LINES) {
    const value: unknown = statement[field];
    if (typeof value !== 'string' || !rule.test(value)) throw new StampFormatError(field);
    text += `${value}\n`;
  }
  return toBytes(text);
}

/**
 * The bytes a stamp signs, with `contentHash` lower-cased first (as the API does with what it receives),
 * or null when a field breaks its rule. Never throws.
 *
 * @param statement The signed fields.
 * @returns The UTF-8 (ASCII) bytes, or null.
 * @example
 * const bytes = stampStatementBytes({ mode: 'live', stampId, contentHash, contentType, createdBy, createdAt });
 */
export function stampStatementBytes(statement: StampStatement): Uint8Array | null {
  const contentHash: unknown = statement.contentHash;
  if (typeof contentHash !== 'string') return null;
  try {
    return canonicalStampBytes({ ...statement, contentHash: contentHash.toLowerCase() });
  } catch {
    return null;
  }
}

/** `ecdsa:` + base64url of a 64-byte P1363 signature. */
export function encodeStampSignature(signatureP1363: Uint8Array): string {
  if (signatureP1363.length !== SIGNATURE_P1363_BYTES) throw new Error('A P-256 P1363 signature is 64 bytes');
  return `${STAMP_SIGNATURE_PREFIX}${bytesToBase64Url(signatureP1363)}`;
}

// 64 bytes are 86 base64url characters whose last one carries 4 spare bits, which must be zero
// (canonical form, so one signature has one spelling): that last character is A, Q, g or w.
const STAMP_SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{85}[AQgw]$/;

/** The 64-byte r‖s of an `ecdsa:` signature, or null when it is not one. */
export function decodeStampSignature(signature: string): Uint8Array | null {
  if (typeof signature !== 'string' || !signature.startsWith(STAMP_SIGNATURE_PREFIX)) return null;
  const encoded = signature.slice(STAMP_SIGNATURE_PREFIX.length);
  if (!STAMP_SIGNATURE_PATTERN.test(encoded)) return null;
  // Every offline verification decodes one, so this is on the hot path: with the input already held to
  // the pattern above, the platform's own decoder (atob, in every browser, worker and Node) takes a
  // quarter of the time of the general strict decoder, which stays the one for everything else.
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  const signatureP1363 = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) signatureP1363[index] = binary.charCodeAt(index);
  return signatureP1363.length === SIGNATURE_P1363_BYTES ? signatureP1363 : null;
}
