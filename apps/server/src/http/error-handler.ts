// One error handler and one not-found handler for the whole app. Expected failures arrive as
// ApiError or as Fastify's own 4xx (bad JSON, body too large, wrong content type, schema
// validation); anything else is a 500 whose cause is logged with the request id and never echoed.
// Errors the router raises before any route or hook exists (a malformed percent-encoding, a path
// parameter over the length limit) come through `renderFrameworkError`, so they too are in the
// surface's format. Errors below HTTP (the parser's) are in client-error.ts.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, ERROR_REGISTRY, type ErrorType, errorTypeForStatus } from './error-registry.ts';
import { renderError, surfaceOf } from './surfaces.ts';

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  type: ErrorType,
  message: string,
  headers: Record<string, string> = {},
): FastifyReply {
  const body = renderError(surfaceOf(request.url), type, message, request.id);
  return reply.code(ERROR_REGISTRY[type].status).headers(headers).type('application/json').send(body);
}

function describeValidation(error: FastifyError): string {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const parts = error.validation.map((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const where = error.validationContext ?? 'request';
      return `${where}${path ? `.${path}` : ''}: ${issue.message}`;
    });
    return `Invalid request: ${parts.slice(0, 5).join('; ')}`;
  }
  return `Invalid request: ${error.message}`;
}

const FASTIFY_CLIENT_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty but its content type is application/json.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the request body as application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
  FST_ERR_BAD_URL: 'The URL is malformed (an invalid percent-encoding or character).',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is too long.',
};

/**
 * Fastify's `frameworkErrors` option: the router's own failures, raised before routing, so before
 * the onRequest hook that sets `x-request-id` and outside the error handler.
 */
export function renderFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.header('x-request-id', request.id);
  const status = error.statusCode ?? 400;
  const type = status >= 500 ? 'internal' : errorTypeForStatus(status);
  if (type === 'internal') request.log.error({ err: error }, 'router error');
  const message = (error.code && FASTIFY_CLIENT_MESSAGES[error.code]) ?? ERROR_REGISTRY[type].defaultMessage;
  sendError(request, reply, type, message);
}

/** Compiled route patterns by method, to tell "no such path" (404) from "wrong method" (405). */
interface RoutePattern {
  methods: Set<string>;
  regex: RegExp;
}

function compilePattern(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? '[^/]+'
        : segment === '*'
          ? '.*'
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

export function registerErrorHandling(app: FastifyInstance): void {
  const patterns = new Map<string, RoutePattern>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const existing = patterns.get(route.url);
    if (existing) for (const method of methods) existing.methods.add(method);
    else patterns.set(route.url, { methods: new Set(methods), regex: compilePattern(route.url) });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return sendError(request, reply, error.type, error.message, error.headers);
    }
    if (error.validation) {
      return sendError(request, reply, 'invalid_request', describeValidation(error));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const message =
        (error.code && FASTIFY_CLIENT_MESSAGES[error.code]) ??
        ERROR_REGISTRY[errorTypeForStatus(status)].defaultMessage;
      return sendError(request, reply, errorTypeForStatus(status), message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'internal', ERROR_REGISTRY.internal.defaultMessage);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    const allowed = new Set<string>();
    for (const pattern of patterns.values()) {
      if (pattern.regex.test(path)) for (const method of pattern.methods) allowed.add(method);
    }
    if (allowed.size > 0 && !allowed.has(request.method)) {
      return sendError(request, reply, 'method_not_allowed', `${request.method} is not allowed on ${path}.`, {
        allow: [...allowed].sort().join(', '),
      });
    }
    return sendError(request, reply, 'not_found', `No route for ${request.method} ${path}.`);
  });
}
