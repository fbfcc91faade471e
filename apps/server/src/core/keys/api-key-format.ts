// API keys are bearer secrets: whoever holds one acts as the project. We store only their SHA-256
// (a fast hash is right here: the keys carry ~190 random bits, so there is nothing to brute-force)
// and a short display prefix; the full key exists only in the response that creates it.
import { createHash } from 'node:crypto';
import type { KeyMode } from '../../store/store.ts';
import { randomBase62 } from '../ids.ts';

const KEY_RANDOM_LENGTH = 32;
const KEY_PATTERN = /^poy_(live|test)_[0-9A-Za-z]{32,128}$/;
/** `poy_test_` plus four random characters. */
const DISPLAY_PREFIX_LENGTH = 13;

export interface GeneratedApiKey {
  secret: string;
  keyHashHex: string;
  displayPrefix: string;
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateApiKey(mode: KeyMode): GeneratedApiKey {
  const secret = `poy_${mode}_${randomBase62(KEY_RANDOM_LENGTH)}`;
  return { secret, keyHashHex: hashApiKey(secret), displayPrefix: secret.slice(0, DISPLAY_PREFIX_LENGTH) };
}

/** The key's mode if it is well-formed, else null (and it need not be looked up at all). */
export function parseApiKeyMode(candidate: string): KeyMode | null {
  const match = KEY_PATTERN.exec(candidate);
  if (match?.[1] === 'live') return 'live';
  if (match?.[1] === 'test') return 'test';
  return null;
}
