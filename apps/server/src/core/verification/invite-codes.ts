// Invite codes are bearer capabilities: whoever has the URL can run the check for that user. They
// carry 128 bits derived by HMAC from the session id and a server key (so `register` can hand out
// the same URL again without storing the code), and are looked up by SHA-256 only. Short codes (40
// bits, typed by hand at /join) are only usable while their session is pending.
import { createHmac } from 'node:crypto';
import type { ServerSecrets } from '../secrets.ts';
import { hashToken } from '../token-digest.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Crockford's base32: no I, L, O or U, so nothing is misread when typed. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHORT_CODE_LENGTH = 8;
/**
 * What a typed code may be once folded. Only 8 characters are ever handed out; a typed code of another
 * length here is answered as unknown, not as malformed.
 */
const TYPED_SHORT_CODE = /^[0-9A-HJKMNP-TV-Z]{4,16}$/;
/** An invite code as derived here; anything else is never looked up. */
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
  for (let index = 0; index < SHORT_CODE_LENGTH; index++) {
    out = (CROCKFORD[Number(bits & 31n)] ?? '0') + out;
    bits >>= 5n;
  }
  return formatShortCode(out);
}

/** `ABCD2345` → `ABCD-2345`: how a short code is shown, and stored (as a digest). */
function formatShortCode(canonical: string): string {
  return `${canonical.slice(0, 4)}-${canonical.slice(4)}`;
}

/**
 * Canonical short code (upper case, no separators, e.g. `ABCD2345`), or null when the input cannot be
 * one (so no lookup is made). Short codes are typed by hand on a phone, so input is forgiving: case,
 * spaces and dashes do not matter, and the look-alikes Crockford base32 folds together (I and L read
 * as 1, O as 0) are accepted.
 */
export function normalizeShortCode(input: string): string | null {
  const folded = input
    .toUpperCase()
    .replace(/[\s\u2010-\u2015_.-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return TYPED_SHORT_CODE.test(folded) ? folded : null;
}

/**
 * The digest a typed short code is looked up by: that of the form it was handed out in (`ABCD-2345`),
 * or null when the canonical code is not as long as one that was handed out.
 */
export function hashShortCodeForLookup(canonical: string): string | null {
  return canonical.length === SHORT_CODE_LENGTH ? hashToken(formatShortCode(canonical)) : null;
}
