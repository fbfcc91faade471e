// Which content coding to answer with, from the request's Accept-Encoding (RFC 9110 §12.5.3). Brotli
// is preferred (smaller), then gzip; a coding the client gives q=0 is refused, `*` stands for any coding
// not named, and without the header nothing is compressed (a client that says nothing may not decode).
export type ContentCoding = 'br' | 'gzip';

const PREFERENCE: readonly ContentCoding[] = ['br', 'gzip'];

/** Caps the work on a hostile header; a real one names a handful of codings. */
const MAX_HEADER_LENGTH = 512;

export function chooseContentCoding(acceptEncoding: string | string[] | undefined): ContentCoding | null {
  if (typeof acceptEncoding !== 'string' || acceptEncoding === '') return null;
  const qualities = new Map<string, number>();
  for (const part of acceptEncoding.slice(0, MAX_HEADER_LENGTH).split(',')) {
    const [name = '', ...parameters] = part.split(';');
    const coding = name.trim().toLowerCase();
    if (coding === '') continue;
    let quality = 1;
    for (const parameter of parameters) {
      const match = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(parameter);
      if (match) quality = Number(match[1]);
    }
    qualities.set(coding, Number.isFinite(quality) ? quality : 0);
  }
  const wildcard = qualities.get('*') ?? 0;
  let chosen: ContentCoding | null = null;
  let best = 0;
  for (const coding of PREFERENCE) {
    const quality = qualities.get(coding) ?? wildcard;
    // Strictly greater: on a tie the earlier (preferred) coding stays.
    if (quality > best) {
      chosen = coding;
      best = quality;
    }
  }
  return chosen;
}
