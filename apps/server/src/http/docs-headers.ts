// /docs (the guides and the API reference, http/routes/docs.ts) is on the service's own origin, where
// people may paste API keys next to the examples. It gets the protections of the hosted pages: it cannot
// be framed (clickjacking a pasted key), responses are not content-sniffed, and no referrer leaves it.
// Its CSP allows only this origin: scripts and stylesheets under /assets/, images and fonts as data:
// URIs, and fetches of the OpenAPI document. No inline script and no 'unsafe-eval'. The API reference
// page alone admits one inline <style>, the stylesheet its renderer (Scalar) injects, by a nonce made
// for that response (docsPolicyWithStyleNonce).
import type { FastifyReply, FastifyRequest } from 'fastify';

export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The docs policy plus one nonce in style-src (base64 from 16 random bytes, so it cannot break out of the header). */
export function docsPolicyWithStyleNonce(nonce: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(nonce)) throw new Error('A CSP nonce is base64');
  return DOCS_CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`);
}

/** Set on every /docs response; the CSP too, unless the route set its own (the reference page's nonce). */
const DOCS_HEADERS = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** onSend hook for every /docs response (the pages and the OpenAPI document they load). */
export function setDocsSecurityHeaders(
  _request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload: unknown) => void,
): void {
  reply.headers(DOCS_HEADERS);
  if (!reply.hasHeader('content-security-policy')) {
    reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
  }
  done(null, payload);
}
