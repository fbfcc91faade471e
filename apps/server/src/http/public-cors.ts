// CORS for the keyless public routes only (docs/api.md §5): a project's own web pages call public
// enrollment from the browser, and anyone may show a public profile. Authenticated routes never answer
// CORS: keys belong on servers, and a browser that cannot call them cross-origin cannot leak one there.
//
// Public enrollment names its project in the body (`platform`), which a preflight does not carry. So
// the preflight is answered for any origin (it only lets the browser send the request, which anyone
// can send without a browser anyway: it needs no key, carries no cookie and is rate limited per IP),
// and the real response carries Access-Control-Allow-Origin only when the Origin is one of that
// project's `redirectOrigins`: only the project's own pages can read the enrollment link. Profiles are
// public data, so `*`. No route allows credentials.
//
// A small hook rather than @fastify/cors: that plugin decides per request before the body is parsed
// and answers preflights with a catch-all OPTIONS route, which would reach the authenticated paths too.
import type { FastifyReply, FastifyRequest } from 'fastify';

const PREFLIGHT_MAX_AGE_SECONDS = '600';

function originOf(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  return typeof origin === 'string' && origin !== 'null' ? origin : null;
}

/** Answers a preflight for `methods`: the Origin echoed, or `*` for public data. */
export function answerPreflight(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { methods: string; anyOrigin: boolean },
): FastifyReply {
  const origin = originOf(request);
  reply.header('vary', 'Origin');
  if (origin === null) return reply.code(204).send();
  return reply
    .code(204)
    .headers({
      'access-control-allow-origin': options.anyOrigin ? '*' : origin,
      'access-control-allow-methods': options.methods,
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
    })
    .send();
}

/** For a public-enroll response: allow the Origin to read it when the project lists that origin. */
export function allowProjectOrigin(
  request: FastifyRequest,
  reply: FastifyReply,
  redirectOrigins: readonly string[] | null,
): void {
  reply.header('vary', 'Origin');
  const origin = originOf(request);
  if (origin === null || redirectOrigins === null) return;
  if (redirectOrigins.some((allowed) => sameOrigin(allowed, origin))) {
    reply.header('access-control-allow-origin', origin);
  }
}

function sameOrigin(allowed: string, origin: string): boolean {
  try {
    return new URL(allowed).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

/** The `platform` of a public-enroll body, if the body got far enough to have one. */
export function platformOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('platform' in body)) return null;
  return typeof body.platform === 'string' ? body.platform.trim() : null;
}
