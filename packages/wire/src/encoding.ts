// Byte encodings the SDK needs (UTF-8, hex, base64, base64url) and one constant-time comparison,
// written out so the package has no dependencies and runs the same in Node 18+ and browsers (no
// Buffer, no node: imports). Decoders are strict: anything that is not canonical input gives null.

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function reverseTable(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let index = 0; index < alphabet.length; index++) table[alphabet.charCodeAt(index)] = index;
  return table;
}

const BASE64_VALUES = reverseTable(BASE64_ALPHABET);
const BASE64URL_VALUES = reverseTable(BASE64URL_ALPHABET);

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

/** Lower-case hex. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Hex (either case) to bytes; null for an odd length or a non-hex character. */
export function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let index = 0; index < out.length; index++) {
    out[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return out;
}

function encodeWith(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const chunk = ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    out +=
      alphabet.charAt((chunk >> 18) & 63) +
      alphabet.charAt((chunk >> 12) & 63) +
      alphabet.charAt((chunk >> 6) & 63) +
      alphabet.charAt(chunk & 63);
  }
  const remaining = bytes.length - index;
  if (remaining === 1) {
    const chunk = (bytes[index] ?? 0) << 16;
    out += alphabet.charAt((chunk >> 18) & 63) + alphabet.charAt((chunk >> 12) & 63);
    if (pad) out += '==';
  } else if (remaining === 2) {
    const chunk = ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8);
    out +=
      alphabet.charAt((chunk >> 18) & 63) +
      alphabet.charAt((chunk >> 12) & 63) +
      alphabet.charAt((chunk >> 6) & 63);
    if (pad) out += '=';
  }
  return out;
}

function decodeWith(text: string, values: Int16Array): Uint8Array | null {
  // A length of 1 mod 4 cannot come from any byte string.
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const value = code < 128 ? (values[code] ?? -1) : -1;
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two different strings would decode to the same bytes.
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return out.subarray(0, written);
}

/** Standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  return encodeWith(bytes, BASE64_ALPHABET, true);
}

/** Standard base64 (padding optional) to bytes; null when malformed. */
export function base64ToBytes(text: string): Uint8Array | null {
  const unpadded = text.replace(/={1,2}$/, '');
  if (text.length !== unpadded.length && text.length % 4 !== 0) return null;
  return decodeWith(unpadded, BASE64_VALUES);
}

/** base64url without padding (RFC 4648 §5), as WebAuthn and JOSE use it. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return encodeWith(bytes, BASE64URL_ALPHABET, false);
}

/** base64url (unpadded, or padded with `=`) to bytes; null when malformed. */
export function base64UrlToBytes(text: string): Uint8Array | null {
  const unpadded = text.replace(/={1,2}$/, '');
  return decodeWith(unpadded, BASE64URL_VALUES);
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
