// Short codes are typed by hand on a phone, so input is forgiving: case, spaces and dashes do not
// matter, and the look-alikes Crockford base32 folds together (I and L read as 1, O as 0) are accepted.
// The canonical form handed to the store is upper case without separators, e.g. "ABCD2345".

const CROCKFORD_CODE = /^[0-9A-HJKMNP-TV-Z]{4,16}$/;

/** Canonical short code, or null when the input cannot be one (so no lookup is made). */
export function normalizeShortCode(input: string): string | null {
  const folded = input
    .toUpperCase()
    .replace(/[\s\u2010-\u2015_.-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return CROCKFORD_CODE.test(folded) ? folded : null;
}
