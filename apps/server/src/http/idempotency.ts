// Idempotency keys for authenticated POSTs. Threat: a client that times out and retries must not act
// twice (two registrations, two stamps, two webhook endpoints). A request with `Idempotency-Key`
// claims the key for its project and mode; a retry of the same request gets the stored response
// (`Idempotent-Replayed: true`); the same key on a different request is a 409. Server errors (5xx)
// are not stored, so they can be retried. Keys live 24 hours.
import { createHash } from 'node:crypto';
import type {
  FastifyReply,
  FastifyRequest,
  onSendAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import type { Clock } from '../core/clock.ts';
import type { Store } from '../store/store.ts';
import { ApiError } from './error-registry.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const KEY_TTL_MS = 24 * 3_600_000;
/** A first request still "in progress" after this long died with its process; a retry takes over. */
const TAKE_OVER_AFTER_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

function requestHashOf(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? request.url;
  return createHash('sha256')
    .update(`${request.method} ${path}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

export function createIdempotencyHooks(deps: { store: Store; clock: Clock }): {
  preHandler: preHandlerAsyncHookHandler;
  onSend: onSendAsyncHookHandler<unknown>;
} {
  return {
    async preHandler(request: FastifyRequest, reply: FastifyReply) {
      const header = request.headers['idempotency-key'];
      if (request.method !== 'POST' || header === undefined || !request.auth) return;
      if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
        throw new ApiError('invalid_request', 'Idempotency-Key must be 1–255 visible ASCII characters.');
      }
      const now = deps.clock.now();
      const begun = await deps.store.beginIdempotentRequest({
        projectId: request.auth.project.id,
        mode: request.auth.mode,
        key: header,
        requestHash: requestHashOf(request),
        now,
        expiresAt: new Date(now.getTime() + KEY_TTL_MS),
        takeOverBefore: new Date(now.getTime() - TAKE_OVER_AFTER_MS),
      });
      switch (begun.kind) {
        case 'started':
          request.idempotencyKey = header;
          return;
        case 'mismatch':
          throw new ApiError('conflict', 'This Idempotency-Key was already used for a different request.');
        case 'in_progress':
          throw new ApiError(
            'conflict',
            'A request with this Idempotency-Key is still being processed; retry shortly.',
          );
        case 'replay':
          return reply
            .code(begun.record.responseStatus ?? 200)
            .header('idempotent-replayed', 'true')
            .type(begun.record.responseContentType ?? 'application/json')
            .send(begun.record.responseBody ?? '');
      }
    },

    async onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
      const key = request.idempotencyKey;
      if (key === null || !request.auth) return payload;
      request.idempotencyKey = null;
      const tenant = { projectId: request.auth.project.id, mode: request.auth.mode, key };
      if (reply.statusCode >= 500 || typeof payload !== 'string') {
        await deps.store.abandonIdempotentRequest(tenant);
      } else {
        await deps.store.completeIdempotentRequest({
          ...tenant,
          responseStatus: reply.statusCode,
          responseBody: payload,
          responseContentType: String(reply.getHeader('content-type') ?? 'application/json'),
        });
      }
      return payload;
    },
  };
}
