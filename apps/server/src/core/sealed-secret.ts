// Secrets the server must read back (webhook signing secrets) are stored sealed with AES-256-GCM under
// a key derived from POY_SECRET_KEY, bound by additional data to what they belong to, so a database
// copy yields nothing usable and a ciphertext moved to another row does not open.
// Stored: `v1.<12-byte IV, base64url>.<ciphertext ‖ 16-byte tag, base64url>`.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealSecret(plaintext: string, key: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** Throws on a wrong key, wrong context, unknown format or tampering. */
export function openSecret(stored: string, key: Buffer, context: string): string {
  const [version, ivText, sealedText, ...rest] = stored.split('.');
  if (version !== 'v1' || !ivText || !sealedText || rest.length > 0)
    throw new Error('Unknown sealed secret format');
  const sealed = Buffer.from(sealedText, 'base64url');
  if (sealed.length < TAG_BYTES) throw new Error('Sealed secret too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}
