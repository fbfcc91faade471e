// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), synchronous, from @noble/hashes (audited, no
// dependencies, the same code in Node and browsers).
// Why not WebCrypto: its HMAC is async, and an async `verify…(): Promise<boolean>` fails OPEN when a
// caller forgets `await` (a Promise is truthy). Webhook checks are therefore synchronous, as in the
// Standard Webhooks reference library. Inputs are public data and a secret key; the MAC is compared by
// the callers with constantTimeEqual. Tests hold this against node:crypto on inputs of every length.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/** SHA-256 of the concatenation of `parts` (32 bytes). */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = nobleSha256.create();
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** HMAC-SHA256 (RFC 2104) under `key` of the concatenation of `message` parts (32 bytes). */
export function hmacSha256(key: Uint8Array, ...message: Uint8Array[]): Uint8Array {
  const mac = hmac.create(nobleSha256, key);
  for (const part of message) mac.update(part);
  return mac.digest();
}
