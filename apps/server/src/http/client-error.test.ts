import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeClientError, formatClientErrorResponse, pathOfRawPacket } from './client-error.ts';

describe('client errors', () => {
  it('read the path of the request line, origin-form or absolute-form', () => {
    assert.equal(pathOfRawPacket(Buffer.from('GET /v1/x?y=1 HTTP/1.1\r\nHost: a\r\n')), '/v1/x?y=1');
    assert.equal(pathOfRawPacket(Buffer.from('POST http://host:8080/v1/x HTTP/1.1\r\n')), '/v1/x');
    assert.equal(pathOfRawPacket(Buffer.from('GET http://host HTTP/1.1\r\n')), '/');
    assert.equal(pathOfRawPacket(Buffer.from('GET /api/poy/check')), '/api/poy/check', 'a cut-off line');
    assert.equal(pathOfRawPacket(Buffer.from([1, 2, 3])), null);
    assert.equal(pathOfRawPacket(Buffer.from('ZZ\r\n')), null);
    assert.equal(pathOfRawPacket('GET /v1/x HTTP/1.1'), null, 'only a Buffer is a packet');
    assert.equal(pathOfRawPacket(undefined), null);
  });

  it('map the parser codes to documented types', () => {
    assert.equal(describeClientError('ERR_HTTP_REQUEST_TIMEOUT').type, 'request_timeout');
    assert.equal(describeClientError('HPE_HEADER_OVERFLOW').type, 'headers_too_large');
    assert.equal(describeClientError('HPE_INVALID_HEADER_TOKEN').type, 'invalid_request');
    assert.equal(describeClientError('HPE_SOMETHING_NEW').type, 'invalid_request');
    assert.equal(describeClientError(undefined).message, 'The request is not valid HTTP.');
  });

  it('format a complete HTTP response whose Content-Length counts bytes', () => {
    const response = formatClientErrorResponse('/v1/x', 'ERR_HTTP_REQUEST_TIMEOUT', 'req_1');
    const [head = '', body = ''] = response.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.match(head, /\r\nConnection: close/);
    assert.match(head, /\r\nx-request-id: req_1/);
    assert.match(head, new RegExp(`\\r\\nContent-Length: ${Buffer.byteLength(body)}`));
    assert.deepEqual(JSON.parse(body), {
      status: 'failure',
      failure_code: 'INVALID_REQUEST',
      failure_reason: 'The request was not received in time.',
      request_id: 'req_1',
    });
    const poy = JSON.parse(
      formatClientErrorResponse('/api/poy/x', 'HPE_HEADER_OVERFLOW', 'req_2').split('\r\n\r\n')[1] ?? '',
    );
    assert.deepEqual(poy, {
      error: {
        code: 431,
        message: 'The request headers are too large.',
        type: 'headers_too_large',
        requestId: 'req_2',
      },
    });
  });
});
