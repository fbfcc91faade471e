// Hostile inputs: strings PostgreSQL cannot store, huge strings, values of the wrong type, numbers
// JSON can spell but JavaScript or PostgreSQL mishandle, extra and missing fields, JSON that does
// not parse, and URL components that do not decode.
import fc from 'fast-check';

/** A JSON literal written into the body text as is (numbers JSON.stringify cannot produce). */
export class RawJson {
  constructor(readonly text: string) {}
}

const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  'pair \ud83d\ude00 ok',
  '',
  ' ',
  '\t\n',
  '%00',
  '\\u0000',
  '..',
  '../../etc/passwd',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '\u202e',
  '\uffff',
  '\ufeff',
  'null',
  '__proto__',
  'poy_test_00000000000000000000000000000000',
];

/** Arbitrary UTF-16: any code unit, so unpaired surrogates and NUL come up on their own. */
const utf16Units = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
  .map((units) => String.fromCharCode(...units));

/** Characters PostgreSQL text and json cannot hold, anywhere in an otherwise ordinary string. */
export const UNSTORABLE_CHARACTERS = ['\u0000', '\ud800', '\udbff', '\udc00', '\udfff'];
export const unstorableString: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...UNSTORABLE_CHARACTERS), fc.string({ maxLength: 8 }))
  .map(([before, character, after]) => `${before}${character}${after}`);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: unstorableString, weight: 4 },
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
  { arbitrary: utf16Units, weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 16 }), weight: 2 },
  // Past every schema's maxLength, and past the body limit (100 KiB) at the top end.
  { arbitrary: fc.integer({ min: 257, max: 150_000 }).map((length) => 'x'.repeat(length)), weight: 1 },
);

/** Integer and number literals at the edges of JSON, doubles, int4 and int8. */
export const oddNumber: fc.Arbitrary<RawJson> = fc
  .constantFrom(
    '1e400',
    '-1e400',
    '-0',
    '1e-400',
    '0.5',
    '-1',
    '0',
    '2147483648',
    '-2147483649',
    '9007199254740993',
    '123456789012345678901234567890',
    '1E2',
    '1.0',
  )
  .map((text) => new RawJson(text));

export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 3 }),
  oddNumber,
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'extra',
    '',
    '\u0000',
    '\ud800',
    'a.b',
  ),
  utf16Units,
);

/** Serializes a value that may hold RawJson literals; own `__proto__` keys are kept as data. */
export function serializeJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((item) => serializeJson(item)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}:${serializeJson(item)}`,
    );
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Every place in a JSON value: the root, each array item and each object property. */
type Place = { parent: object; key: number | string } | { parent: null };

function placesOf(value: unknown): Place[] {
  const places: Place[] = [{ parent: null }];
  const pending: unknown[] = [value];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    if (Array.isArray(current)) {
      current.forEach((item, index) => {
        places.push({ parent: current, key: index });
        pending.push(item);
      });
    } else if (typeof current === 'object' && current !== null && !(current instanceof RawJson)) {
      for (const [key, item] of Object.entries(current)) {
        places.push({ parent: current, key });
        pending.push(item);
      }
    }
  }
  return places;
}

function objectsOf(value: unknown): object[] {
  return placesOf(value)
    .map((place): unknown => (place.parent === null ? value : Reflect.get(place.parent, place.key)))
    .filter(
      (node): node is object =>
        typeof node === 'object' && node !== null && !Array.isArray(node) && !(node instanceof RawJson),
    );
}

/** How many string values (not keys) `value` holds, at any depth. */
export function countStrings(value: unknown): number {
  return placesOf(value).filter(
    (place) => place.parent !== null && typeof Reflect.get(place.parent, place.key) === 'string',
  ).length;
}

/** How many objects `value` holds, itself included. */
export function countObjects(value: unknown): number {
  return objectsOf(value).length;
}

/** One change to a valid value; the indexes pick the place modulo how many there are. */
export type Mutation =
  | { kind: 'replace'; index: number; value: unknown }
  | { kind: 'replace-string'; index: number; value: string }
  | { kind: 'remove'; index: number; keyIndex: number }
  | { kind: 'add'; index: number; key: string; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('replace-string' as const),
      index: fc.nat(),
      value: hostileString,
    }),
    weight: 3,
  },
  fc.record({
    kind: fc.constant('replace' as const),
    index: fc.nat(),
    value: fc.oneof(hostileString, wrongTypeValue),
  }),
  fc.record({ kind: fc.constant('remove' as const), index: fc.nat(), keyIndex: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    index: fc.nat(),
    key: hostileKey,
    value: fc.oneof(hostileString, wrongTypeValue),
  }),
);

/** Applies a mutation to a deep copy of `value` (the generated value itself is never changed). */
export function applyMutation(value: unknown, change: Mutation): unknown {
  const copy = cloneJson(value);
  if (change.kind === 'replace-string') {
    const strings = placesOf(copy).filter(
      (place) => place.parent !== null && typeof Reflect.get(place.parent, place.key) === 'string',
    );
    const place = strings[change.index % Math.max(strings.length, 1)];
    if (!place || place.parent === null) return typeof copy === 'string' ? change.value : copy;
    Reflect.set(place.parent, place.key, change.value);
    return copy;
  }
  if (change.kind === 'replace') {
    const places = placesOf(copy);
    const place = places[change.index % places.length];
    if (!place || place.parent === null) return change.value;
    Reflect.set(place.parent, place.key, change.value);
    return copy;
  }
  const objects = objectsOf(copy);
  const target = objects[change.index % Math.max(objects.length, 1)];
  if (!target) return change.kind === 'add' ? change.value : copy;
  if (change.kind === 'remove') {
    const keys = Object.keys(target);
    const key = keys[change.keyIndex % Math.max(keys.length, 1)];
    if (key !== undefined) Reflect.deleteProperty(target, key);
    return copy;
  }
  Object.defineProperty(target, change.key, {
    value: change.value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

function cloneJson(value: unknown): unknown {
  if (value instanceof RawJson) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(copy, key, {
        value: cloneJson(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return value;
}

/** Body texts that are not the JSON the operation wants, or not JSON at all. */
export const malformedBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":1,}',
    'null',
    '[]',
    '"a string"',
    '123',
    'true',
    '{"a":1}{"b":2}',
    '\u0000',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '\ufeff{}',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    "{'a':1}",
    'NaN',
  ),
  fc.integer({ min: 1, max: 45_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

export const contentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  '',
  undefined,
);

/**
 * Percent-encodes a URL component as a client would, except that an unpaired surrogate becomes the
 * three bytes of its generalized UTF-8 form (`%ED%A0%80`), which is what a hostile client can send.
 */
export function encodeComponent(value: string): string {
  let encoded = '';
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    const next = value.charCodeAt(index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      encoded += encodeURIComponent(value.slice(index, index + 2));
      index++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      const bytes = [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];
      encoded += bytes.map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else {
      encoded += encodeURIComponent(value[index] ?? '');
    }
  }
  return encoded;
}

/** Path segments sent without encoding: broken escapes, dot segments, encoded slashes. */
export const rawPathSegment: fc.Arbitrary<string> = fc.constantFrom(
  '%',
  '%ZZ',
  '%E0%A4%A',
  '%25',
  '%2F',
  '%2e%2e',
  '..',
  '.',
  '%C0%80',
  '%FF',
  'a;b',
  '%00',
  '%ED%A0%80',
);
