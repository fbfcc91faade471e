// Signing keys at rest. Threat: a copy of the database (a backup, a replica, read access to SQL) must
// not yield a key that forges stamps or session tokens. So the PKCS#8 DER private key is stored
// encrypted with AES-256-GCM under `signingKeyEncryptionKey` (derived from POY_SECRET_KEY, never
// stored), with the key id as additional authenticated data: a ciphertext copied onto another row does
// not decrypt. Stored: `v1.<12-byte IV, base64url>.<ciphertext ‖ 16-byte tag, base64url>`.
// Callers' duties: never log the plaintext; treat a decryption failure as a wrong POY_SECRET_KEY or
// tampering (it is thrown, never skipped: a private key is needed, not optional).
import { openBytes, SealedSecretError, sealBytes } from '../sealed-secret.ts';

export class SigningKeyDecryptionError extends Error {
  constructor(kid: string, reason: string) {
    super(`The private key of signing key ${kid} could not be decrypted: ${reason}`);
    this.name = 'SigningKeyDecryptionError';
  }
}

/** The kid is the additional authenticated data: a ciphertext moved to another key's row does not open. */
function contextOf(kid: string): string {
  return `poy-signing-key/v1|${kid}`;
}

/** Encrypts a PKCS#8 DER private key for storage under `kid`. */
export function encryptPrivateKeyPkcs8(
  privateKeyPkcs8Der: Buffer,
  encryptionKey: Buffer,
  kid: string,
): string {
  return sealBytes(privateKeyPkcs8Der, encryptionKey, contextOf(kid));
}

/** The PKCS#8 DER private key stored under `kid`; throws SigningKeyDecryptionError on any mismatch. */
export function decryptPrivateKeyPkcs8(encrypted: string, encryptionKey: Buffer, kid: string): Buffer {
  try {
    return openBytes(encrypted, encryptionKey, contextOf(kid));
  } catch (error) {
    if (error instanceof SealedSecretError) throw new SigningKeyDecryptionError(kid, error.message);
    throw error;
  }
}
