// One string rule at the edge of both surfaces. Threat: PostgreSQL's text and json types cannot hold
// U+0000, and UTF-8 cannot hold an unpaired UTF-16 surrogate (JSON.parse and percent-decoding both
// produce them). Such a string reaching the store fails there as a 500, or is silently rewritten to
// U+FFFD by the driver, so the id a client sent is not the id that was stored. Every string of every
// request (path parameters, query, every header value, and the parsed body with its object keys, at
// any depth) is refused with a 400 in the surface's format before any handler or schema sees it.
//
// The rule is app-level hooks, not a zod string type that each route would have to remember: a route
// added later inherits the hooks from the root instance whether or not its author knows they exist.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './error-registry.ts';

/** A surrogate that is not half of a pair: with the `u` flag a proper pair reads as one code point. */
const LONE_SURROGATE = /\p{Cs}/u;

export function isStorableString(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * The location (`body.user.name`) of the first string in `value` that cannot be stored, or null.
 * Iterative: a 100 KiB body can nest tens of thousands of levels deep, more than the call stack.
 */
export function findUnstorableString(value: unknown, location: string): string | null {
  const pending: Array<{ value: unknown; location: string }> = [{ value, location }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const current = next.value;
    if (typeof current === 'string') {
      if (!isStorableString(current)) return next.location;
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        pending.push({ value: current[index], location: `${next.location}[${index}]` });
      }
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index--) {
        const entry = entries[index];
        if (entry === undefined) continue;
        const [key, child] = entry;
        // The offending key itself is never echoed back: it is exactly what cannot be rendered safely.
        if (!isStorableString(key)) return `${next.location} (a property name)`;
        pending.push({ value: child, location: `${next.location}.${key}` });
      }
    }
  }
  return null;
}

/** Locations name client-chosen property names; a long one is cut rather than echoed whole. */
const MAX_LOCATION_CHARS = 120;

function refusal(location: string): ApiError {
  const shown = location.length > MAX_LOCATION_CHARS ? `${location.slice(0, MAX_LOCATION_CHARS)}…` : location;
  return new ApiError(
    'invalid_request',
    `Invalid request: ${shown} contains a character that cannot be stored (U+0000 or an unpaired surrogate).`,
  );
}

/** Everything known once the route is matched: path parameters, query string and header values. */
function findInRequestHead(request: FastifyRequest): string | null {
  for (const [name, header] of Object.entries(request.headers)) {
    const found = findUnstorableString(header, `header ${name}`);
    if (found) return found;
  }
  return findUnstorableString(request.params, 'params') ?? findUnstorableString(request.query, 'query');
}

/**
 * Registers the rule on the root instance, before any route: the head of a request is checked in
 * onRequest (before authentication, rate limiting or any handler), the body in preValidation (as
 * soon as it is parsed, before the route's schema). Callback-style, so the hot path makes no promise.
 */
export function registerStorableStringRule(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const found = findInRequestHead(request);
    done(found ? refusal(found) : undefined);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const found = request.body === undefined ? null : findUnstorableString(request.body, 'body');
    done(found ? refusal(found) : undefined);
  });
}
