// Public keys from the deployment's JWKS (`GET /.well-known/jwks.json`), imported into WebCrypto for
// ECDSA P-256 / SHA-256 (JOSE ES256). Signatures are IEEE P1363 (r ‖ s, 64 bytes), which is what
// WebCrypto's verify takes and what JWS ES256 and poy-stamp/v1 both use (not DER).
import { isJsonObject } from './decode.ts';
import { toArrayBuffer } from './encoding.ts';
import type { JwksInput } from './types.ts';
import { webCrypto } from './web-crypto.ts';

/** The key named `kid`, when it is an EC P-256 key usable for ES256; null otherwise. */
export function findEcKey(
  jwks: JwksInput,
  kid: string,
): { kty: 'EC'; crv: 'P-256'; x: string; y: string } | null {
  if (!isJsonObject(jwks) || !Array.isArray(jwks.keys)) return null;
  for (const candidate of jwks.keys) {
    if (!isJsonObject(candidate) || candidate.kid !== kid) continue;
    const { kty, crv, x, y, alg } = candidate;
    // RFC 7518 §3.4 / §6.2: ES256 keys are EC on P-256; a key pinned to another algorithm is refused.
    if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string') return null;
    if (alg !== undefined && alg !== 'ES256') return null;
    return { kty, crv, x, y };
  }
  return null;
}

/** Imports an EC P-256 public JWK for ECDSA verification; null when WebCrypto refuses it. */
export async function importVerifyKey(jwk: {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}): Promise<CryptoKey | null> {
  const crypto = await webCrypto();
  try {
    return await crypto.subtle.importKey(
      'jwk',
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
  } catch {
    return null;
  }
}

/** Verifies a 64-byte P1363 ECDSA P-256 / SHA-256 signature over `data`. */
export async function verifyEs256(
  key: CryptoKey,
  signatureP1363: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  if (signatureP1363.length !== 64) return false;
  const crypto = await webCrypto();
  return crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    toArrayBuffer(signatureP1363),
    toArrayBuffer(data),
  );
}
