// ES256 (ECDSA P-256 / SHA-256, P1363 signatures) verification keys, imported once per key instead of
// once per call. Threat: a forged stamp, session token or redirect result; caching must never change an
// answer, so a cached key is found by its kid AND its coordinates (a JWKS that reuses a kid for other key
// material gets its own entry), and the cache is bounded so a caller fed many JWKS cannot grow it.
// Why: importing a JWK costs more than the signature check itself (WebCrypto importKey ~10k/s against
// ~17k/s verifications with a ready key). On Node, node:crypto KeyObjects with `crypto.verify` are used
// (synchronous, no WebCrypto promise round trips); elsewhere (browsers, workers) WebCrypto. node:crypto
// is loaded with a dynamic import whose specifier bundlers do not follow, so browser bundles never see it.
// Compact JWS (session tokens, redirect results): with WebCrypto, jose verifies them (verifyCompactJwsEs256);
// on Node the cached KeyObject checks the signature over the signing input directly, since jose verifies
// through WebCrypto only (measured at a third to a half of node:crypto's rate); the header rules are
// readCompactJws's on both paths, checked before the signature.
// No node: type leaks into the declarations: the few functions used are described structurally here.
import { toArrayBuffer } from '@poy/wire';
import { verifyCompactJwsEs256 } from '@poy/wire/es256';
import { webCrypto } from '@poy/wire/web-crypto';

/** An EC P-256 public JWK as `findEcKey` returns it. */
export interface Es256Jwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/**
 * Checks a 64-byte P1363 signature over `data` with one imported key: synchronously with node:crypto,
 * as a promise with WebCrypto.
 */
export interface Es256KeyCheck {
  (signatureP1363: Uint8Array, data: Uint8Array): boolean | Promise<boolean>;
  /**
   * Checks a compact JWS whose header readCompactJws accepted: `compact` is the token, `signatureP1363`
   * and `signingInput` its parts as that reader returned them.
   */
  jws(compact: string, signatureP1363: Uint8Array, signingInput: Uint8Array): boolean | Promise<boolean>;
}

/** Which implementation verifies: node:crypto KeyObjects, or WebCrypto CryptoKeys. */
export type Es256Backend = 'node' | 'webcrypto';

/** How many keys a cache holds; a deployment publishes a handful (one per purpose, plus rotations). */
export const DEFAULT_MAX_KEYS = 64;

/** The parts of node:crypto used here, described without @types/node. */
interface NodeCryptoSubset {
  createPublicKey(input: { key: Es256Jwk; format: 'jwk' }): object;
  verify(
    algorithm: string,
    data: Uint8Array,
    key: { key: object; dsaEncoding: 'ieee-p1363' },
    signature: Uint8Array,
  ): boolean;
}

function isNodeCrypto(value: unknown): value is NodeCryptoSubset {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'createPublicKey') === 'function' &&
    typeof Reflect.get(value, 'verify') === 'function'
  );
}

/** node:crypto when running on Node (or a runtime that provides it); null otherwise. */
async function loadNodeCrypto(): Promise<NodeCryptoSubset | null> {
  const process: unknown = Reflect.get(globalThis, 'process');
  const versions: unknown =
    typeof process === 'object' && process !== null ? Reflect.get(process, 'versions') : null;
  const node: unknown =
    typeof versions === 'object' && versions !== null ? Reflect.get(versions, 'node') : null;
  if (typeof node !== 'string') return null;
  try {
    const specifier = 'node:crypto';
    const loaded: unknown = await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);
    return isNodeCrypto(loaded) ? loaded : null;
  } catch {
    return null;
  }
}

let nodeCryptoLookup: Promise<NodeCryptoSubset | null> | null = null;

function nodeCrypto(): Promise<NodeCryptoSubset | null> {
  nodeCryptoLookup ??= loadNodeCrypto();
  return nodeCryptoLookup;
}

function importNodeKey(crypto: NodeCryptoSubset, jwk: Es256Jwk): Es256KeyCheck | null {
  let key: object;
  try {
    key = crypto.createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
  } catch {
    return null;
  }
  const verifyKey = { key, dsaEncoding: 'ieee-p1363' as const };
  const check = (signatureP1363: Uint8Array, data: Uint8Array): boolean => {
    if (signatureP1363.length !== 64) return false;
    try {
      return crypto.verify('sha256', data, verifyKey, signatureP1363);
    } catch {
      return false;
    }
  };
  return Object.assign(check, {
    jws: (_compact: string, signatureP1363: Uint8Array, signingInput: Uint8Array) =>
      check(signatureP1363, signingInput),
  });
}

async function importWebCryptoKey(jwk: Es256Jwk): Promise<Es256KeyCheck | null> {
  const crypto = await webCrypto();
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(
      'jwk',
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
  } catch {
    return null;
  }
  const check = async (signatureP1363: Uint8Array, data: Uint8Array): Promise<boolean> => {
    if (signatureP1363.length !== 64) return false;
    return crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      toArrayBuffer(signatureP1363),
      toArrayBuffer(data),
    );
  };
  return Object.assign(check, { jws: (compact: string) => verifyCompactJwsEs256(key, compact) });
}

/** Options of {@link createEs256KeyCache}. */
export interface Es256KeyCacheOptions {
  /** Force an implementation (tests); by default node:crypto on Node, WebCrypto elsewhere. */
  backend?: Es256Backend;
  /** The most keys kept; the least recently used goes first. Default {@link DEFAULT_MAX_KEYS}. */
  maxKeys?: number;
}

/** A bounded cache of imported ES256 keys. */
export interface Es256KeyCache {
  /**
   * The key for `kid` with these coordinates, imported on first use; null when it is not a valid P-256
   * key. Once imported, the key itself is returned (not a promise), so a verification of a known key
   * takes no extra turn of the event loop.
   */
  key(kid: string, jwk: Es256Jwk): Es256KeyCheck | null | Promise<Es256KeyCheck | null>;
  /** How many keys are held (tests). */
  readonly size: number;
  /** Which implementation this cache ended up with, once a key was imported (tests); null before. */
  readonly backend: Es256Backend | null;
}

interface Entry {
  kid: string;
  x: string;
  y: string;
  importing: Promise<Es256KeyCheck | null>;
  ready?: Es256KeyCheck | null;
}

/** A new, empty key cache. The offline verifiers share one ({@link sharedEs256Keys}). */
export function createEs256KeyCache(options: Es256KeyCacheOptions = {}): Es256KeyCache {
  const maxKeys = Math.max(1, options.maxKeys ?? DEFAULT_MAX_KEYS);
  // A Map iterates in insertion order: re-inserting on a hit makes the first entry the least recently used.
  const entries = new Map<string, Entry>();
  // The entry used last, checked first without building its map key: verifiers mostly see one key in a row.
  let last: Entry | null = null;
  let chosen: Es256Backend | null = null;

  async function importKey(jwk: Es256Jwk): Promise<Es256KeyCheck | null> {
    if (options.backend !== 'webcrypto') {
      const crypto = await nodeCrypto();
      if (crypto !== null) {
        chosen = 'node';
        return importNodeKey(crypto, jwk);
      }
      if (options.backend === 'node') throw new Error('node:crypto is not available here');
    }
    chosen = 'webcrypto';
    return importWebCryptoKey(jwk);
  }

  return {
    key(kid, jwk) {
      if (last !== null && last.kid === kid && last.x === jwk.x && last.y === jwk.y) {
        return last.ready === undefined ? last.importing : last.ready;
      }
      const id = `${kid}\u0000${jwk.x}\u0000${jwk.y}`;
      const found = entries.get(id);
      if (found !== undefined) {
        entries.delete(id);
        entries.set(id, found);
        last = found;
        return found.ready === undefined ? found.importing : found.ready;
      }
      const importing = importKey(jwk);
      const entry: Entry = { kid, x: jwk.x, y: jwk.y, importing };
      entries.set(id, entry);
      last = entry;
      importing.then(
        (ready) => {
          entry.ready = ready;
        },
        // A failure to find any crypto at all is not an answer about the key: retry next time.
        () => {
          if (entries.get(id) === entry) entries.delete(id);
          if (last === entry) last = null;
        },
      );
      // The last-used entry is always the newest in the map (it was just inserted or moved to the end,
      // and a fast-path hit changes nothing), so the oldest evicted here is never the one in use.
      while (entries.size > maxKeys) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
      return importing;
    },
    get size() {
      return entries.size;
    },
    get backend() {
      return chosen;
    },
  };
}

/** The cache the SDK's offline verifiers use. */
export const sharedEs256Keys: Es256KeyCache = createEs256KeyCache();
