// Requests that are not valid HTTP, sent over a raw socket to a listening app: Node's parser refuses
// them before Fastify sees a request, and the answer must still be in the format of the surface the
// path names (docs/errors.md, "Errors below the routes"), with a request id, on a closed connection.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: Record<string, unknown>;
  raw: string;
}

/**
 * Writes `request` as is (several parts: one at a time, 50 ms apart, so that the server has parsed
 * the head before the rest arrives) and reads until the server closes the connection.
 */
function sendRaw(port: number, request: string | Buffer | string[]): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server did not close the connection'));
    }, 10_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {
      // A reset after the response was written still leaves the response to read.
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = new Map<string, string>();
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      try {
        const parsed: unknown = JSON.parse(rest.join('\r\n\r\n'));
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('not an object');
        resolve({
          status: Number(statusLine.split(' ')[1]),
          headers,
          body: Object.fromEntries(Object.entries(parsed)),
          raw,
        });
      } catch (error) {
        reject(new Error(`unparseable response ${JSON.stringify(raw)}: ${String(error)}`));
      }
    });
    if (!Array.isArray(request)) {
      socket.write(request);
      return;
    }
    request.forEach((part, index) => {
      setTimeout(() => socket.write(part), index * 50);
    });
  });
}

function assertPoyError(response: RawResponse, status: number, type: string): string {
  assert.equal(response.status, status, response.raw);
  const error = response.body.error;
  assert.ok(typeof error === 'object' && error !== null, response.raw);
  assert.deepEqual(Object.keys(response.body), ['error'], response.raw);
  assert.equal(Reflect.get(error, 'code'), status, response.raw);
  assert.equal(Reflect.get(error, 'type'), type, response.raw);
  assert.equal(Reflect.get(error, 'requestId'), response.headers.get('x-request-id'), response.raw);
  assert.match(String(Reflect.get(error, 'requestId')), /^req_/);
  assert.equal(response.headers.get('connection'), 'close');
  return String(Reflect.get(error, 'message'));
}

function assertConnectError(response: RawResponse, status: number, failureCode: string): string {
  assert.equal(response.status, status, response.raw);
  assert.deepEqual(Object.keys(response.body).sort(), [
    'failure_code',
    'failure_reason',
    'request_id',
    'status',
  ]);
  assert.equal(response.body.status, 'failure', response.raw);
  assert.equal(response.body.failure_code, failureCode, response.raw);
  assert.equal(response.body.request_id, response.headers.get('x-request-id'), response.raw);
  assert.equal(response.headers.get('connection'), 'close');
  return String(response.body.failure_reason);
}

describe('malformed HTTP gets an error in the surface format', () => {
  let harness: TestApp;
  let port: number;
  let key: string;
  before(async () => {
    harness = await createTestApp();
    key = (await createTestTenant(harness)).testKey;
    await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const address = harness.app.server.address();
    assert.ok(address !== null && typeof address === 'object');
    port = address.port;
  });
  after(async () => {
    await harness.close();
  });

  const surfaces: Array<['poy' | 'connect', string]> = [
    ['poy', '/api/poy/verify'],
    ['connect', '/v1/business_connect_user/register'],
  ];
  for (const [surface, path] of surfaces) {
    const expect400 = (response: RawResponse) =>
      surface === 'poy'
        ? assertPoyError(response, 400, 'invalid_request')
        : assertConnectError(response, 400, 'INVALID_REQUEST');

    it(`${surface}: a NUL in a header value → 400`, async () => {
      const response = await sendRaw(port, `POST ${path} HTTP/1.1\r\nHost: a\r\nX-Thing: a\u0000b\r\n\r\n`);
      assert.match(expect400(response), /header/);
    });

    it(`${surface}: a malformed chunked body → 400`, async () => {
      const response = await sendRaw(
        port,
        `POST ${path} HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
      );
      assert.match(expect400(response), /chunked/);
    });

    it(`${surface}: a malformed chunk after the head was parsed → 400 (the path comes from the open request)`, async () => {
      // With a valid key, so that the request is waiting for its body when the bad chunk arrives.
      const response = await sendRaw(port, [
        `POST ${path} HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
        '2\r\n{}\r\n',
        'ZZ\r\n',
      ]);
      assert.match(expect400(response), /chunked/);
    });

    it(`${surface}: two different Content-Length headers → 400`, async () => {
      const response = await sendRaw(
        port,
        `POST ${path} HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
      );
      assert.match(expect400(response), /Content-Length/);
    });

    it(`${surface}: headers over the size limit → 431`, async () => {
      const response = await sendRaw(
        port,
        `GET ${path} HTTP/1.1\r\nHost: a\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      );
      if (surface === 'poy') assertPoyError(response, 431, 'headers_too_large');
      else assertConnectError(response, 431, 'INVALID_REQUEST');
    });

    it(`${surface}: an absolute-form request target still names the surface`, async () => {
      const response = await sendRaw(
        port,
        `POST http://example.com${path} HTTP/1.1\r\nHost: a\r\nX-Thing: a\u0000b\r\n\r\n`,
      );
      expect400(response);
    });
  }

  it('a request line that cannot be read → 400 in the POY format', async () => {
    const response = await sendRaw(port, Buffer.from([0x01, 0x02, 0x03, 0x0d, 0x0a, 0x0d, 0x0a]));
    assertPoyError(response, 400, 'invalid_request');
  });

  it('a valid request on the same server is unaffected', async () => {
    const socket = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(socket.status, 200);
  });
});
