// ECDSA P-256 / SHA-256 (JOSE ES256) verification with WebCrypto, for keys from the JWKS. Signatures
// are IEEE P1363 (r ‖ s, 64 bytes), which is what WebCrypto's verify takes and what JWS ES256 and
// poy-stamp/v1 both use (not DER). Compact JWS (session tokens, redirect results) are verified by jose
// (audited; it also refuses what RFC 7515 says a verifier must: an unknown `crit`, `b64: false`), pinned
// to ES256; stamps are not JWS and are checked over their statement bytes. Kept apart from jwks.ts so
// WebCrypto's types (CryptoKey) stay out of the declarations of everything else.
import { compactVerify } from 'jose/jws/compact/verify';
import { toArrayBuffer } from './encoding.ts';
import { webCrypto } from './web-crypto.ts';

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

/**
 * Verifies a compact JWS signed with ES256 under `key`. False for a bad signature and for anything jose
 * refuses to verify (an undecodable segment, another algorithm, an unsupported `crit`): the header
 * rules that give a more precise answer are readCompactJws's, checked before this.
 */
export async function verifyCompactJwsEs256(key: CryptoKey, compact: string): Promise<boolean> {
  try {
    await compactVerify(compact, key, { algorithms: ['ES256'] });
    return true;
  } catch {
    return false;
  }
}
