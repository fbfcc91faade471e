// Requests for one OpenAPI operation, in five shapes: valid (as the schema describes it), hostile
// URL (path and query parameters), mutated body (one value replaced, removed or added), malformed
// body (not the JSON asked for, or not JSON), and hostile headers (keys and header values).
import fc from 'fast-check';
import {
  applyMutation,
  contentType,
  encodeComponent,
  hostileString,
  malformedBodyText,
  mutation,
  rawPathSegment,
  serializeJson,
} from './hostile-values.ts';
import type { Operation, Parameter } from './openapi-operations.ts';
import { type KnownValues, valueArbitrary } from './schema-arbitrary.ts';

export interface FuzzKeys {
  test: string;
  live: string;
}

export interface FuzzRequest {
  shape: 'valid' | 'hostile-url' | 'mutated-body' | 'malformed-body' | 'hostile-headers' | 'unstorable-sweep';
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  /** Varied, so that per-IP limits on the public routes do not answer everything with a 429. */
  remoteAddress: string;
  payload?: string;
}

/** A parameter as it goes on the wire: an encoded value, or text used as is. */
type Wire = { encoded: string } | null;

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function validParameter(parameter: Parameter, known: KnownValues): fc.Arbitrary<Wire> {
  return valueArbitrary(parameter.schema, known, parameter.name).map((value) => ({
    encoded: encodeComponent(stringOf(value)),
  }));
}

function hostileParameter(parameter: Parameter, known: KnownValues): fc.Arbitrary<Wire> {
  return fc.oneof(
    { arbitrary: hostileString.map((value) => ({ encoded: encodeComponent(value) })), weight: 4 },
    { arbitrary: rawPathSegment.map((text) => ({ encoded: text })), weight: 2 },
    // Past the router's 200-character limit on path parameters.
    {
      arbitrary: fc.integer({ min: 150, max: 600 }).map((length) => ({ encoded: 'a'.repeat(length) })),
      weight: 1,
    },
    { arbitrary: validParameter(parameter, known), weight: 2 },
  );
}

function parametersArbitrary(
  parameters: Parameter[],
  pick: (parameter: Parameter) => fc.Arbitrary<Wire>,
): fc.Arbitrary<Array<[string, Wire]>> {
  return fc.tuple(
    ...parameters.map((parameter) =>
      (parameter.required ? pick(parameter) : fc.option(pick(parameter), { nil: null })).map(
        (wire): [string, Wire] => [parameter.name, wire],
      ),
    ),
  );
}

function urlOf(
  operation: Operation,
  path: Array<[string, Wire]>,
  query: Array<[string, Wire]>,
  extraQuery: string,
): string {
  let url = operation.path;
  for (const [name, wire] of path) url = url.replace(`{${name}}`, wire ? wire.encoded : '');
  const pairs = query.flatMap(([name, wire]) =>
    wire ? [`${encodeURIComponent(name)}=${wire.encoded}`] : [],
  );
  if (extraQuery) pairs.push(extraQuery);
  return pairs.length > 0 ? `${url}?${pairs.join('&')}` : url;
}

/** Extra query text for a hostile URL: repeated parameters, unknown ones, broken escapes. */
const extraQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  hostileString.map((value) => `fuzz=${encodeComponent(value)}`),
  fc.constantFrom(
    'userId=a&userId=b',
    'limit=1&limit=2',
    '%ZZ=1',
    'a[b]=c',
    '__proto__=x',
    '=',
    '&&',
    'limit=1e3',
  ),
);

/** The key a well-behaved client sends: the test key (sandbox routes need it), sometimes the live one. */
function goodAuth(operation: Operation, keys: FuzzKeys): fc.Arbitrary<Record<string, string>> {
  if (operation.auth === 'none') return fc.constant({});
  const key = fc.oneof(
    { arbitrary: fc.constant(keys.test), weight: 5 },
    { arbitrary: fc.constant(keys.live), weight: 1 },
  );
  const bearer = key.map((value) => ({ authorization: `Bearer ${value}` }));
  if (operation.auth === 'bearer') return bearer;
  // The Connect surface takes either header.
  return fc.oneof(
    key.map((value) => ({ 'api-key': value })),
    bearer,
  );
}

const badHeaderValue: fc.Arbitrary<string> = fc.oneof(
  hostileString.filter((value) => value.length < 8000),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer poy_test_', 'poy_live_x'),
);

function hostileHeaders(operation: Operation, keys: FuzzKeys): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      auth: fc.oneof(
        goodAuth(operation, keys),
        fc.constant({}),
        badHeaderValue.map((value) => ({ authorization: value })),
        badHeaderValue.map((value) => ({ 'api-key': value })),
        fc.constant({ authorization: `Bearer ${keys.test}`, 'api-key': keys.live }),
      ),
      extra: fc.oneof(
        badHeaderValue.map((value) => ({ 'x-fuzz': value })),
        badHeaderValue.map((value) => ({ 'x-request-id': value })),
        badHeaderValue.map((value) => ({ 'accept-language': value })),
        // Keys that fail the format check: refused before anything is stored for them.
        fc
          .constantFrom('', ' ', 'a b', 'x'.repeat(256), '\u0000', 'é', '\ud800')
          .map((value) => ({ 'idempotency-key': value })),
      ),
    })
    .map(({ auth, extra }) => ({ ...auth, ...extra }));
}

interface Body {
  payload?: string;
  contentType?: string;
}

function jsonBody(value: unknown): Body {
  return { payload: serializeJson(value), contentType: 'application/json' };
}

function validBody(operation: Operation, known: KnownValues): fc.Arbitrary<Body> {
  if (!operation.body) return fc.constant({});
  return valueArbitrary(operation.body.schema, known).map(jsonBody);
}

function mutatedBody(operation: Operation, known: KnownValues): fc.Arbitrary<Body> {
  if (!operation.body) return fc.oneof(hostileString, fc.constant({ extra: true })).map(jsonBody);
  return fc
    .tuple(valueArbitrary(operation.body.schema, known), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([value, changes]) => jsonBody(changes.reduce(applyMutation, value)));
}

const malformedBody: fc.Arbitrary<Body> = fc
  .record({ payload: malformedBodyText, contentType })
  .map(({ payload, contentType: type }) =>
    type === undefined ? { payload } : { payload, contentType: type },
  );

function withBody(headers: Record<string, string>, body: Body): Record<string, string> {
  return body.contentType === undefined ? headers : { ...headers, 'content-type': body.contentType };
}

/** Requests for `operation`, every shape mixed, hostile ones more often than valid ones. */
export function requestArbitrary(
  operation: Operation,
  known: KnownValues,
  keys: FuzzKeys,
): fc.Arbitrary<FuzzRequest> {
  const validPath = parametersArbitrary(operation.pathParameters, (parameter) =>
    validParameter(parameter, known),
  );
  const validQuery = parametersArbitrary(operation.queryParameters, (parameter) =>
    validParameter(parameter, known),
  );
  const build = (
    shape: FuzzRequest['shape'],
    parts: {
      path: fc.Arbitrary<Array<[string, Wire]>>;
      query: fc.Arbitrary<Array<[string, Wire]>>;
      extra: fc.Arbitrary<string>;
      body: fc.Arbitrary<Body>;
      headers: fc.Arbitrary<Record<string, string>>;
    },
  ): fc.Arbitrary<FuzzRequest> =>
    fc
      .record({ ...parts, remoteAddress: fc.ipV4() })
      .map(({ path, query, extra, body, headers, remoteAddress }) => ({
        shape,
        method: operation.method,
        url: urlOf(operation, path, query, extra),
        headers: withBody(headers, body),
        remoteAddress,
        ...(body.payload === undefined ? {} : { payload: body.payload }),
      }));
  const valid = {
    path: validPath,
    query: validQuery,
    extra: fc.constant(''),
    headers: goodAuth(operation, keys),
  };
  return fc.oneof(
    { arbitrary: build('valid', { ...valid, body: validBody(operation, known) }), weight: 3 },
    {
      arbitrary: build('hostile-url', {
        ...valid,
        path: parametersArbitrary(operation.pathParameters, (parameter) =>
          hostileParameter(parameter, known),
        ),
        query: parametersArbitrary(operation.queryParameters, (parameter) =>
          hostileParameter(parameter, known),
        ),
        extra: extraQuery,
        body: validBody(operation, known),
      }),
      weight: 2,
    },
    { arbitrary: build('mutated-body', { ...valid, body: mutatedBody(operation, known) }), weight: 3 },
    { arbitrary: build('malformed-body', { ...valid, body: malformedBody }), weight: 1 },
    {
      arbitrary: build('hostile-headers', {
        ...valid,
        body: validBody(operation, known),
        headers: hostileHeaders(operation, keys),
      }),
      weight: 1,
    },
  );
}
