// A new ES256 signing key: a fresh P-256 pair, its public JWK, and the private key encrypted for storage.
import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import type { SigningKey, SigningKeyPurpose } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { encryptPrivateKeyPkcs8 } from './private-key-encryption.ts';
import { toPublicJwk } from './public-jwk.ts';

export const SIGNING_KEY_PURPOSES: readonly SigningKeyPurpose[] = ['stamp', 'session', 'redirect'];

export function isSigningKeyPurpose(value: string): value is SigningKeyPurpose {
  return SIGNING_KEY_PURPOSES.some((purpose) => purpose === value);
}

/**
 * `poy-<purpose>-<yyyymmdd>-<12 hex>`: readable in logs and JWKS, and the purpose is visible to offline
 * verifiers (a session verifier only accepts `poy-session-…` keys).
 */
export function formatKid(purpose: SigningKeyPurpose, createdAt: Date): string {
  const day = createdAt.toISOString().slice(0, 10).replaceAll('-', '');
  return `poy-${purpose}-${day}-${randomBytes(6).toString('hex')}`;
}

export function generateSigningKey(
  deps: { clock: Clock; signingKeyEncryptionKey: Buffer },
  purpose: SigningKeyPurpose,
): { record: SigningKey; privateKey: KeyObject } {
  const createdAt = deps.clock.now();
  const kid = formatKid(purpose, createdAt);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateKeyPkcs8Der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    record: {
      kid,
      purpose,
      publicJwk: toPublicJwk(privateKey, kid),
      privateKeyEncrypted: encryptPrivateKeyPkcs8(privateKeyPkcs8Der, deps.signingKeyEncryptionKey, kid),
      createdAt,
      retiredAt: null,
    },
    privateKey,
  };
}
