// Public keys from the deployment's JWKS (`GET /.well-known/jwks.json`): stamps and session tokens name
// theirs by kid. Only EC P-256 keys usable for ES256 are ever returned (es256.ts verifies with them).
import { isJsonObject } from './json.ts';

/** A JWKS as `poy.jwks()` returns it, or the parsed JSON of `/.well-known/jwks.json`. */
export interface JwksInput {
  keys: readonly unknown[];
}

/** True for an object with a `keys` array (the members are checked one by one where used). */
export function isJwks(value: unknown): value is JwksInput {
  return isJsonObject(value) && Array.isArray(value.keys);
}

/** The key named `kid`, when it is an EC P-256 key usable for ES256; null otherwise. */
export function findEcKey(
  jwks: unknown,
  kid: string,
): { kty: 'EC'; crv: 'P-256'; x: string; y: string } | null {
  if (!isJwks(jwks)) return null;
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
