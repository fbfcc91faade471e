// Where WebCrypto is found. Browsers, Deno, Bun, workers and Node 19+ have `globalThis.crypto`;
// Node 18 (which the SDK supports) has it only behind --experimental-global-webcrypto, so there
// node:crypto's `webcrypto` is loaded with a dynamic import whose specifier bundlers do not follow
// (browser bundles never contain a node: import).
import { isJsonObject } from './json.ts';

let cached: Promise<Crypto> | null = null;

function hasSubtle(value: unknown): value is Crypto {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'subtle') === 'object' &&
    typeof Reflect.get(value, 'getRandomValues') === 'function'
  );
}

async function loadCrypto(): Promise<Crypto> {
  const global: unknown = Reflect.get(globalThis, 'crypto');
  if (hasSubtle(global)) return global;
  const process: unknown = Reflect.get(globalThis, 'process');
  const versions = isJsonObject(process) ? process.versions : undefined;
  if (isJsonObject(versions) && typeof versions.node === 'string') {
    const specifier = 'node:crypto';
    const nodeCrypto: unknown = await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);
    const webcrypto: unknown = isJsonObject(nodeCrypto) ? nodeCrypto.webcrypto : undefined;
    if (hasSubtle(webcrypto)) return webcrypto;
  }
  throw new Error(
    'WebCrypto is not available: use Node.js 18+ or a modern browser (a secure context: https or localhost).',
  );
}

/** The platform's WebCrypto (`crypto.subtle` and `getRandomValues`). Throws when there is none. */
export function webCrypto(): Promise<Crypto> {
  cached ??= loadCrypto();
  // A failed lookup is not cached, so a later call can succeed (e.g. after a polyfill is installed).
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
