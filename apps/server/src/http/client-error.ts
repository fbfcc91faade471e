// Requests that are not valid HTTP (a NUL in a header, broken chunked encoding, a repeated
// Content-Length, headers over the size limit, a request that never finished arriving) fail inside
// Node's parser, before Fastify has a request or a reply. Node would answer them with its own JSON
// (`{"error":"Bad Request","message":"Client Error"}`), which is neither surface's format; this
// handler writes the raw HTTP response itself, in the format of the surface the request line's path
// names. Nothing of the packet is logged or echoed: it may hold an API key.
import { ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { ERROR_REGISTRY, type ErrorType } from './error-registry.ts';
import { renderError, surfaceOf } from './surfaces.ts';

interface ClientErrorResponse {
  type: ErrorType;
  message: string;
}

const MALFORMED_HTTP = 'The request is not valid HTTP.';

/** Node's parser codes (llhttp `HPE_*`, plus the server's own timeout), in terms a client can act on. */
export function describeClientError(code: string | undefined): ClientErrorResponse {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { type: 'request_timeout', message: ERROR_REGISTRY.request_timeout.defaultMessage };
    case 'HPE_HEADER_OVERFLOW':
      return { type: 'headers_too_large', message: ERROR_REGISTRY.headers_too_large.defaultMessage };
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_LF_EXPECTED':
    case 'HPE_CR_EXPECTED':
      return { type: 'invalid_request', message: 'A header contains a character HTTP does not allow.' };
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_STRICT':
      return { type: 'invalid_request', message: 'The chunked request body is malformed.' };
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
      return {
        type: 'invalid_request',
        message: 'Content-Length is invalid, repeated, or sent together with Transfer-Encoding.',
      };
    default:
      return { type: 'invalid_request', message: MALFORMED_HTTP };
  }
}

/** `METHOD target …`: the target of the first request line in the packet, when there is one. */
const REQUEST_LINE = /^[A-Za-z]+ +(\S+)/;
/** An absolute-form target (`GET http://host/v1/x HTTP/1.1`) names its path after the authority. */
const ABSOLUTE_TARGET = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*(\/\S*)?$/;
/** The request line is read from at most this many bytes of the packet. */
const REQUEST_LINE_BYTES = 8192;

export function pathOfRawPacket(packet: unknown): string | null {
  if (!Buffer.isBuffer(packet)) return null;
  const target = REQUEST_LINE.exec(packet.subarray(0, REQUEST_LINE_BYTES).toString('latin1'))?.[1];
  if (target === undefined) return null;
  const absolute = ABSOLUTE_TARGET.exec(target);
  if (absolute) return absolute[1] ?? '/';
  return target;
}

/**
 * The path of the failed request: from the response Node already opened for it (an error in the
 * body arrives after the head was parsed), else from the request line at the start of the packet.
 * Unreadable → '/', which renders in the POY format.
 */
function pathOfFailedRequest(error: Error, inFlight: ServerResponse | null): string {
  return inFlight?.req.url ?? pathOfRawPacket(Reflect.get(error, 'rawPacket')) ?? '/';
}

/** The raw HTTP/1.1 response for a client error, closing the connection (the parser cannot resume). */
export function formatClientErrorResponse(path: string, code: string | undefined, requestId: string): string {
  const { type, message } = describeClientError(code);
  const status = ERROR_REGISTRY[type].status;
  const body = JSON.stringify(renderError(surfaceOf(path), type, message, requestId));
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `x-request-id: ${requestId}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/** Fastify's `clientErrorHandler` option. */
export function createClientErrorHandler(options: {
  nextRequestId: () => string;
  logger: FastifyBaseLogger;
}): (error: Error, socket: Socket) => void {
  return (error, socket) => {
    const code: unknown = Reflect.get(error, 'code');
    const errorCode = typeof code === 'string' ? code : undefined;
    // A reset connection has no one left to answer.
    if (errorCode === 'ECONNRESET' || socket.destroyed) return;
    const message: unknown = Reflect.get(socket, '_httpMessage');
    const inFlight = message instanceof ServerResponse ? message : null;
    const requestId = options.nextRequestId();
    options.logger.debug({ requestId, code: errorCode }, 'malformed HTTP request');
    // Once a response has started on this socket, another one would corrupt it: only close.
    if (socket.writable && !inFlight?.headersSent) {
      socket.write(formatClientErrorResponse(pathOfFailedRequest(error, inFlight), errorCode, requestId));
    }
    socket.destroy();
  };
}
