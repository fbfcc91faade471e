// Secrets the server must read back (webhook signing secrets, signing keys) are stored sealed with
// AES-256-GCM under a key derived from POY_SECRET_KEY, bound by additional data to what they belong
// to, so a database copy yields nothing usable and a ciphertext moved to another row does not open.
// Stored: `v1.<12-byte IV, base64url>.<ciphertext ‖ 16-byte tag, base64url>`. Unknown versions are
// refused, not guessed at: a newer server wrote them with a scheme this one lacks.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export class SealedSecretError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SealedSecretError';
  }
}

function requireKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error('A sealing key must be 32 bytes');
}

export function sealBytes(plaintext: Buffer, key: Buffer, context: string): string {
  requireKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** Throws SealedSecretError on a wrong key, wrong context, unknown format or tampering. */
export function openBytes(stored: string, key: Buffer, context: string): Buffer {
  requireKey(key);
  const [version, ivText, sealedText, ...rest] = stored.split('.');
  if (version !== 'v1') throw new SealedSecretError(`unknown format "${version ?? ''}"`);
  if (!ivText || !sealedText || rest.length > 0 || !BASE64URL.test(ivText) || !BASE64URL.test(sealedText)) {
    throw new SealedSecretError('malformed v1 value');
  }
  const iv = Buffer.from(ivText, 'base64url');
  const sealed = Buffer.from(sealedText, 'base64url');
  if (iv.length !== IV_BYTES || sealed.length <= TAG_BYTES) throw new SealedSecretError('malformed v1 value');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    // GCM authentication failed: wrong POY_SECRET_KEY, a modified value, or a value from another row.
    throw new SealedSecretError('authentication failed (wrong POY_SECRET_KEY or tampered)');
  }
}

export function sealSecret(plaintext: string, key: Buffer, context: string): string {
  return sealBytes(Buffer.from(plaintext, 'utf8'), key, context);
}

export function openSecret(stored: string, key: Buffer, context: string): string {
  return openBytes(stored, key, context).toString('utf8');
}
