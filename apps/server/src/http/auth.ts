// API-key authentication for both surfaces. POY routes take `Authorization: Bearer <key>`; Connect
// routes also take `API-KEY: <key>`. The key is resolved by the core authenticator (hash lookup,
// cached, revocation pushed); the request then carries its project and mode, and every handler reads
// tenant data through `requireAuth(request)` so nothing can be served without a tenant.
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { ApiKeyAuthenticator, AuthenticatedKey } from '../core/keys/api-key-authenticator.ts';
import { rateLimitWindowsForProject } from '../core/rate-limit/plan-limits.ts';
import type { ApiUsageCounter } from '../core/usage/api-usage-counter.ts';
import { ApiError } from './error-registry.ts';
import { enforceRateLimits } from './rate-limit.ts';
import type { RateLimitBackend } from './rate-limit-backend.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthenticatedKey | null;
  }
}

// The authenticator hands out the same key record until it changes, so its counter's name is built
// once rather than on every request.
const counterSubjects = new WeakMap<AuthenticatedKey['apiKey'], string>();

function counterSubject(apiKey: AuthenticatedKey['apiKey']): string {
  let subject = counterSubjects.get(apiKey);
  if (subject === undefined) {
    subject = `key:${apiKey.id}`;
    counterSubjects.set(apiKey, subject);
  }
  return subject;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function presentedKey(request: FastifyRequest, acceptApiKeyHeader: boolean): string | null {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 0) {
    return BEARER.exec(authorization)?.[1] ?? '';
  }
  const header = request.headers['api-key'];
  if (acceptApiKeyHeader && typeof header === 'string' && header.length > 0) return header.trim();
  return null;
}

export function createAuthHook(options: {
  authenticator: ApiKeyAuthenticator;
  rateLimitBackend: RateLimitBackend;
  acceptApiKeyHeader: boolean;
  /** Counts each key's requests and refusals for the usage page (in memory, written in batches). */
  usage?: ApiUsageCounter;
}): onRequestAsyncHookHandler {
  const missingMessage = options.acceptApiKeyHeader
    ? 'Missing API key. Send it as "API-KEY: <key>" or "Authorization: Bearer <key>".'
    : 'Invalid or missing API key. Send it as "Authorization: Bearer <key>".';
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const key = presentedKey(request, options.acceptApiKeyHeader);
    if (key === null) throw new ApiError('unauthorized', missingMessage);
    const answer = options.authenticator.authenticate(key);
    const result = answer instanceof Promise ? await answer : answer;
    if (!result.ok) {
      throw new ApiError(
        'unauthorized',
        result.reason === 'revoked' ? 'This API key has been revoked.' : 'Invalid or missing API key.',
      );
    }
    request.auth = result.key;
    const keyId = result.key.apiKey.id;
    try {
      const counted = enforceRateLimits(
        options.rateLimitBackend,
        reply,
        counterSubject(result.key.apiKey),
        rateLimitWindowsForProject(result.key.project),
      );
      if (counted) await counted;
    } catch (error) {
      if (error instanceof ApiError && error.type === 'rate_limited') options.usage?.countRateLimited(keyId);
      throw error;
    }
    options.usage?.countRequest(keyId);
  };
}

/** The authenticated key of this request; throws if a route forgot the auth hook. */
export function requireAuth(request: FastifyRequest): AuthenticatedKey {
  if (!request.auth) throw new Error('requireAuth called on a route without the auth hook');
  return request.auth;
}
