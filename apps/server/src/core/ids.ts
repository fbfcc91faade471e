// Every id and secret carries a prefix from one closed list, so a value pasted in the wrong place is
// recognisable at a glance and by a check.
import { randomBytes } from 'node:crypto';

export const ID_PREFIXES = [
  'acct',
  'proj',
  'key',
  'bcu',
  'vs',
  'stmp',
  'whsec',
  'enr',
  'uh',
  'we',
  'ch',
  'req',
  'hum',
  'evt',
  'flow',
  'msg',
  'att',
  'mem',
  'mlk',
  'dse',
  'aud',
] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** The largest multiple of 62 below 256: bytes at or above it are dropped to avoid modulo bias. */
const UNBIASED_LIMIT = 248;

export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** `prefix_` + 20 base62 characters (≈ 119 random bits). */
export function createId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(20)}`;
}
