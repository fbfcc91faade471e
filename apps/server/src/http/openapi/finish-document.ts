// The last step of the OpenAPI document (@fastify/swagger's transformObject), both for /openapi.json
// and for spec/openapi.json: it names and tags every operation from the catalog, marks the public ones
// `security: []`, adds each operation's error responses in its surface's format, the `webhooks`
// section, servers, license and contact, and drops what the zod converter leaks that no generator
// understands (its `starts_with` format, and the ±2^53 bounds it gives every `.int()`).

import type { ErrorType } from '../error-registry.ts';
import { surfaceOf } from '../surfaces.ts';
import { ERROR_SCHEMAS, errorResponsesFor } from './error-responses.ts';
import { OPENAPI_TAGS, OPERATION_CATALOG } from './operation-catalog.ts';
import { webhookSection } from './webhook-events.ts';

type JsonObject = Record<string, unknown>;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Formats of JSON Schema 2020-12 and the OpenAPI 3.1 registry; anything else is dropped. */
const STANDARD_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uuid',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'byte',
  'binary',
]);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Removes non-standard formats and the safe-integer bounds that say nothing, everywhere. */
function cleanSchemas(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) cleanSchemas(item);
    return;
  }
  if (!isObject(value)) return;
  if (typeof value.format === 'string' && !STANDARD_FORMATS.has(value.format)) delete value.format;
  if (value.minimum === Number.MIN_SAFE_INTEGER) delete value.minimum;
  if (value.maximum === Number.MAX_SAFE_INTEGER) delete value.maximum;
  for (const child of Object.values(value)) cleanSchemas(child);
}

function errorTypesOf(
  method: string,
  authenticated: boolean,
  entry: { errors?: readonly ErrorType[]; publicRateLimit?: true },
): Set<ErrorType> {
  // Any request can be a 400: a malformed percent-encoding or an unstorable character in the URL is
  // refused before the handler (error-handler.ts, storable-strings.ts), and any input can be invalid.
  const types = new Set<ErrorType>(['invalid_request']);
  if (authenticated) {
    types.add('unauthorized');
    types.add('rate_limited');
    // Idempotency-Key (http/idempotency.ts): malformed is a 400, reused for another request a 409.
    if (method === 'post') types.add('conflict');
  }
  if (entry.publicRateLimit) types.add('rate_limited');
  for (const type of entry.errors ?? []) types.add(type);
  return types;
}

function finishOperations(paths: JsonObject): void {
  const unused = new Set(Object.keys(OPERATION_CATALOG));
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method) || !isObject(operation)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const entry = OPERATION_CATALOG[key];
      if (!entry) {
        throw new Error(`${key} has no entry in http/openapi/operation-catalog.ts: name and tag it there`);
      }
      unused.delete(key);
      operation.operationId = entry.operationId;
      operation.tags = [...entry.tags];
      if (!Array.isArray(operation.security)) operation.security = [];
      const authenticated = Array.isArray(operation.security) && operation.security.length > 0;
      const declared = isObject(operation.responses) ? operation.responses : {};
      const errors = errorResponsesFor(surfaceOf(path), errorTypesOf(method, authenticated, entry));
      operation.responses = {
        ...declared,
        ...Object.fromEntries(Object.entries(errors).filter(([s]) => !(s in declared))),
      };
    }
  }
  if (unused.size > 0) {
    throw new Error(`operation-catalog.ts names routes the app does not have: ${[...unused].join(', ')}`);
  }
}

/** Finishes the document @fastify/swagger built, in place, and returns it. */
export function finishOpenApiDocument<T extends object>(document: T): T {
  const read = (key: string): JsonObject => {
    const value: unknown = Reflect.get(document, key);
    return isObject(value) ? value : {};
  };
  const paths = read('paths');
  finishOperations(paths);
  const { webhooks, schemas: webhookSchemas } = webhookSection();
  const components = read('components');
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const finished: JsonObject = {
    openapi: Reflect.get(document, 'openapi'),
    info: {
      ...read('info'),
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      contact: { name: 'The operator of this POY server' },
    },
    servers: [{ url: '/', description: 'The POY server that serves this document (its PUBLIC_URL)' }],
    tags: OPENAPI_TAGS.map((tag) => ({ ...tag })),
    paths,
    webhooks,
    components: {
      ...components,
      schemas: { ...schemas, ...structuredClone(ERROR_SCHEMAS), ...webhookSchemas },
    },
  };
  cleanSchemas(finished);
  // Rebuilt rather than patched, so that the top-level keys come in the order readers expect.
  for (const key of Object.keys(document)) Reflect.deleteProperty(document, key);
  return Object.assign(document, finished);
}
