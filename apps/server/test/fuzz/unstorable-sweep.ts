// The deterministic half of the fuzz, for the one string rule (docs/errors.md): from one valid
// request per operation, one request per place a string can go (each path and query parameter,
// each string in the body, a property name in each body object, a header) with a character
// PostgreSQL cannot store put there. Every one of them must be a 400 that writes nothing.
import fc from 'fast-check';
import type { FuzzKeys, FuzzRequest } from './fuzz-request.ts';
import {
  applyMutation,
  countObjects,
  countStrings,
  encodeComponent,
  serializeJson,
} from './hostile-values.ts';
import type { Operation, Parameter } from './openapi-operations.ts';
import { type KnownValues, valueArbitrary } from './schema-arbitrary.ts';

const SEED = 0x5e3d;

function sampleOf(
  parameterOrSchema: { schema: Record<string, unknown> },
  known: KnownValues,
  name?: string,
): unknown {
  const [value] = fc.sample(valueArbitrary(parameterOrSchema.schema, known, name), {
    seed: SEED,
    numRuns: 1,
  });
  return value;
}

/** Of a few valid bodies, the one with the most strings (optional fields are often left out). */
function richestBody(operation: Operation, known: KnownValues): unknown {
  if (!operation.body) return undefined;
  const samples = fc.sample(valueArbitrary(operation.body.schema, known), { seed: SEED, numRuns: 12 });
  let best: unknown = samples[0];
  for (const sample of samples) if (countStrings(sample) > countStrings(best)) best = sample;
  return best;
}

function validSegment(parameter: Parameter, known: KnownValues): string {
  const value = sampleOf(parameter, known, parameter.name);
  return encodeComponent(typeof value === 'string' ? value : JSON.stringify(value));
}

function authOf(operation: Operation, keys: FuzzKeys): Record<string, string> {
  if (operation.auth === 'none') return {};
  return operation.auth === 'bearer-or-api-key'
    ? { 'api-key': keys.test }
    : { authorization: `Bearer ${keys.test}` };
}

export interface SweepRequest extends FuzzRequest {
  /** Where the unstorable character was put, for failure reports. */
  target: string;
}

export function unstorableSweep(operation: Operation, known: KnownValues, keys: FuzzKeys): SweepRequest[] {
  const path = new Map(
    operation.pathParameters.map((parameter) => [parameter.name, validSegment(parameter, known)]),
  );
  const query = new Map(
    operation.queryParameters.map((parameter) => [parameter.name, validSegment(parameter, known)]),
  );
  const body = richestBody(operation, known);
  let addressCounter = 0;
  const build = (
    target: string,
    overrides: { path?: Map<string, string>; query?: Map<string, string>; body?: unknown; header?: string },
  ): SweepRequest => {
    let url = operation.path;
    for (const [name, segment] of overrides.path ?? path) url = url.replace(`{${name}}`, segment);
    const pairs = [...(overrides.query ?? query)].map(
      ([name, value]) => `${encodeURIComponent(name)}=${value}`,
    );
    if (pairs.length > 0) url += `?${pairs.join('&')}`;
    const payloadValue = 'body' in overrides ? overrides.body : body;
    addressCounter++;
    return {
      shape: 'unstorable-sweep',
      target,
      method: operation.method,
      url,
      headers: {
        ...authOf(operation, keys),
        ...(overrides.header === undefined ? {} : { 'x-fuzz': overrides.header }),
        ...(payloadValue === undefined ? {} : { 'content-type': 'application/json' }),
      },
      remoteAddress: `10.77.${addressCounter >> 8}.${addressCounter & 255}`,
      ...(payloadValue === undefined ? {} : { payload: serializeJson(payloadValue) }),
    };
  };
  const requests: SweepRequest[] = [build('header x-fuzz', { header: 'a\u0000b' })];
  for (const name of path.keys()) {
    for (const segment of ['a%00b', '%ED%A0%80']) {
      requests.push(build(`path ${name}=${segment}`, { path: new Map([...path, [name, segment]]) }));
    }
  }
  for (const name of query.keys()) {
    requests.push(build(`query ${name}`, { query: new Map([...query, [name, 'a%00b']]) }));
  }
  for (let index = 0; index < countStrings(body); index++) {
    for (const value of ['a\u0000b', 'x\udfff']) {
      const changed = applyMutation(body, { kind: 'replace-string', index, value });
      requests.push(build(`body string #${index} ${JSON.stringify(value)}`, { body: changed }));
    }
  }
  for (let index = 0; index < countObjects(body); index++) {
    for (const key of ['\u0000', '\udc00']) {
      const changed = applyMutation(body, { kind: 'add', index, key, value: 1 });
      requests.push(build(`body object #${index} key ${JSON.stringify(key)}`, { body: changed }));
    }
  }
  return requests;
}
