// Content-hashed asset URLs, built once per process from the files on disk (web/assets-dir.ts).
//
// Every asset is served under two names: its plain name (`/assets/phone.js`, revalidated on each use,
// for pages rendered before a deployment and for anything that links it by hand) and a hashed one
// (`/assets/phone.3f2a1c9e.js`, cached for a year as immutable) that the templates reference through
// assetUrl(). Modules import other modules, so a hashed module must import hashed modules too:
// otherwise a module cached for a year would import whatever its plain-named neighbour has become
// since, or every import would cost a revalidation round trip. So each hashed module's import
// specifiers (`from './common.js'`, `import('./camera.js')`, `'/assets/vendor/…'`) are rewritten to
// the hashed URLs of what they name, and its hash is taken over the rewritten text: changing
// common.js changes the hash of every module that imports it, down to the page's entry script. The
// plain names serve the files exactly as they are on disk, whose imports are plain names: each world
// is consistent on its own. Specifiers built at run time (the face model's `${FACE_ASSETS}…`) are left
// alone; those files have stable names and their own long cache (web/face-assets.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type AssetSource, listAssetSources } from './assets-dir.ts';

export interface ServedAsset {
  body: Buffer;
  contentType: string;
  /** SHA-256 of `body` (hex): its ETag, and the key of its compressed copies. */
  digest: string;
  /** A hashed name: its bytes never change under it. */
  immutable: boolean;
}

export interface AssetManifest {
  /** Every URL served, hashed and plain, with its bytes. */
  served: ReadonlyMap<string, ServedAsset>;
  /** Plain URL → hashed URL. */
  hashedUrls: ReadonlyMap<string, string>;
  /** Plain URL of a module → hashed URLs of every module it imports statically, directly or not. */
  staticImports: ReadonlyMap<string, readonly string[]>;
}

/** Hex digits of the content hash in a file name: enough to tell versions apart, not a secret. */
const HASH_LENGTH = 8;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * A quoted path that may name an asset, with what precedes it: `from`, `import(` or bare `import`
 * (a module specifier) or nothing (any string literal; only absolute /assets/ paths count then, e.g.
 * the stylesheet URL a module puts in a <link>).
 */
const ASSET_REFERENCE =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)?(['"])((?:\.{1,2}\/|\/assets\/)[^'"\s]*)\2/g;

interface Reference {
  /** Offsets of the specifier's text, inside its quotes. */
  start: number;
  end: number;
  /** The plain URL it names. */
  target: string;
  /** A static import (loaded with the module), as opposed to import() or a plain string. */
  isStatic: boolean;
}

function contentTypeOf(url: string): string {
  const extension = url.slice(url.lastIndexOf('.') + 1);
  const type = CONTENT_TYPES[extension];
  if (type === undefined) throw new Error(`asset ${url}: no content type for .${extension}`);
  return type;
}

function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `/assets/poy.css` + hash → `/assets/poy.3f2a1c9e.css`; the hash goes before the last extension. */
export function hashedUrlOf(url: string, digest: string): string {
  const dot = url.lastIndexOf('.');
  return `${url.slice(0, dot)}.${digest.slice(0, HASH_LENGTH)}${url.slice(dot)}`;
}

/** The assets a module's text names, by plain URL; anything else it mentions is left out. */
export function findAssetReferences(
  moduleUrl: string,
  text: string,
  isAsset: (url: string) => boolean,
): Reference[] {
  const references: Reference[] = [];
  for (const match of text.matchAll(ASSET_REFERENCE)) {
    const [whole, prefix, , specifier = ''] = match;
    // A relative path means something only as a module specifier (resolved against the module).
    if (prefix === undefined && !specifier.startsWith('/')) continue;
    const target = new URL(specifier, `http://assets.invalid${moduleUrl}`).pathname;
    if (!isAsset(target)) continue;
    const end = match.index + whole.length - 1;
    references.push({
      start: end - specifier.length,
      end,
      target,
      isStatic: prefix !== undefined && !prefix.includes('('),
    });
  }
  return references;
}

/** Reads the sources and derives every hashed name; throws on an import cycle or a name clash. */
export function buildAssetManifest(sources: readonly AssetSource[]): AssetManifest {
  const plain = new Map(sources.map((source) => [source.url, readFileSync(source.path)]));
  const references = new Map<string, Reference[]>();
  for (const [url, body] of plain) {
    const found = url.endsWith('.js')
      ? findAssetReferences(url, body.toString('utf8'), (u) => plain.has(u))
      : [];
    references.set(url, found);
  }

  const hashed = new Map<string, { url: string; body: Buffer }>();
  const inProgress = new Set<string>();
  function hashAsset(url: string): { url: string; body: Buffer } {
    const done = hashed.get(url);
    if (done !== undefined) return done;
    // A hashed name depends on the hashed names of what it imports, so a cycle has none.
    if (inProgress.has(url)) throw new Error(`asset import cycle through ${url}`);
    inProgress.add(url);
    const original = plain.get(url) ?? Buffer.alloc(0);
    const found = references.get(url) ?? [];
    let body = original;
    if (found.length > 0) {
      const text = original.toString('utf8');
      let rewritten = '';
      let from = 0;
      for (const reference of found) {
        rewritten += text.slice(from, reference.start) + hashAsset(reference.target).url;
        from = reference.end;
      }
      body = Buffer.from(rewritten + text.slice(from), 'utf8');
    }
    const entry = { url: hashedUrlOf(url, sha256Hex(body)), body };
    inProgress.delete(url);
    hashed.set(url, entry);
    return entry;
  }

  const served = new Map<string, ServedAsset>();
  const hashedUrls = new Map<string, string>();
  for (const [url, body] of plain) {
    const contentType = contentTypeOf(url);
    served.set(url, { body, contentType, digest: sha256Hex(body), immutable: false });
    const entry = hashAsset(url);
    hashedUrls.set(url, entry.url);
  }
  for (const [url, entry] of hashed) {
    if (served.has(entry.url)) throw new Error(`asset ${url}: its hashed name ${entry.url} is taken`);
    served.set(entry.url, {
      body: entry.body,
      contentType: contentTypeOf(url),
      digest: sha256Hex(entry.body),
      immutable: true,
    });
  }

  const staticImports = new Map<string, readonly string[]>();
  for (const url of plain.keys()) {
    const closure = new Set<string>();
    const pending = [url];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      for (const reference of references.get(next) ?? []) {
        if (!reference.isStatic || closure.has(reference.target)) continue;
        closure.add(reference.target);
        pending.push(reference.target);
      }
    }
    closure.delete(url);
    staticImports.set(
      url,
      [...closure].map((target) => hashedUrls.get(target) ?? target),
    );
  }
  return { served, hashedUrls, staticImports };
}

let processManifest: AssetManifest | null = null;

/**
 * This process's manifest, built on first use (the asset routes build it when the app is created).
 * The files are part of the deployment and do not change while it runs; an edit shows after a restart.
 */
export function loadAssetManifest(): AssetManifest {
  processManifest ??= buildAssetManifest(listAssetSources());
  return processManifest;
}

/** The URL a page should reference for an asset named by its plain URL: the content-hashed one. */
export function assetUrl(plainUrl: string): string {
  const url = loadAssetManifest().hashedUrls.get(plainUrl);
  // A template naming a file that does not exist is a bug; fail where the tests render the page.
  if (url === undefined) throw new Error(`no asset ${plainUrl}`);
  return url;
}

/** Hashed URLs of every module a module imports statically: the page preloads them in one round. */
export function staticImportUrls(plainUrl: string): readonly string[] {
  return loadAssetManifest().staticImports.get(plainUrl) ?? [];
}
