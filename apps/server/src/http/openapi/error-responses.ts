// The error bodies of both surfaces as shared schemas, and the error responses of one operation, so
// that a client generated from the document types its error bodies. The schemas are built from the
// registry (error-registry.ts) and surfaces.ts renders exactly these shapes.
import { type ConnectFailureCode, ERROR_REGISTRY, type ErrorType } from '../error-registry.ts';
import type { Surface } from '../surfaces.ts';

const ERROR_TYPES = Object.keys(ERROR_REGISTRY);
const CONNECT_CODES = [
  ...new Set(Object.values(ERROR_REGISTRY).map((entry) => entry.connectCode)),
] satisfies ConnectFailureCode[];

export const ERROR_SCHEMAS = {
  PoyError: {
    type: 'object',
    description: 'Every error of the POY surface (docs/api.md §2).',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'type', 'requestId'],
        properties: {
          code: { type: 'integer', description: 'The HTTP status, as a number' },
          message: { type: 'string', description: 'For people; may change' },
          type: { type: 'string', enum: ERROR_TYPES, description: 'The stable value to branch on' },
          requestId: { type: 'string', description: 'Equals the x-request-id header' },
        },
      },
    },
  },
  ConnectError: {
    type: 'object',
    description: 'Every error of the Connect surface (docs/api.md §2).',
    required: ['status', 'failure_code', 'failure_reason', 'request_id'],
    properties: {
      status: { type: 'string', const: 'failure' },
      failure_code: { type: 'string', enum: CONNECT_CODES, description: 'The stable value to branch on' },
      failure_reason: { type: 'string', description: 'For people; may change' },
      request_id: { type: 'string', description: 'Equals the x-request-id header' },
    },
  },
} as const;

const SCHEMA_OF: Record<Surface, string> = {
  poy: '#/components/schemas/PoyError',
  connect: '#/components/schemas/ConnectError',
};

function errorResponse(surface: Surface, description: string): Record<string, unknown> {
  return { description, content: { 'application/json': { schema: { $ref: SCHEMA_OF[surface] } } } };
}

/**
 * The responses for `types`, one per status (a status with refinements lists each type), plus a
 * `default` for the failures any route can meet (413, 415, 500, 503…).
 */
export function errorResponsesFor(surface: Surface, types: Iterable<ErrorType>): Record<string, unknown> {
  const byStatus = new Map<number, ErrorType[]>();
  for (const type of types) {
    const status = ERROR_REGISTRY[type].status;
    const listed = byStatus.get(status) ?? [];
    if (!listed.includes(type)) listed.push(type);
    byStatus.set(status, listed);
  }
  const responses: Record<string, unknown> = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const listed = byStatus.get(status) ?? [];
    const description = listed
      .map((type) =>
        surface === 'poy'
          ? `\`${type}\`: ${ERROR_REGISTRY[type].defaultMessage}`
          : `\`${ERROR_REGISTRY[type].connectCode}\`: ${ERROR_REGISTRY[type].defaultMessage}`,
      )
      .join(' ');
    responses[String(status)] = errorResponse(surface, description);
  }
  responses.default = errorResponse(
    surface,
    'Any other error of the registry (docs/errors.md): body too large, wrong content type, internal, unavailable.',
  );
  return responses;
}
