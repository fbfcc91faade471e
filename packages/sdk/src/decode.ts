// Narrowing of parsed JSON by hand (the SDK has no dependencies, so no schema library): each response
// is read field by field through a FieldReader, which throws a DecodeError naming the first field that
// is missing or of the wrong type. Callers turn that into an APIError ("not what a POY server sends").
import { isJsonObject, type JsonObject } from '@poy/wire';

export { isJsonObject, type JsonObject };

/** A field of a response had an unexpected shape; `path` names it (e.g. `checks.liveness`). */
export class DecodeError extends Error {
  /** Where in the document the problem is. */
  readonly path: string;

  /** @param path The field. @param expected What was expected there. */
  constructor(path: string, expected: string) {
    super(`${path || 'the response'} should be ${expected}`);
    this.name = 'DecodeError';
    this.path = path;
  }
}

/** Turns one unknown value into a T, or throws DecodeError. */
export type Decoder<T> = (value: unknown, path: string) => T;

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Typed access to the fields of one JSON object. */
export class FieldReader {
  readonly #object: JsonObject;
  readonly #path: string;

  /** @param value The value that must be an object. @param path Its location, for messages. */
  constructor(value: unknown, path = '') {
    if (!isJsonObject(value)) throw new DecodeError(path, 'an object');
    this.#object = value;
    this.#path = path;
  }

  /** The object itself (all fields, known or not). */
  get raw(): JsonObject {
    return this.#object;
  }

  /** A required field decoded with `decoder`. */
  field<T>(key: string, decoder: Decoder<T>): T {
    return decoder(this.#object[key], join(this.#path, key));
  }

  /** An optional field: undefined when absent (or null). */
  optional<T>(key: string, decoder: Decoder<T>): T | undefined {
    const value = this.#object[key];
    return value === undefined || value === null ? undefined : decoder(value, join(this.#path, key));
  }

  /** A required string. */
  string(key: string): string {
    return this.field(key, string);
  }

  /** A required number. */
  number(key: string): number {
    return this.field(key, number);
  }

  /** A required boolean. */
  boolean(key: string): boolean {
    return this.field(key, boolean);
  }

  /** A required field that is a string or null. */
  nullableString(key: string): string | null {
    return this.field(key, nullable(string));
  }

  /** An optional string. */
  optionalString(key: string): string | undefined {
    return this.optional(key, string);
  }
}

/** A string. */
export const string: Decoder<string> = (value, path) => {
  if (typeof value !== 'string') throw new DecodeError(path, 'a string');
  return value;
};

/** A finite number. */
export const number: Decoder<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DecodeError(path, 'a number');
  return value;
};

/** A boolean. */
export const boolean: Decoder<boolean> = (value, path) => {
  if (typeof value !== 'boolean') throw new DecodeError(path, 'a boolean');
  return value;
};

/** One of the listed string values. */
export function oneOf<const T extends string>(values: readonly T[]): Decoder<T> {
  return (value, path) => {
    const match = values.find((candidate) => candidate === value);
    if (match === undefined) throw new DecodeError(path, `one of ${values.join(', ')}`);
    return match;
  };
}

/** The literal `true`. */
export const literalTrue: Decoder<true> = (value, path) => {
  if (value !== true) throw new DecodeError(path, 'true');
  return true;
};

/** `decoder`, or null. */
export function nullable<T>(decoder: Decoder<T>): Decoder<T | null> {
  return (value, path) => (value === null ? null : decoder(value, path));
}

/** An array whose items all decode with `item`. */
export function arrayOf<T>(item: Decoder<T>): Decoder<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new DecodeError(path, 'an array');
    return value.map((entry: unknown, index) => item(entry, join(path, index)));
  };
}

/** An object read through a FieldReader by `read`. */
export function objectOf<T>(read: (fields: FieldReader) => T): Decoder<T> {
  return (value, path) => read(new FieldReader(value, path));
}

/** Any JSON object, kept as is. */
export const jsonObject: Decoder<JsonObject> = (value, path) => {
  if (!isJsonObject(value)) throw new DecodeError(path, 'an object');
  return value;
};
