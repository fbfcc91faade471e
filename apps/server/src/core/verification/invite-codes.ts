// Invite codes are bearer capabilities: whoever has the URL can run the check for that user. They
// carry 128 bits derived by HMAC from the session id and a server key (so `register` can hand out
// the same URL again without storing the code), and are looked up by SHA-256 only. Short codes (40
// bits, typed by hand at /join) are only usable while their session is pending.
import { createHmac } from 'node:crypto';
import type { ServerSecrets } from '../secrets.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Crockford's base32: no I, L, O or U, so nothing is misread when typed. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITE_CODE_PATTERN = /^[0-9A-Za-z]{22}$/;

function toBase62(bytes: Buffer, length: number): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  for (let index = 0; index < length; index++) {
    out = (BASE62[Number(value % 62n)] ?? '0') + out;
    value /= 62n;
  }
  return out;
}

export function deriveInviteCode(secrets: ServerSecrets, sessionId: string): string {
  const mac = createHmac('sha256', secrets.inviteCodeKey).update(sessionId).digest().subarray(0, 16);
  return toBase62(mac, 22);
}

/** `ABCD-2345`: 8 Crockford characters (40 bits). */
export function deriveShortCode(secrets: ServerSecrets, sessionId: string): string {
  const mac = createHmac('sha256', secrets.shortCodeKey).update(sessionId).digest();
  let bits = 0n;
  for (const byte of mac.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let index = 0; index < 8; index++) {
    out = (CROCKFORD[Number(bits & 31n)] ?? '0') + out;
    bits >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** Normalizes what a person typed (any case, spaces, dashes, O for 0, I/L for 1), or null. */
export function normalizeShortCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(cleaned)) return null;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}
