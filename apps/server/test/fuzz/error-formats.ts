// The two error formats as an independent oracle (docs/errors.md): a refused request must answer in
// exactly one of them, chosen by its path, with the status, type and code of one registry entry.
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ERROR_REGISTRY, isErrorType } from '../../src/http/error-registry.ts';

const poyErrorBody = z
  .object({
    error: z
      .object({
        code: z.number().int(),
        message: z.string().min(1),
        type: z.string(),
        requestId: z.string().min(1),
      })
      .strict(),
  })
  .strict();

const connectErrorBody = z
  .object({
    status: z.literal('failure'),
    failure_code: z.string(),
    failure_reason: z.string().min(1),
    request_id: z.string().min(1),
  })
  .strict();

export type Surface = 'poy' | 'connect';

/** Written out here rather than imported, so that a change to the app's own rule shows up as a failure. */
export function surfaceOfPath(url: string): Surface {
  const path = url.split('?')[0] ?? url;
  return path === '/v1' || path.startsWith('/v1/') ? 'connect' : 'poy';
}

export interface ResponseLike {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}

/** Asserts the body is an error of `surface` consistent with the HTTP status; returns its message. */
export function assertErrorFormat(surface: Surface, response: ResponseLike, context: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    assert.fail(`${context}: the error body is not JSON: ${response.body.slice(0, 300)}`);
  }
  const requestIdHeader = response.headers['x-request-id'];
  if (surface === 'poy') {
    const result = poyErrorBody.safeParse(parsed);
    assert.ok(result.success, `${context}: not a POY error body: ${response.body.slice(0, 300)}`);
    const { code, type, requestId, message } = result.data.error;
    assert.equal(code, response.statusCode, `${context}: error.code differs from the status`);
    assert.ok(isErrorType(type), `${context}: undocumented error type ${type}`);
    assert.equal(
      ERROR_REGISTRY[type].status,
      response.statusCode,
      `${context}: ${type} with the wrong status`,
    );
    assert.equal(requestId, requestIdHeader, `${context}: requestId differs from x-request-id`);
    return message;
  }
  const result = connectErrorBody.safeParse(parsed);
  assert.ok(result.success, `${context}: not a Connect error body: ${response.body.slice(0, 300)}`);
  const { failure_code: failureCode, request_id: requestId, failure_reason: reason } = result.data;
  // Refinements (redirect_url_not_allowed) share their general type's status and code, so only general
  // types are counted: exactly one must match.
  const matching = Object.values(ERROR_REGISTRY).filter(
    (definition) =>
      !('refines' in definition) &&
      definition.status === response.statusCode &&
      definition.connectCode === failureCode,
  );
  assert.equal(matching.length, 1, `${context}: ${failureCode} is not documented for ${response.statusCode}`);
  assert.equal(requestId, requestIdHeader, `${context}: request_id differs from x-request-id`);
  return reason;
}
