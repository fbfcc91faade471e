// Rate limits of the public pages and the hosted flow, declared per route rather than per URL.
// Threat: the short codes typed at /join carry only 40 bits, and invite URLs are the capability of the
// flow, so guesses and hammering must be counted however the URL is spelled. A check on the raw URL
// (`/join?`) was escaped by `/join/?code=`, `/%6Aoin?code=` and the like, which the router sends to the
// same handler; here the hook reads the route the router matched (`request.routeOptions.url`), so
// every spelling of a route draws on the same budget. Invites are counted by a digest of their code,
// never the code itself (which would put a capability in the counters' keys, e.g. in Redis).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitWindow } from '../core/rate-limit/plan-limits.ts';
import { hashToken } from '../core/token-digest.ts';
import { enforceRateLimitsOf } from './rate-limit.ts';
import type { RateLimitBackend } from './rate-limit-backend.ts';

/** Every public route limit, in one place. */
export const PUBLIC_RATE_LIMITS = {
  /** Short-code guesses (and the form itself) at /join, per client IP. */
  joinPerIp: [{ limit: 20, windowSeconds: 60 }],
  /** The invite pages (/i/{code}, its status and event stream), per client IP. */
  invitePagesPerIp: [{ limit: 120, windowSeconds: 60 }],
  /** The phone flow of one invite: an honest person makes about 20 calls, retries included. */
  flowPerInvite: [{ limit: 60, windowSeconds: 600 }],
  /** The phone flow from one client IP, across invites (several people may share a NAT). */
  flowPerIp: [{ limit: 300, windowSeconds: 300 }],
} as const satisfies Record<string, readonly RateLimitWindow[]>;

export type PublicRateLimits = { [K in keyof typeof PUBLIC_RATE_LIMITS]: readonly RateLimitWindow[] };

interface RouteRule {
  /** The counter's namespace. */
  name: string;
  /** Tested against the matched route's pattern, e.g. `/flow/:code/start`. */
  appliesTo(routeUrl: string): boolean;
  subject: 'ip' | 'invite';
  windows: keyof PublicRateLimits;
}

const RULES: readonly RouteRule[] = [
  { name: 'join', appliesTo: (url) => url === '/join', subject: 'ip', windows: 'joinPerIp' },
  {
    name: 'invite-page',
    appliesTo: (url) => url === '/i/:code' || url.startsWith('/i/:code/'),
    subject: 'ip',
    windows: 'invitePagesPerIp',
  },
  {
    name: 'flow-invite',
    appliesTo: (url) => url.startsWith('/flow/:code/'),
    subject: 'invite',
    windows: 'flowPerInvite',
  },
  {
    name: 'flow-ip',
    appliesTo: (url) => url.startsWith('/flow/:code/'),
    subject: 'ip',
    windows: 'flowPerIp',
  },
];

function inviteCodeParam(request: FastifyRequest): string | null {
  const params = request.params;
  if (typeof params !== 'object' || params === null || !('code' in params)) return null;
  return typeof params.code === 'string' ? params.code : null;
}

function subjectKey(rule: RouteRule, request: FastifyRequest): string | null {
  if (rule.subject === 'ip') return `${rule.name}:${request.ip}`;
  const code = inviteCodeParam(request);
  return code === null ? null : `${rule.name}:${hashToken(code).slice(0, 32)}`;
}

/** An onRequest hook counting each request against the rules of the route it was routed to. */
export function createRouteRateLimitHook(
  backend: RateLimitBackend,
  limits: PublicRateLimits = PUBLIC_RATE_LIMITS,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    const routeUrl = request.routeOptions.url;
    if (routeUrl === undefined) return;
    const counters = [];
    for (const rule of RULES) {
      if (!rule.appliesTo(routeUrl)) continue;
      const subject = subjectKey(rule, request);
      if (subject !== null) counters.push({ subject, windows: limits[rule.windows] });
    }
    await enforceRateLimitsOf(backend, reply, counters);
  };
}
