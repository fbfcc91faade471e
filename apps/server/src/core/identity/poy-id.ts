import { randomBytes } from 'node:crypto';

const POY_CODE = /^[0-9A-F]{7}$/;

/** 7 upper-case hex characters (28 bits); collisions are caught by a unique index and redrawn. */
export function generatePoyCode(): string {
  return randomBytes(4).toString('hex').toUpperCase().slice(0, 7);
}

export function formatPoyId(poyCode: string): string {
  return `PoY #${poyCode}`;
}

/** Accepts `PoY #00482A1` (any case, with or without the space) or the bare `00482A1`. */
export function parsePoyId(input: string): string | null {
  const bare = input
    .trim()
    .replace(/^poy\s*#\s*/i, '')
    .toUpperCase();
  return POY_CODE.test(bare) ? bare : null;
}
