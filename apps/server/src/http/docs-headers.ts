// /docs (Swagger UI) is a page on the service's own origin, where people paste API keys into "Try it
// out". It gets the protections of the hosted pages: it cannot be framed (clickjacking a pasted key),
// responses are not content-sniffed, and no referrer leaves it. Its CSP allows only what Swagger UI
// loads, all from this origin: its scripts and styles under /docs/static, images and fonts as data:
// URIs from its stylesheet, and fetches of the spec and of "Try it out" requests. No inline script and
// no 'unsafe-eval' (the bundle's `Function("return this")` probes are guarded and fall back). Checked
// in Chromium: the page renders and "Try it out" works with no CSP violation, once app.ts drops the
// top bar (its logo's inline <style> is the one thing this policy refuses).
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

const DOCS_HEADERS = {
  'content-security-policy': DOCS_CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** onSend hook for every /docs response (the page, its assets and the spec it loads). */
export function setDocsSecurityHeaders(
  _request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload: unknown) => void,
): void {
  reply.headers(DOCS_HEADERS);
  done(null, payload);
}
