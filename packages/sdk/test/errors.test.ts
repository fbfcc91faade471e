// Error mapping for every documented status (docs/errors.md), on both surfaces, through an injected
// fetch: the class, status, code, request id, and a message that says what to do next.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  APIError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  POYError,
  RateLimitError,
  TimeoutError,
} from '../src/index.ts';
import { rejectionOf, scriptedClient } from './helpers.ts';

type ErrorClass = abstract new (...args: never[]) => POYError;

// docs/errors.md: type, HTTP status, Connect failure_code.
const DOCUMENTED: Array<{
  type: string;
  status: number;
  connect: string;
  expected: ErrorClass;
  hint: RegExp;
}> = [
  {
    type: 'invalid_request',
    status: 400,
    connect: 'INVALID_REQUEST',
    expected: InvalidRequestError,
    hint: /names the field/,
  },
  {
    type: 'unauthorized',
    status: 401,
    connect: 'UNAUTHORIZED',
    expected: AuthenticationError,
    hint: /Check that the API key is correct and not revoked; keys start with poy_live_ or poy_test_\./,
  },
  { type: 'forbidden', status: 403, connect: 'FORBIDDEN', expected: PermissionError, hint: /poy_test_ key/ },
  {
    type: 'not_found',
    status: 404,
    connect: 'DOES_NOT_EXIST',
    expected: NotFoundError,
    hint: /Check the id/,
  },
  {
    type: 'method_not_allowed',
    status: 405,
    connect: 'INVALID_REQUEST',
    expected: InvalidRequestError,
    hint: /Fix the request/,
  },
  {
    type: 'conflict',
    status: 409,
    connect: 'INVALID_REQUEST',
    expected: ConflictError,
    hint: /current state/,
  },
  {
    type: 'payload_too_large',
    status: 413,
    connect: 'INVALID_REQUEST',
    expected: InvalidRequestError,
    hint: /Fix/,
  },
  {
    type: 'unsupported_media_type',
    status: 415,
    connect: 'INVALID_REQUEST',
    expected: InvalidRequestError,
    hint: /Fix/,
  },
  { type: 'rate_limited', status: 429, connect: 'RATE_LIMITED', expected: RateLimitError, hint: /Wait 7 s/ },
  {
    type: 'internal',
    status: 500,
    connect: 'INTERNAL_ERROR',
    expected: APIError,
    hint: /quote request id req_123/,
  },
  {
    type: 'service_unavailable',
    status: 503,
    connect: 'INTERNAL_ERROR',
    expected: APIError,
    hint: /retry later/,
  },
];

describe('error mapping', () => {
  for (const row of DOCUMENTED) {
    it(`POY ${row.status} ${row.type} → ${row.expected.name}`, async () => {
      const { poy, requests } = scriptedClient(
        [
          {
            status: row.status,
            body: {
              error: { code: row.status, message: 'Server says no.', type: row.type, requestId: 'req_123' },
            },
            headers: { 'retry-after': '7', 'x-request-id': 'req_header' },
          },
        ],
        { maxRetries: 0 },
      );
      const error = await rejectionOf(() => poy.getTrust('usr_1'));
      assert.ok(error instanceof row.expected, String(error));
      assert.ok(error instanceof POYError);
      assert.ok(error instanceof Error);
      assert.equal(error.status, row.status);
      assert.equal(error.code, row.type);
      assert.equal(error.requestId, 'req_123');
      assert.equal(error.serverMessage, 'Server says no.');
      assert.match(error.message, /^Server says no\. /);
      assert.match(error.message, row.hint);
      assert.equal(error.name, row.expected.name);
      assert.equal(requests.length, 1);
      if (error instanceof RateLimitError) assert.equal(error.retryAfterSeconds, 7);
    });

    it(`Connect ${row.status} ${row.connect} → ${row.expected.name}`, async () => {
      const { poy } = scriptedClient(
        [
          {
            status: row.status,
            body: {
              status: 'failure',
              failure_code: row.connect,
              failure_reason: 'Nope.',
              request_id: 'req_123',
            },
            headers: { 'retry-after': '7' },
          },
        ],
        { maxRetries: 0 },
      );
      const error = await rejectionOf(() => poy.connect.getStatus({ referenceUserId: 'usr_1' }));
      assert.ok(error instanceof row.expected, String(error));
      assert.ok(error instanceof POYError);
      assert.equal(error.status, row.status);
      assert.equal(error.code, row.connect);
      assert.equal(error.requestId, 'req_123');
      assert.match(error.message, /^Nope\. /);
    });
  }

  it('the seed format without type, and a body that is not JSON, still map by status', async () => {
    const seedShaped = scriptedClient([
      { status: 401, body: { error: { code: 401, message: 'Invalid or missing API key.' } } },
    ]);
    const error = await rejectionOf(() => seedShaped.poy.check('usr_1'));
    assert.ok(error instanceof AuthenticationError);
    assert.equal(error.code, null);
    assert.equal(
      error.message,
      'Invalid or missing API key. Check that the API key is correct and not revoked; keys start with poy_live_ or poy_test_.',
    );

    const html = scriptedClient(
      [{ status: 502, rawBody: '<html>Bad gateway</html>', headers: { 'x-request-id': 'req_h' } }],
      {
        maxRetries: 0,
      },
    );
    const gateway = await rejectionOf(() => html.poy.check('usr_1'));
    assert.ok(gateway instanceof APIError);
    assert.equal(gateway.status, 502);
    assert.equal(gateway.requestId, 'req_h');
    assert.match(gateway.message, /HTTP 502/);
  });

  it('an unlisted 4xx is a plain POYError with its status', async () => {
    const { poy } = scriptedClient([{ status: 418, body: { error: { code: 418, message: 'Teapot.' } } }]);
    const error = await rejectionOf(() => poy.check('usr_1'));
    assert.ok(error instanceof POYError);
    assert.equal(error.status, 418);
  });

  it('a 200 with an unexpected body is an APIError naming the field', async () => {
    const { poy } = scriptedClient([{ status: 200, body: { isHuman: 'yes', poyId: null } }]);
    const error = await rejectionOf(() => poy.check('usr_1'));
    assert.ok(error instanceof APIError);
    assert.equal(error.code, 'unexpected_response');
    assert.match(error.message, /isHuman should be a boolean/);
    assert.match(error.message, /baseUrl/);

    const notJson = scriptedClient([{ status: 200, rawBody: 'OK' }]);
    const second = await rejectionOf(() => notJson.poy.check('usr_1'));
    assert.ok(second instanceof APIError);
    assert.match(second.message, /not JSON/);
  });

  it('network failures are ConnectionError with the cause; no answer in time is TimeoutError', async () => {
    const { poy } = scriptedClient([{ networkError: 'fetch failed' }], { maxRetries: 0 });
    const error = await rejectionOf(() => poy.check('usr_1'));
    assert.ok(error instanceof ConnectionError);
    assert.equal(error.status, 0);
    assert.ok(error.cause instanceof TypeError);
    assert.match(error.message, /Could not reach POY at http:\/\/poy\.test/);
    assert.match(error.message, /Check baseUrl \(or POY_BASE_URL\)/);

    const slow = scriptedClient(['hang'], { maxRetries: 0, timeoutMs: 20 });
    const timeout = await rejectionOf(() => slow.poy.check('usr_1'));
    assert.ok(timeout instanceof TimeoutError);
    assert.match(timeout.message, /within 20 ms/);
    assert.match(timeout.message, /Raise timeoutMs/);
  });

  it('a caller abort rejects with the abort reason and is not retried', async () => {
    const { poy, requests } = scriptedClient(['hang'], { maxRetries: 3, timeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = poy.check('usr_1', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 10);
    const error = await rejectionOf(() => pending);
    assert.ok(error instanceof Error);
    assert.equal(error.message, 'user left');
    assert.equal(requests.length, 1);
  });
});
