// The shared error pipeline, exercised on both surfaces through probe routes registered on a real
// app: every malformed request gets a 4xx in its surface's format, and a 500 hides its cause.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bodyOf, createCapturingLogger, createTestApp, type TestApp } from '../harness.ts';

const probeBody = z.object({ name: z.string().min(1), count: z.number().int().min(0) });

function registerProbes(app: FastifyInstance): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  for (const prefix of ['/api/poy', '/v1']) {
    route.post(`${prefix}/_probe`, { schema: { body: probeBody } }, async (request) => ({
      echoed: request.body.name,
    }));
    route.get(`${prefix}/_probe/:id`, async (request) => ({ params: request.params }));
    route.get(`${prefix}/_explode`, async () => {
      throw new Error('database password is hunter2');
    });
  }
}

type Surface = 'poy' | 'connect';

function assertErrorFormat(
  surface: Surface,
  response: { statusCode: number; body: string },
  status: number,
  type: string,
  connectCode: string,
): string {
  assert.equal(response.statusCode, status, response.body);
  const body = bodyOf(response);
  if (surface === 'poy') {
    const error = Object(body.error);
    assert.equal(Reflect.get(error, 'code'), status, response.body);
    assert.equal(Reflect.get(error, 'type'), type, response.body);
    assert.match(String(Reflect.get(error, 'requestId')), /^req_/);
    return String(Reflect.get(error, 'message'));
  }
  assert.equal(body.status, 'failure', response.body);
  assert.equal(body.failure_code, connectCode, response.body);
  return String(body.failure_reason);
}

describe('error handling on both surfaces', () => {
  let harness: TestApp;
  let logLines: string[];
  before(async () => {
    const capture = createCapturingLogger();
    logLines = capture.lines;
    harness = await createTestApp({
      extend: registerProbes,
      logger: capture.logger,
      config: { bodyLimitBytes: 2048 },
    });
  });
  after(async () => {
    await harness.close();
  });

  const surfaces: Array<[Surface, string]> = [
    ['poy', '/api/poy'],
    ['connect', '/v1'],
  ];
  for (const [surface, prefix] of surfaces) {
    it(`${surface}: a valid body passes the probe (the probe itself works)`, async () => {
      const response = await harness.app.inject({
        method: 'POST',
        url: `${prefix}/_probe`,
        payload: { name: 'a', count: 1 },
      });
      assert.equal(response.statusCode, 200, response.body);
    });

    it(`${surface}: malformed JSON → 400`, async () => {
      const response = await harness.app.inject({
        method: 'POST',
        url: `${prefix}/_probe`,
        headers: { 'content-type': 'application/json' },
        payload: '{"name": "a",',
      });
      const message = assertErrorFormat(surface, response, 400, 'invalid_request', 'INVALID_REQUEST');
      assert.match(message, /not valid JSON/);
    });

    it(`${surface}: a missing or mistyped field → 400 naming the field`, async () => {
      const response = await harness.app.inject({
        method: 'POST',
        url: `${prefix}/_probe`,
        payload: { name: 'a' },
      });
      const message = assertErrorFormat(surface, response, 400, 'invalid_request', 'INVALID_REQUEST');
      assert.match(message, /count/);
      const mistyped = await harness.app.inject({
        method: 'POST',
        url: `${prefix}/_probe`,
        payload: { name: 'a', count: 'three' },
      });
      assertErrorFormat(surface, mistyped, 400, 'invalid_request', 'INVALID_REQUEST');
    });

    it(`${surface}: an empty JSON body → 400`, async () => {
      const response = await harness.app.inject({
        method: 'POST',
        url: `${prefix}/_probe`,
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      assertErrorFormat(surface, response, 400, 'invalid_request', 'INVALID_REQUEST');
    });

    it(`${surface}: an oversized body → 413`, async () => {
      const response = await harness.app.inject({
        method: 'POST',
        url: `${prefix}/_probe`,
        payload: { name: 'x'.repeat(4096), count: 1 },
      });
      assertErrorFormat(surface, response, 413, 'payload_too_large', 'INVALID_REQUEST');
    });

    it(`${surface}: a non-JSON content type → 415`, async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
        const response = await harness.app.inject({
          method: 'POST',
          url: `${prefix}/_probe`,
          headers: { 'content-type': contentType },
          payload: 'name=a&count=1',
        });
        assertErrorFormat(surface, response, 415, 'unsupported_media_type', 'INVALID_REQUEST');
      }
    });

    it(`${surface}: a malformed percent-encoding in the URL → 400 with a request id`, async () => {
      for (const url of [`${prefix}/%ZZ`, `${prefix}/_probe/%E0%A4%A`, `${prefix}/_probe/%`]) {
        const response = await harness.app.inject({ method: 'GET', url });
        const message = assertErrorFormat(surface, response, 400, 'invalid_request', 'INVALID_REQUEST');
        assert.match(message, /URL is malformed/, url);
        assert.ok(!response.body.includes('FST_ERR'), response.body);
        const body = bodyOf(response);
        const requestId = surface === 'poy' ? Reflect.get(Object(body.error), 'requestId') : body.request_id;
        assert.equal(requestId, response.headers['x-request-id'], url);
      }
    });

    it(`${surface}: a path parameter over 200 characters → 414`, async () => {
      const fits = await harness.app.inject({ method: 'GET', url: `${prefix}/_probe/${'a'.repeat(200)}` });
      assert.equal(fits.statusCode, 200, fits.body);
      const response = await harness.app.inject({
        method: 'GET',
        url: `${prefix}/_probe/${'a'.repeat(201)}`,
      });
      const message = assertErrorFormat(surface, response, 414, 'uri_too_long', 'INVALID_REQUEST');
      assert.match(message, /too long/);
      assert.ok(response.headers['x-request-id']);
    });

    it(`${surface}: a prototype-poisoning JSON body → 400`, async () => {
      const response = await harness.app.inject({
        method: 'POST',
        url: `${prefix}/_probe`,
        headers: { 'content-type': 'application/json' },
        payload: '{"name":"a","count":1,"__proto__":{"admin":true}}',
      });
      assertErrorFormat(surface, response, 400, 'invalid_request', 'INVALID_REQUEST');
    });

    it(`${surface}: an unknown route → 404`, async () => {
      const response = await harness.app.inject({ method: 'GET', url: `${prefix}/no/such/thing` });
      assertErrorFormat(surface, response, 404, 'not_found', 'DOES_NOT_EXIST');
    });

    it(`${surface}: a wrong method → 405`, async () => {
      const response = await harness.app.inject({ method: 'PUT', url: `${prefix}/_probe`, payload: {} });
      assertErrorFormat(surface, response, 405, 'method_not_allowed', 'INVALID_REQUEST');
      assert.equal(response.headers.allow, 'POST');
    });

    it(`${surface}: an unexpected error → 500 with a generic message; the cause is logged with the request id`, async () => {
      const response = await harness.app.inject({ method: 'GET', url: `${prefix}/_explode` });
      const message = assertErrorFormat(surface, response, 500, 'internal', 'INTERNAL_ERROR');
      assert.ok(!message.includes('hunter2'), 'a 500 must not echo the internal message');
      assert.ok(!response.body.includes('hunter2'));
      const requestId = String(response.headers['x-request-id']);
      const logged = logLines.find(
        (line) => line.includes('hunter2') && line.includes(`"requestId":"${requestId}"`),
      );
      assert.ok(logged, `the cause must be logged with request id ${requestId}`);
    });
  }

  it('never logs API keys, authorization headers or query strings', async () => {
    const secret = `poy_test_${'Z'.repeat(32)}`;
    await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project?token=enr_supersecret',
      headers: { authorization: `Bearer ${secret}`, 'api-key': secret },
    });
    const all = logLines.join('\n');
    assert.ok(logLines.length > 0, 'requests are logged');
    assert.ok(!all.includes(secret), 'the key must not be logged');
    assert.ok(!all.includes('enr_supersecret'), 'query strings must not be logged');
  });
});
