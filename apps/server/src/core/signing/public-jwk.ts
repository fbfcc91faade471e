// The public half of a signing key as published at /.well-known/jwks.json (RFC 7517 / RFC 7518 §6.2):
// EC P-256, ES256, signature use, identified by its kid.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

const coordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a 32-byte base64url coordinate');

export const publicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: coordinate,
  y: coordinate,
  kid: z.string().min(1).max(128),
  alg: z.literal('ES256'),
  use: z.literal('sig'),
});
export type PublicJwk = z.infer<typeof publicJwkSchema>;

/** The JWK of an EC P-256 key (public, or the public half of a private key). */
export function toPublicJwk(key: KeyObject, kid: string): PublicJwk {
  const exported = createPublicKey(key).export({ format: 'jwk' });
  return publicJwkSchema.parse({
    kty: exported.kty,
    crv: exported.crv,
    x: exported.x,
    y: exported.y,
    kid,
    alg: 'ES256',
    use: 'sig',
  });
}

/** Parses a stored or published JWK into a KeyObject (parse once, keep: re-parsing costs 3× per verify). */
export function publicKeyFromJwk(jwk: PublicJwk): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
}
