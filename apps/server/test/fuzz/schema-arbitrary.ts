// Valid-shaped values from the JSON Schemas of the OpenAPI document: what a well-behaved client
// would send (the hostile variants are derived from these in hostile-values.ts). Covers the subset
// the document uses: object/array/string/integer/number/boolean/null, enum, const, anyOf/oneOf,
// string formats and patterns, length and range bounds. Known values (ids of rows the tenant really
// has) are mixed in by property name, so that generated requests also reach past the 404s.
import fc from 'fast-check';
import type { JsonSchema } from './openapi-operations.ts';

/** Real values by parameter or property name (`id` → a webhook endpoint the tenant owns). */
export type KnownValues = ReadonlyMap<string, readonly string[]>;

/** Generated strings stay short; the hostile generators cover long ones. */
const MAX_GENERATED_LENGTH = 40;
const MAX_ARRAY_ITEMS = 4;

function numberField(schema: JsonSchema, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' ? value : undefined;
}

function schemaList(value: unknown): JsonSchema[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is JsonSchema => typeof entry === 'object' && entry !== null && !Array.isArray(entry),
  );
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = numberField(schema, 'minLength') ?? 0;
  const maxLength = Math.max(minLength, Math.min(numberField(schema, 'maxLength') ?? 64, 64));
  const pattern = schema.pattern;
  if (typeof pattern === 'string') {
    // Only the schema's own bounds: a pattern may fix a length beyond the generator's default cap.
    const schemaMax = numberField(schema, 'maxLength') ?? Number.POSITIVE_INFINITY;
    return fc
      .stringMatching(new RegExp(pattern))
      .filter((value) => value.length >= minLength && value.length <= schemaMax);
  }
  switch (schema.format) {
    case 'uri':
      return fc.webUrl().filter((value) => value.length <= (numberField(schema, 'maxLength') ?? 2048));
    case 'email':
      return fc.emailAddress();
    case 'ipv4':
      return fc.ipV4();
    case 'ipv6':
      return fc.ipV6();
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString());
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, Math.max(minLength, MAX_GENERATED_LENGTH)) });
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const exclusiveMinimum = numberField(schema, 'exclusiveMinimum');
  const min =
    numberField(schema, 'minimum') ?? (exclusiveMinimum === undefined ? -1000 : exclusiveMinimum + 1);
  const max = numberField(schema, 'maximum') ?? Math.max(min, 0) + 100_000;
  return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
}

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min = numberField(schema, 'minimum') ?? numberField(schema, 'exclusiveMinimum') ?? -1e6;
  const max = numberField(schema, 'maximum') ?? 1e6;
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(schema: JsonSchema, known: KnownValues): fc.Arbitrary<unknown> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((key) => typeof key === 'string') : [],
  );
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (isSchema(property)) model[name] = valueArbitrary(property, known, name);
  }
  return fc.record(model, { requiredKeys: Object.keys(model).filter((name) => required.has(name)) });
}

function typedArbitrary(type: string, schema: JsonSchema, known: KnownValues): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = isSchema(schema.items) ? schema.items : {};
      const minLength = numberField(schema, 'minItems') ?? 0;
      const maxLength = Math.max(minLength, Math.min(numberField(schema, 'maxItems') ?? MAX_ARRAY_ITEMS, 8));
      return fc.array(valueArbitrary(items, known), { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(schema, known);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value valid for `schema` (as far as the schema says), with known values for `name` mixed in. */
export function valueArbitrary(schema: JsonSchema, known: KnownValues, name?: string): fc.Arbitrary<unknown> {
  const alternatives = [...schemaList(schema.anyOf), ...schemaList(schema.oneOf)];
  if (alternatives.length > 0) {
    return fc.oneof(...alternatives.map((alternative) => valueArbitrary(alternative, known, name)));
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const generated = fc.oneof(
    ...types.map((type) => typedArbitrary(typeof type === 'string' ? type : 'any', schema, known)),
  );
  const knownValues = name === undefined ? undefined : known.get(name);
  if (knownValues && knownValues.length > 0 && types.includes('string')) {
    return fc.oneof(
      { arbitrary: fc.constantFrom(...knownValues), weight: 3 },
      { arbitrary: generated, weight: 1 },
    );
  }
  return generated;
}
