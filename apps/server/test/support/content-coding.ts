// Test support: reading responses as a browser does, whatever content coding they came in.

import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';

/** What a current Chromium sends. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

/** The body with its content coding undone (br, gzip or none). */
export function decodedBody(response: LightMyRequestResponse): Buffer {
  const coding = response.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(response.rawPayload);
  if (coding === 'gzip') return gunzipSync(response.rawPayload);
  if (coding !== undefined) throw new Error(`unexpected content-encoding ${String(coding)}`);
  return response.rawPayload;
}

/** Every /assets/ URL a page's markup references (stylesheets, scripts, preloads). */
export function assetUrlsOf(page: string): string[] {
  return [...page.matchAll(/\s(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
}

/** The asset URLs a module names: static imports, import() with a literal, and /assets/ strings. */
export function moduleReferencesOf(text: string): string[] {
  const references = new Set<string>();
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)(['"])([^'"\s]+)\1/g)) {
    references.add(match[2] ?? '');
  }
  for (const match of text.matchAll(/(['"])(\/assets\/[^'"\s]+)\1/g)) references.add(match[2] ?? '');
  return [...references];
}
