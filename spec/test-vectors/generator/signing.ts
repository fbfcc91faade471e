// The generator's keys and ECDSA signatures. The private keys are test keys, published on purpose;
// nothing else uses them. ECDSA signatures are randomized, so one already in the committed vectors is
// reused when it still verifies over the same bytes with the same key: running the generator again
// writes the same files.
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VECTOR_DIR = fileURLToPath(new URL('..', import.meta.url));
export const VECTOR_FILES = [
  'webhook-signatures.json',
  'stamps.json',
  'session-tokens.json',
  'redirect-results.json',
] as const;

export interface TestKey {
  kid: string;
  d: string;
  x: string;
  y: string;
}

export const STAMP_KEY_A: TestKey = {
  kid: 'poy-stamp-20260407-a1a1a1a1a1a1',
  d: 'aTc7lqZGecpm5YLC9mwBX42_gia1paXwALFbfMb3xZI',
  x: '9HUNAqTT0x63kpUKXO08agdp-OHoxbonXLVT0C8Katg',
  y: 'bCCrwxenRwQ55mz56rePgxeY9Hx0NOwttz7aqEHi63o',
};
export const STAMP_KEY_B: TestKey = {
  kid: 'poy-stamp-20260301-b2b2b2b2b2b2',
  d: 'G-TGM_B3tTt8zfNPVPS2oepcBWwnqqBph-DJb80iWkU',
  x: '_kRiVCI2YyxpsjbI132x9bk_WWgk5v8NdugmGz95eKA',
  y: 'TzXyFKAf9WV0671sF88SPzf6KwhYGzH-OhOYhEhJYRM',
};
export const SESSION_KEY: TestKey = {
  kid: 'poy-session-20260407-5e5510000001',
  d: 'H_ulZXxpcFWpjvBEwFGvkr9HWKpB--rvJbW6xkN_PgE',
  x: 'LNGrL0DjX0c_w0innqZvHHsc9Gz9XggJT14DcCsaias',
  y: 'wlziNBjUyAodoy81swZqSwd7qrR_8eX53bzXIsnL6Z4',
};
export const REDIRECT_KEY: TestKey = {
  kid: 'poy-redirect-20260407-7ed1ec700001',
  d: 'sQqbPTEKUWzKvKLpdj0xXB_Ids2NrjdpZy3wNHfjB38',
  x: 'q-zBW4KolSg0YUHCxeZJwkHrHOuBhzpROLgb6S3lEpE',
  y: 'khYIq0q2EjchdChDis2tCp5CTKe9Sk4KGjllcGzxCM4',
};
/** Not in any JWKS: signs under SESSION_KEY's kid (or another key's) to make a forgery. */
export const ROGUE_KEY: TestKey = {
  kid: SESSION_KEY.kid,
  d: 'RSB896rbKjNYdV05-jMcJJUKZ-ttXRgyUlHI4do9Wjo',
  x: '-aeQs4OPmWMPDz4Fr2AeS7zm4r5p-Ce1oo2wPJu8mLA',
  y: 'bklmJ6FOvtyDZxDcQ0Q3PugMMBt1GLUrhU36-Ex36dM',
};
// spec/stamps.md, "Worked example": signed by the server's own code; its private key was thrown away.
export const SPEC_EXAMPLE_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: '_fzNwSJgOpE7mR_5Z5CRj9rsgAgpuUG_R4wHEzY5b7o',
  y: 'xiGvpw6h_0rlK2jRT-2I01804vix_wdMfNpju5QGMhg',
  kid: 'poy-stamp-20260407-3e4555022522',
  alg: 'ES256',
  use: 'sig',
};
export const SPEC_EXAMPLE_SIGNATURE =
  'ecdsa:rzm5PITCsTzS5w3YiIO24msYhxEw7ena7CPskNmsNUDL3o5EbtbxJZprlJzeyQaFWwd-cht-FX_h6zt7Hkn3-A';

export function publicJwk(key: TestKey) {
  return { kty: 'EC', crv: 'P-256', x: key.x, y: key.y, kid: key.kid, alg: 'ES256', use: 'sig' };
}

export function privateKeyOf(key: TestKey): KeyObject {
  return createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x: key.x, y: key.y, d: key.d }, format: 'jwk' });
}

export function publicKeyOf(key: TestKey): KeyObject {
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: key.x, y: key.y }, format: 'jwk' });
}

/** Every 64-byte string in the committed vectors that could be a P1363 signature (base64url). */
function committedSignatures(): Buffer[] {
  const found: Buffer[] = [];
  for (const file of VECTOR_FILES) {
    const path = join(VECTOR_DIR, file);
    if (!existsSync(path)) continue;
    for (const match of readFileSync(path, 'utf8').matchAll(/[A-Za-z0-9_-]{86}/g)) {
      const bytes = Buffer.from(match[0], 'base64url');
      if (bytes.length === 64) found.push(bytes);
    }
  }
  return found;
}

const previous = committedSignatures();

const made = new Map<string, Buffer>();

/** ES256 (P1363) over `data`: the same one for the same key and bytes, and a committed one when one verifies. */
export function es256(key: TestKey, data: Buffer): Buffer {
  const id = `${key.x}.${key.y}:${data.toString('hex')}`;
  const known = made.get(id);
  if (known) return known;
  const publicKey = publicKeyOf(key);
  const signature =
    previous.find((candidate) =>
      verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, candidate),
    ) ?? sign('sha256', data, { key: privateKeyOf(key), dsaEncoding: 'ieee-p1363' });
  made.set(id, signature);
  return signature;
}
/** The same ECDSA signature in DER (ASN.1 SEQUENCE of two INTEGERs), which is not the format. */
export function derOf(signatureP1363: Buffer): Buffer {
  const integer = (bytes: Buffer) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const value = bytes.subarray(start);
    const padded = (value[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value;
    return Buffer.concat([Buffer.from([0x02, padded.length]), padded]);
  };
  const body = Buffer.concat([integer(signatureP1363.subarray(0, 32)), integer(signatureP1363.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

export function flipLastSignatureCharacter(signature: string): string {
  const last = signature.at(-2) === 'A' ? 'B' : 'A';
  // The second-last character: base64url's last one may carry padding bits that do not count.
  return `${signature.slice(0, -2)}${last}${signature.slice(-1)}`;
}
