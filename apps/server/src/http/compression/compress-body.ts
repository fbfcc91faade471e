// Compressing response bodies with Node's zlib, on its thread pool (never on the event loop, which
// the APIs share). Two speeds: static files are compressed once (the best brotli quality, where the
// file is small enough for it to finish quickly) and their bytes kept for the life of the process;
// rendered pages are compressed per response at a quality that costs about a millisecond for a page.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { ContentCoding } from './accept-encoding.ts';

const brotliCompressAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Above this, brotli's best quality takes seconds (the face model's 2 MB script: 7 s); use a fast one. */
const LARGEST_FOR_BEST_QUALITY = 256 * 1024;
const BEST_BROTLI_QUALITY = 11;
const FAST_BROTLI_QUALITY = 5;
const BEST_GZIP_LEVEL = 9;
const FAST_GZIP_LEVEL = 6;

/**
 * The smallest brotli window that holds the whole body: the same output as the default 4 MB window,
 * while the encoder's memory (tens of megabytes at the best quality, kept by the allocator of the
 * thread that used it) shrinks with the window.
 */
function windowBitsFor(length: number): number {
  return Math.min(
    constants.BROTLI_MAX_WINDOW_BITS,
    Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(length + 16))),
  );
}

function compressWith(coding: ContentCoding, body: Buffer, best: boolean): Promise<Buffer> {
  if (coding === 'gzip') return gzipAsync(body, { level: best ? BEST_GZIP_LEVEL : FAST_GZIP_LEVEL });
  return brotliCompressAsync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: best ? BEST_BROTLI_QUALITY : FAST_BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_LGWIN]: windowBitsFor(body.length),
    },
  });
}

/** A rendered response, compressed for this one answer. */
export function compressResponseBody(coding: ContentCoding, body: Buffer): Promise<Buffer> {
  return compressWith(coding, body, false);
}

/**
 * Compressed copies of static files, by a key naming the exact bytes (their digest, or the path of a
 * file that never changes while the process runs). Keys come from the fixed asset lists, never from a
 * request, so this holds at most two copies of each asset.
 */
const staticCopies = new Map<string, Promise<Buffer | null>>();

/**
 * The file's bytes in `coding`, compressed on first request and kept; null when compressing does not
 * make it smaller (then it is sent as it is).
 */
export function compressStaticOnce(
  key: string,
  coding: ContentCoding,
  load: () => Buffer | Promise<Buffer>,
): Promise<Buffer | null> {
  const cacheKey = `${coding}:${key}`;
  const cached = staticCopies.get(cacheKey);
  if (cached !== undefined) return cached;
  const compressing = (async () => {
    const body = await load();
    const compressed = await compressWith(coding, body, body.length <= LARGEST_FOR_BEST_QUALITY);
    return compressed.length < body.length ? compressed : null;
  })();
  // A failure (the file gone, say) is not remembered: the next request tries again.
  compressing.catch(() => staticCopies.delete(cacheKey));
  staticCopies.set(cacheKey, compressing);
  return compressing;
}
