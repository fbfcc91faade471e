// Where a state-changing dashboard request came from. Threat: another site making the browser send a
// request with the member's cookie (cross-site request forgery). Besides the anti-forgery token, the
// browser's own statements are checked: `Origin` (Fetch standard §3.1), when sent, must be the
// deployment's own origin, and `Sec-Fetch-Site` (Fetch Metadata), when sent, must say the request came
// from the same origin (or from the person themself, `none`). Old browsers send neither; the token
// alone then decides.
import type { FastifyRequest } from 'fastify';

export function isSameOriginRequest(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== publicOrigin) return false;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  return true;
}
