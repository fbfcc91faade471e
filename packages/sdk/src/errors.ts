// Typed errors. Every failure the client reports is a POYError; the subclass says what kind (by HTTP
// status, or no response at all), `code` is the stable string to branch on (the POY `type`, e.g.
// `not_found`, or the Connect `failure_code`, e.g. `DOES_NOT_EXIST`), and the message ends with what to
// do next. Branch with `instanceof` or on `status` / `code`, never on message text.

/** What a POYError is built from. */
export interface POYErrorInit {
  /** The server's message (or the SDK's, when there was no response). */
  message: string;
  /** HTTP status; 0 when no response arrived (connection failure, timeout). */
  status: number;
  /** The POY error `type` or Connect `failure_code`; null when the server sent neither. */
  code?: string | null;
  /** The request id (`requestId` / `request_id` in the body, or the `x-request-id` header). */
  requestId?: string | null;
  /** What to do next; appended to the message. */
  hint?: string;
  /** The response headers, when a response arrived. */
  headers?: Headers | null;
  /** The underlying error (network failures). */
  cause?: unknown;
}

function composeMessage(message: string, hint: string | undefined): string {
  if (!hint) return message;
  const base = message.trim();
  if (base.length === 0) return hint;
  return /[.!?]$/.test(base) ? `${base} ${hint}` : `${base}. ${hint}`;
}

/**
 * The base class of every error the SDK throws for a failed call.
 *
 * @example
 * try {
 *   await poy.getTrust('usr_123');
 * } catch (error) {
 *   if (error instanceof NotFoundError) { // never seen by this project
 *   } else if (error instanceof POYError) console.error(error.status, error.code, error.requestId);
 *   else throw error;
 * }
 */
export class POYError extends Error {
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** POY `type` (e.g. `invalid_request`) or Connect `failure_code` (e.g. `INVALID_REQUEST`); null when absent. */
  readonly code: string | null;
  /** The server's request id, to quote to support; null when unknown. */
  readonly requestId: string | null;
  /** The message as the server sent it, without the SDK's advice. */
  readonly serverMessage: string;
  /** What to do next (also at the end of `message`). */
  readonly hint: string;
  /** Response headers, when a response arrived. */
  readonly headers: Headers | null;

  /** @param init The status, code, messages and request id of the failure. */
  constructor(init: POYErrorInit) {
    super(
      composeMessage(init.message, init.hint),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = new.target.name;
    this.status = init.status;
    this.code = init.code ?? null;
    this.requestId = init.requestId ?? null;
    this.serverMessage = init.message;
    this.hint = init.hint ?? '';
    this.headers = init.headers ?? null;
  }
}

/** 400 (and 405, 413, 415, 422): the request is malformed; the message names the field. Do not retry as is. */
export class InvalidRequestError extends POYError {}

/** 401: no API key, an unknown or malformed key, or a revoked key. */
export class AuthenticationError extends POYError {}

/** 403: the key may not do this (e.g. a sandbox route with a live key, or a stamp by an unverified user). */
export class PermissionError extends POYError {}

/** 404: the resource does not exist for this project and mode (live and test data are separate). */
export class NotFoundError extends POYError {}

/** 409: the request conflicts with the current state (e.g. an Idempotency-Key reused for another request). */
export class ConflictError extends POYError {}

/** 429: a rate limit is exhausted; wait `retryAfterSeconds` before trying again. */
export class RateLimitError extends POYError {
  /** Seconds to wait, from the `Retry-After` header; null when the server did not say. */
  readonly retryAfterSeconds: number | null;

  /** @param init The failure, plus the parsed `Retry-After` in seconds. */
  constructor(init: POYErrorInit & { retryAfterSeconds: number | null }) {
    super(init);
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** 5xx, or a response the SDK cannot read: a server-side failure. Safe to retry later. */
export class APIError extends POYError {}

/** No response: DNS, connection refused or reset, TLS. `cause` holds the underlying error. */
export class ConnectionError extends POYError {}

/** No response within `timeoutMs`. */
export class TimeoutError extends POYError {}

/** The advice each kind of failure ends with. */
export const ERROR_HINTS = {
  invalidRequest: 'Fix the request: the message names the field that is missing or invalid.',
  authentication:
    'Check that the API key is correct and not revoked; keys start with poy_live_ or poy_test_.',
  permission:
    'This key may not do this: sandbox routes need a poy_test_ key, and stamps need a creator who is a verified human of this project.',
  notFound:
    'Check the id, and that it belongs to this project and mode (live and test keys see separate data).',
  conflict:
    'The request conflicts with the current state (or its Idempotency-Key was used for another request): fetch the current state, then decide; use a new Idempotency-Key for a different request.',
  rateLimit:
    'Wait before retrying (see retryAfterSeconds) or lower the request rate; limits apply per API key.',
  server:
    'POY failed to handle the request; retry later, and quote the request id to support if it persists.',
  connection: 'Check baseUrl (or POY_BASE_URL) and that the POY server is running and reachable.',
  timeout: 'Raise timeoutMs, or check the POY server and network health.',
  unreadable:
    'The answer was not what a POY server sends: check that baseUrl (or POY_BASE_URL) points at a POY server and that the SDK and server versions match.',
} as const;

/** Parses `Retry-After`: delay seconds, or an HTTP date; null when absent or unreadable. */
export function parseRetryAfterSeconds(value: string | null, now: Date = new Date()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number.parseFloat(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, (date - now.getTime()) / 1000);
}

/** The error for an HTTP failure of `status` with a parsed body. */
export function errorForStatus(
  status: number,
  details: { message: string; code: string | null; requestId: string | null; headers: Headers },
): POYError {
  const init = { ...details, status };
  switch (status) {
    case 400:
    case 405:
    case 413:
    case 415:
    case 422:
      return new InvalidRequestError({ ...init, hint: ERROR_HINTS.invalidRequest });
    case 401:
      return new AuthenticationError({ ...init, hint: ERROR_HINTS.authentication });
    case 403:
      return new PermissionError({ ...init, hint: ERROR_HINTS.permission });
    case 404:
      return new NotFoundError({ ...init, hint: ERROR_HINTS.notFound });
    case 409:
      return new ConflictError({ ...init, hint: ERROR_HINTS.conflict });
    case 429: {
      const retryAfterSeconds = parseRetryAfterSeconds(details.headers.get('retry-after'));
      const hint =
        retryAfterSeconds === null
          ? ERROR_HINTS.rateLimit
          : `Wait ${Math.ceil(retryAfterSeconds)} s (Retry-After) before retrying, or lower the request rate; limits apply per API key.`;
      return new RateLimitError({ ...init, hint, retryAfterSeconds });
    }
    default:
      if (status >= 500) {
        const hint = details.requestId
          ? `POY failed to handle the request; retry later, and quote request id ${details.requestId} to support if it persists.`
          : ERROR_HINTS.server;
        return new APIError({ ...init, hint });
      }
      return new POYError({ ...init, hint: ERROR_HINTS.invalidRequest });
  }
}
