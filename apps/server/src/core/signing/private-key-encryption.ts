// Signing keys at rest. Threat: a copy of the database (a backup, a replica, read access to SQL) must
// not yield a key that forges stamps or session tokens. So the PKCS#8 DER private key is stored
// encrypted with AES-256-GCM under `signingKeyEncryptionKey` (derived from POY_SECRET_KEY, never
// stored), with the key id as additional authenticated data: a ciphertext copied onto another row does
// not decrypt. Stored: `v1.<12-byte IV, base64url>.<ciphertext ‖ 16-byte tag, base64url>`.
// Callers' duties: never log the plaintext; treat a decryption failure as a wrong POY_SECRET_KEY or
// tampering (it is thrown, never skipped: a private key is needed, not optional).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT_V1 = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export class SigningKeyDecryptionError extends Error {
  constructor(kid: string, reason: string) {
    super(`The private key of signing key ${kid} could not be decrypted: ${reason}`);
    this.name = 'SigningKeyDecryptionError';
  }
}

function additionalData(kid: string): Buffer {
  return Buffer.from(`poy-signing-key/v1|${kid}`, 'utf8');
}

function requireKey(encryptionKey: Buffer): void {
  if (encryptionKey.length !== KEY_BYTES) throw new Error('The signing key encryption key must be 32 bytes');
}

/** Encrypts a PKCS#8 DER private key for storage under `kid`. */
export function encryptPrivateKeyPkcs8(
  privateKeyPkcs8Der: Buffer,
  encryptionKey: Buffer,
  kid: string,
): string {
  requireKey(encryptionKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(kid));
  const ciphertext = Buffer.concat([cipher.update(privateKeyPkcs8Der), cipher.final(), cipher.getAuthTag()]);
  return `${FORMAT_V1}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}`;
}

/** The PKCS#8 DER private key stored under `kid`; throws SigningKeyDecryptionError on any mismatch. */
export function decryptPrivateKeyPkcs8(encrypted: string, encryptionKey: Buffer, kid: string): Buffer {
  requireKey(encryptionKey);
  const [version, ivText, sealedText, ...rest] = encrypted.split('.');
  // Unknown versions are refused, not guessed at: a newer server wrote them with a scheme this one lacks.
  if (version !== FORMAT_V1) throw new SigningKeyDecryptionError(kid, `unknown format "${version ?? ''}"`);
  if (
    ivText === undefined ||
    sealedText === undefined ||
    rest.length > 0 ||
    !BASE64URL.test(ivText) ||
    !BASE64URL.test(sealedText)
  ) {
    throw new SigningKeyDecryptionError(kid, 'malformed v1 value');
  }
  const iv = Buffer.from(ivText, 'base64url');
  const sealed = Buffer.from(sealedText, 'base64url');
  if (iv.length !== IV_BYTES || sealed.length <= TAG_BYTES) {
    throw new SigningKeyDecryptionError(kid, 'malformed v1 value');
  }
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(kid));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    // GCM authentication failed: wrong POY_SECRET_KEY, a modified value, or a value from another row.
    throw new SigningKeyDecryptionError(kid, 'authentication failed (wrong POY_SECRET_KEY or tampered)');
  }
}
