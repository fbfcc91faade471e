// Narrowing parsed JSON without a schema library (the SDK that bundles this code has no dependencies).

/** A JSON object, narrowed from unknown. */
export type JsonObject = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
