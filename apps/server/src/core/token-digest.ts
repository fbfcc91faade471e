// Bearer values (invite codes, enrollment tokens, API keys) are stored only as SHA-256 digests, so a
// copy of the database hands out no capability. Digests are compared in constant time so that the
// time a comparison takes tells an attacker nothing about how much of a guess was right.
import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 of the UTF-8 value, as lower-case hex: how every bearer value is stored. */
export function hashToken(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time (false when lengths differ or either is empty). */
export function digestsEqual(aHex: string, bHex: string): boolean {
  return bytesEqual(Buffer.from(aHex, 'hex'), Buffer.from(bHex, 'hex'));
}

/** Compares two byte strings in constant time (false when lengths differ or either is empty). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
