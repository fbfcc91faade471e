// Fixed times and derived values shared by the vector builders.
import { createHash } from 'node:crypto';

/** 2026-04-07T12:00:00Z. */
export const T = 1_775_563_200;

export function derived(label: string, bytes: number): Buffer {
  return createHash('sha256').update(`poy test vectors: ${label}`).digest().subarray(0, bytes);
}

export function secret(label: string): string {
  return `whsec_${derived(label, 24).toString('base64')}`;
}

/** One byte of `text` changed (an ASCII digit or letter, so the text stays the same length). */
export function changeOneByte(text: string, at: string, to: string): string {
  const index = text.indexOf(at);
  if (index < 0 || at.length !== to.length) throw new Error(`cannot change ${at} in ${text}`);
  return `${text.slice(0, index)}${to}${text.slice(index + at.length)}`;
}
