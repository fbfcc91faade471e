// The operations of the OpenAPI document the app serves, reduced to what the fuzzer needs: method,
// path template, parameters with their JSON Schemas, the JSON body schema, and how it authenticates.
import { z } from 'zod';

/** A JSON Schema as the document holds it: an object, read field by field by the generators. */
export type JsonSchema = Record<string, unknown>;

const jsonSchema = z.record(z.string(), z.unknown());

const parameter = z.object({
  name: z.string(),
  in: z.enum(['path', 'query', 'header', 'cookie']),
  required: z.boolean().optional(),
  schema: jsonSchema,
});

const operationObject = z.object({
  parameters: z.array(parameter).optional(),
  requestBody: z
    .object({
      required: z.boolean().optional(),
      content: z.record(z.string(), z.object({ schema: jsonSchema })),
    })
    .optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
});

const document = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `POST /v1/business_connect_user/register`, for test names and failure reports. */
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** The OpenAPI template, `/api/poy/webhooks/{id}`. */
  path: string;
  pathParameters: Parameter[];
  queryParameters: Parameter[];
  /** The JSON body schema, or null when the operation takes no body. */
  body: { required: boolean; schema: JsonSchema } | null;
  /** Whether a key is sent at all, and how the Connect surface also takes it. */
  auth: 'none' | 'bearer' | 'bearer-or-api-key';
}

const METHODS = new Set(['get', 'post', 'patch', 'delete', 'put']);

function authOf(security: Array<Record<string, string[]>> | undefined): Operation['auth'] {
  const schemes = new Set((security ?? []).flatMap((entry) => Object.keys(entry)));
  if (schemes.has('apiKeyHeader')) return 'bearer-or-api-key';
  if (schemes.has('bearerAuth')) return 'bearer';
  return 'none';
}

function parametersIn(parameters: Array<z.infer<typeof parameter>>, location: 'path' | 'query'): Parameter[] {
  return parameters
    .filter((entry) => entry.in === location)
    .map((entry) => ({ name: entry.name, required: entry.required ?? false, schema: entry.schema }));
}

function methodOf(name: string): Operation['method'] {
  const upper = name.toUpperCase();
  if (upper === 'GET' || upper === 'POST' || upper === 'PATCH' || upper === 'DELETE' || upper === 'PUT') {
    return upper;
  }
  throw new Error(`unexpected method ${name}`);
}

/** Every operation of the document, in document order. */
export function listOperations(openApiDocument: unknown): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.parse(openApiDocument).paths)) {
    for (const [methodName, raw] of Object.entries(item)) {
      if (!METHODS.has(methodName)) continue;
      const operation = operationObject.parse(raw);
      const parameters = operation.parameters ?? [];
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const method = methodOf(methodName);
      operations.push({
        id: `${method} ${path}`,
        method,
        path,
        pathParameters: parametersIn(parameters, 'path'),
        queryParameters: parametersIn(parameters, 'query'),
        body: bodySchema ? { required: operation.requestBody?.required ?? false, schema: bodySchema } : null,
        auth: authOf(operation.security),
      });
    }
  }
  return operations;
}
