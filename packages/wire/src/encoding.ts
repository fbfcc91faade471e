// Byte encodings the wire formats need (UTF-8, hex, base64, base64url) and one constant-time comparison.
// The codecs are @scure/base's (audited, no dependencies, no Buffer, no node: imports: the same code in
// Node and browsers); this module keeps the one contract the formats rely on: decoders are strict and
// answer null, never a guess, for anything that is not canonical input (a wrong letter, bad padding,
// non-zero leftover bits — otherwise two different strings would decode to the same bytes).
import { base64, base64nopad, base64url, base64urlnopad, hex } from '@scure/base';

/** Bytes that may be passed wherever the SDK takes a body or a key: a string is encoded as UTF-8. */
export type BytesLike = string | Uint8Array | ArrayBuffer;

/** UTF-8 bytes of a string; a Uint8Array (Node's Buffer included) or ArrayBuffer is used as is. */
export function toBytes(input: BytesLike): Uint8Array {
  if (typeof input === 'string') return new TextEncoder().encode(input);
  if (input instanceof Uint8Array) return input;
  return new Uint8Array(input);
}

/** Copies bytes into a fresh ArrayBuffer (WebCrypto and WebAuthn want a plain ArrayBuffer). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

/** `decode(text)`, or null where the codec throws (its way of refusing input). */
function decodeOrNull(decode: (text: string) => Uint8Array, text: string): Uint8Array | null {
  try {
    return decode(text);
  } catch {
    return null;
  }
}

/** Lower-case hex. */
export function bytesToHex(bytes: Uint8Array): string {
  return hex.encode(bytes);
}

/** Hex (either case) to bytes; null for an odd length or a non-hex character. */
export function hexToBytes(text: string): Uint8Array | null {
  return decodeOrNull(hex.decode, text);
}

/** Standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  return base64.encode(bytes);
}

/** Standard base64 (padding optional, but whole when present) to bytes; null when malformed. */
export function base64ToBytes(text: string): Uint8Array | null {
  return decodeOrNull(text.endsWith('=') ? base64.decode : base64nopad.decode, text);
}

/** base64url without padding (RFC 4648 §5), as WebAuthn and JOSE use it. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

/** base64url (unpadded, or padded with `=`) to bytes; null when malformed. */
export function base64UrlToBytes(text: string): Uint8Array | null {
  return decodeOrNull(text.endsWith('=') ? base64url.decode : base64urlnopad.decode, text);
}

/**
 * Compares two byte strings in time that depends only on their lengths (which are public: a MAC's
 * length is fixed by its algorithm), so an attacker cannot learn a valid signature byte by byte.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}
