// Idempotency keys for authenticated POSTs. Threat: a client that times out and retries must not act
// twice (two registrations, two stamps, two webhook endpoints). A request with `Idempotency-Key`
// claims the key for its project and mode; a retry of the same request gets the stored response
// (`Idempotent-Replayed: true`); the same key on a different request is a 409. Server errors (5xx)
// are not stored, so they can be retried. Keys live 24 hours. Stored responses are sealed (AES-GCM):
// some carry secrets shown once (a new webhook secret), and a database copy must not reveal them.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import type { Clock } from '../core/clock.ts';
import { openSecret, sealSecret } from '../core/sealed-secret.ts';
import type { ServerSecrets } from '../core/secrets.ts';
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

/** What makes two requests "the same" for a key: method, path and the parsed JSON body. */
export function idempotencyRequestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

function requestHashOf(request: FastifyRequest): string {
  return idempotencyRequestHash(request.method, request.url.split('?')[0] ?? request.url, request.body);
}

function contextOf(projectId: string, mode: string, key: string): string {
  return `poy-idempotent-response/v1|${projectId}|${mode}|${key}`;
}

export function createIdempotencyHooks(deps: { store: Store; clock: Clock; secrets: ServerSecrets }): {
  preHandler: preHandlerHookHandler;
  onSend: onSendHookHandler<unknown>;
} {
  /** True when it answered the request itself (a replay). */
  async function begin(request: FastifyRequest, reply: FastifyReply, header: unknown): Promise<boolean> {
    if (!request.auth) return false;
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
        return false;
      case 'mismatch':
        throw new ApiError('conflict', 'This Idempotency-Key was already used for a different request.');
      case 'in_progress':
        throw new ApiError(
          'conflict',
          'A request with this Idempotency-Key is still being processed; retry shortly.',
        );
      case 'replay':
        reply
          .code(begun.record.responseStatus ?? 200)
          .header('idempotent-replayed', 'true')
          .type(begun.record.responseContentType ?? 'application/json')
          .send(
            begun.record.responseBody === null
              ? ''
              : openSecret(
                  begun.record.responseBody,
                  deps.secrets.idempotencyResponseKey,
                  contextOf(request.auth.project.id, request.auth.mode, header),
                ),
          );
        return true;
    }
  }

  async function settle(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    key: string,
  ): Promise<void> {
    if (!request.auth) return;
    request.idempotencyKey = null;
    const tenant = { projectId: request.auth.project.id, mode: request.auth.mode, key };
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await deps.store.abandonIdempotentRequest(tenant);
    } else {
      await deps.store.completeIdempotentRequest({
        ...tenant,
        responseStatus: reply.statusCode,
        responseBody: sealSecret(
          payload,
          deps.secrets.idempotencyResponseKey,
          contextOf(tenant.projectId, tenant.mode, key),
        ),
        responseContentType: String(reply.getHeader('content-type') ?? 'application/json'),
      });
    }
  }

  // Callback-style hooks: requests without a key (every GET, most POSTs) pass straight through
  // without a promise, since these hooks run on every authenticated request.
  return {
    preHandler(request, reply, done) {
      const header = request.headers['idempotency-key'];
      if (request.method !== 'POST' || header === undefined) {
        done();
        return;
      }
      begin(request, reply, header).then((replied) => {
        // A hook that sent the reply itself must not pass the request on.
        if (!replied) done();
      }, done);
    },
    onSend(request, reply, payload, done) {
      const key = request.idempotencyKey;
      if (key === null) {
        done(null, payload);
        return;
      }
      settle(request, reply, payload, key).then(() => done(null, payload), done);
    },
  };
}
