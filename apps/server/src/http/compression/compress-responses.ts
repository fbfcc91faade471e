// Compresses the text a scope answers with (HTML, CSS, JavaScript, JSON, SVG over 1 KB) for clients
// that accept brotli or gzip. Never touched: streams (files, server-sent events, which are written to
// the socket directly and must not be buffered), bodies that already have a content coding, and
// responses whose route already chose one (they say so with `Vary: Accept-Encoding`: the asset routes
// send precompressed copies).
//
// Threat (BREACH): a compressed response's length tells an observer of the encrypted traffic whether
// text an attacker put in the page (a filter echoed into a form) matches a secret elsewhere in it (the
// dashboard's anti-forgery token), one guessed character at a time, over many requests the attacker
// makes the victim's browser send. The dashboard's cookie is SameSite=Lax, so such requests can only
// be top-level navigations started by another site, and browsers label those `Sec-Fetch-Site:
// cross-site`. A scope whose pages hold such a secret compresses only answers to requests our own
// pages started (`same-origin`) or the person did (`none`: typed, bookmarked); anything else, and
// browsers that do not send the header, get the page uncompressed, marked `no-transform` so that a
// proxy in front (deploy/proxy/Caddyfile's `encode`) does not compress it either.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseContentCoding } from './accept-encoding.ts';
import { compressResponseBody } from './compress-body.ts';

export interface CompressionOptions {
  /** Compress only for requests started by this site's own pages or by the person (see above). */
  onlyOwnRequests: boolean;
}

const COMPRESSIBLE_TYPE =
  /^(?:text\/html|text\/css|text\/javascript|application\/javascript|application\/json|image\/svg\+xml)\s*(?:;|$)/i;

/** Below this, the bytes saved do not pay for the work (and fit in a packet anyway). */
export const MIN_COMPRESSED_BYTES = 1024;

function varyNames(reply: FastifyReply): string[] {
  const vary = reply.getHeader('vary');
  const values = Array.isArray(vary) ? vary : vary === undefined ? [] : [String(vary)];
  return values.flatMap((value) => value.split(',')).map((name) => name.trim().toLowerCase());
}

/** Adds `Accept-Encoding` to Vary, keeping whatever the route put there (Accept-Language, say). */
export function varyOnAcceptEncoding(reply: FastifyReply): void {
  const names = varyNames(reply);
  if (names.includes('accept-encoding') || names.includes('*')) return;
  const vary = reply.getHeader('vary');
  reply.header('vary', vary === undefined ? 'Accept-Encoding' : `${String(vary)}, Accept-Encoding`);
}

/** RFC 9111 §5.2.2.6: intermediaries must not change the body, which includes compressing it. */
function forbidTransformation(reply: FastifyReply): void {
  const cacheControl = reply.getHeader('cache-control');
  if (cacheControl === undefined) reply.header('cache-control', 'no-transform');
  else if (!/\bno-transform\b/i.test(String(cacheControl))) {
    reply.header('cache-control', `${String(cacheControl)}, no-transform`);
  }
}

function isOwnRequest(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === 'same-origin' || site === 'none';
}

/** An onSend hook for a scope: `scope.addHook('onSend', createCompressionHook(options))`. */
export function createCompressionHook(
  options: CompressionOptions,
): (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown> {
  return async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader('content-encoding') || varyNames(reply).includes('accept-encoding')) return payload;
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !COMPRESSIBLE_TYPE.test(type)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    if (body.length < MIN_COMPRESSED_BYTES) return payload;
    varyOnAcceptEncoding(reply);
    const coding = chooseContentCoding(request.headers['accept-encoding']);
    if (coding === null) return payload;
    if (options.onlyOwnRequests && !isOwnRequest(request)) {
      forbidTransformation(reply);
      return payload;
    }
    const compressed = await compressResponseBody(coding, body);
    if (compressed.length >= body.length) return payload;
    // The compressed bytes are another representation: a strong validator would claim byte equality.
    const etag = reply.getHeader('etag');
    if (typeof etag === 'string' && etag.startsWith('"')) reply.header('etag', `W/${etag}`);
    reply.header('content-encoding', coding);
    reply.removeHeader('content-length');
    return compressed;
  };
}
