// The closed list of public error codes. Each has one HTTP status, one POY `type` (the key) and the
// Connect `failure_code` it renders as. docs/errors.md documents every entry; a test keeps them equal.

export type ConnectFailureCode =
  | 'INVALID_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'DOES_NOT_EXIST'
  | 'RATE_LIMITED'
  | 'INTERNAL_ERROR';

export interface ErrorDefinition {
  status: number;
  connectCode: ConnectFailureCode;
  defaultMessage: string;
  /**
   * A more specific case of another type (same status and Connect code), for a failure a client should
   * be able to branch on. A bare status never maps to a refinement: each status has one general type.
   */
  refines?: string;
}

export const ERROR_REGISTRY = {
  invalid_request: { status: 400, connectCode: 'INVALID_REQUEST', defaultMessage: 'The request is invalid.' },
  redirect_url_not_allowed: {
    status: 400,
    connectCode: 'INVALID_REQUEST',
    refines: 'invalid_request',
    defaultMessage: "The redirect URL's origin is not among the project's allowed redirect origins.",
  },
  unauthorized: { status: 401, connectCode: 'UNAUTHORIZED', defaultMessage: 'Invalid or missing API key.' },
  forbidden: {
    status: 403,
    connectCode: 'FORBIDDEN',
    defaultMessage: 'This API key lacks permission for this endpoint.',
  },
  not_found: { status: 404, connectCode: 'DOES_NOT_EXIST', defaultMessage: 'The resource does not exist.' },
  test_identity_not_public: {
    status: 404,
    connectCode: 'DOES_NOT_EXIST',
    refines: 'not_found',
    defaultMessage: 'This PoY id is a sandbox (test) identity; test identities have no public profile.',
  },
  method_not_allowed: {
    status: 405,
    connectCode: 'INVALID_REQUEST',
    defaultMessage: 'This method is not allowed on this path.',
  },
  request_timeout: {
    status: 408,
    connectCode: 'INVALID_REQUEST',
    defaultMessage: 'The request was not received in time.',
  },
  conflict: {
    status: 409,
    connectCode: 'INVALID_REQUEST',
    defaultMessage: 'The request conflicts with the current state.',
  },
  invite_in_use: {
    status: 409,
    connectCode: 'INVALID_REQUEST',
    refines: 'conflict',
    defaultMessage: 'This link is being used on another device.',
  },
  user_already_settled: {
    status: 409,
    connectCode: 'INVALID_REQUEST',
    refines: 'conflict',
    defaultMessage: "This user's verification has already settled; the sandbox does not overwrite it.",
  },
  payload_too_large: {
    status: 413,
    connectCode: 'INVALID_REQUEST',
    defaultMessage: 'The request body is too large.',
  },
  uri_too_long: {
    status: 414,
    connectCode: 'INVALID_REQUEST',
    defaultMessage: 'The URL or one of its path parameters is too long.',
  },
  unsupported_media_type: {
    status: 415,
    connectCode: 'INVALID_REQUEST',
    defaultMessage: 'Send the request body as application/json.',
  },
  rate_limited: {
    status: 429,
    connectCode: 'RATE_LIMITED',
    defaultMessage: 'Rate limit exceeded; retry later.',
  },
  headers_too_large: {
    status: 431,
    connectCode: 'INVALID_REQUEST',
    defaultMessage: 'The request headers are too large.',
  },
  internal: {
    status: 500,
    connectCode: 'INTERNAL_ERROR',
    defaultMessage: 'An unexpected error occurred. Retry, or contact support with the request id.',
  },
  service_unavailable: {
    status: 503,
    connectCode: 'INTERNAL_ERROR',
    defaultMessage: 'The service is temporarily unavailable.',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorType = keyof typeof ERROR_REGISTRY;

export function isErrorType(value: string): value is ErrorType {
  return Object.hasOwn(ERROR_REGISTRY, value);
}

/** The one error that HTTP code throws for an expected failure; rendered per surface. */
export class ApiError extends Error {
  readonly type: ErrorType;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(type: ErrorType, message?: string, headers: Record<string, string> = {}) {
    super(message ?? ERROR_REGISTRY[type].defaultMessage);
    this.name = 'ApiError';
    this.type = type;
    this.status = ERROR_REGISTRY[type].status;
    this.headers = headers;
  }
}

/** The registry type for an HTTP status that did not come from an ApiError (Fastify's own 4xx). */
export function errorTypeForStatus(status: number): ErrorType {
  for (const [type, definition] of Object.entries(ERROR_REGISTRY)) {
    if (definition.status === status && !('refines' in definition) && isErrorType(type)) return type;
  }
  return status >= 500 ? 'internal' : 'invalid_request';
}
