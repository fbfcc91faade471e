// The signed form of a content stamp (spec/stamps.md, format `poy-stamp/v1`). Threats and answers:
// - Forged or altered stamps: ES256 (ECDSA P-256, SHA-256) over a canonical byte string, checkable by
//   anyone with the JWKS; every field that the stamp asserts is in the bytes.
// - Ambiguous encodings (two statements with the same bytes): fields are one per line, in a fixed
//   order, each restricted to characters without a line break, and checked before signing.
// - A sandbox stamp passing for a real one: the mode (`live` / `test`) is the second line.
// - Future formats: the first line names the version; verifiers refuse versions they do not know.
// Signature encoding: `ecdsa:` + base64url (no padding) of the 64-byte IEEE P1363 `r‖s` (not DER).
// Pure (node:crypto only), so the SDK can ship the same code.
import { type KeyObject, sign, verify } from 'node:crypto';

export const STAMP_FORMAT_V1 = 'poy-stamp/v1' as const;
export const STAMP_SIGNATURE_PREFIX = 'ecdsa:';

export const STAMP_ID_PATTERN = /^stmp_[0-9a-f]{12}$/;
export const CONTENT_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;
/** 1–64 printable ASCII characters, no leading or trailing space (e.g. `article`, `image/png`). */
export const CONTENT_TYPE_PATTERN = /^[\x21-\x7e](?:[\x20-\x7e]{0,62}[\x21-\x7e])?$/;
export const CREATED_BY_PATTERN = /^PoY #[0-9A-F]{7}$/;
/** ISO-8601 in UTC with milliseconds, exactly as Date.prototype.toISOString() writes it. */
export const CREATED_AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SIGNATURE_P1363_BYTES = 64;

/** What a v1 stamp asserts: this PoY identity stamped content with this hash at this time. */
export interface StampStatement {
  stampId: string;
  mode: 'live' | 'test';
  contentHash: string;
  contentType: string;
  createdBy: string;
  /** ISO-8601 UTC with milliseconds (`2026-04-07T12:30:00.000Z`). */
  createdAt: string;
}

export class StampFormatError extends Error {
  constructor(field: string) {
    super(`Stamp field "${field}" does not fit ${STAMP_FORMAT_V1}`);
    this.name = 'StampFormatError';
  }
}

function requireField(field: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new StampFormatError(field);
  return value;
}

/**
 * The exact bytes a v1 stamp signature covers: UTF-8 (all ASCII) lines, each ending in `\n`:
 * version, mode, stampId, contentHash, contentType, createdBy, createdAt.
 */
export function canonicalStampBytes(statement: StampStatement): Buffer {
  const lines = [
    STAMP_FORMAT_V1,
    requireField('mode', statement.mode, /^(live|test)$/),
    requireField('stampId', statement.stampId, STAMP_ID_PATTERN),
    requireField('contentHash', statement.contentHash, CONTENT_HASH_PATTERN),
    requireField('contentType', statement.contentType, CONTENT_TYPE_PATTERN),
    requireField('createdBy', statement.createdBy, CREATED_BY_PATTERN),
    requireField('createdAt', statement.createdAt, CREATED_AT_PATTERN),
  ];
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

export function encodeStampSignature(signatureP1363: Buffer): string {
  if (signatureP1363.length !== SIGNATURE_P1363_BYTES) throw new Error('A P-256 P1363 signature is 64 bytes');
  return `${STAMP_SIGNATURE_PREFIX}${signatureP1363.toString('base64url')}`;
}

/** The 64-byte r‖s of an `ecdsa:` signature, or null when it is not one. */
export function decodeStampSignature(signature: string): Buffer | null {
  if (!signature.startsWith(STAMP_SIGNATURE_PREFIX)) return null;
  const encoded = signature.slice(STAMP_SIGNATURE_PREFIX.length);
  if (!/^[A-Za-z0-9_-]{86}$/.test(encoded)) return null;
  const signatureP1363 = Buffer.from(encoded, 'base64url');
  return signatureP1363.length === SIGNATURE_P1363_BYTES ? signatureP1363 : null;
}

export function signStamp(statement: StampStatement, privateKey: KeyObject): string {
  const signatureP1363 = sign('sha256', canonicalStampBytes(statement), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return encodeStampSignature(signatureP1363);
}

/** False for a bad signature, a malformed one, or a statement that does not fit v1; never throws. */
export function verifyStampSignature(
  statement: StampStatement,
  signature: string,
  publicKey: KeyObject,
): boolean {
  const signatureP1363 = decodeStampSignature(signature);
  if (signatureP1363 === null) return false;
  let bytes: Buffer;
  try {
    bytes = canonicalStampBytes(statement);
  } catch {
    return false;
  }
  return verify('sha256', bytes, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signatureP1363);
}
