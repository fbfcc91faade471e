// Where the page assets live on disk, and the fixed list of files served under /assets/ (besides the
// face model: web/face-assets.ts). Only files on this list are ever served: a URL is looked up in it,
// never joined onto a path.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_ROOT } from '../server-root.ts';

/** This folder's assets/: the stylesheets and the client modules (read from src/ when compiled too). */
export const ASSETS_DIR = fileURLToPath(new URL('src/web/assets/', SERVER_ROOT));

/** The ES module build of @simplewebauthn/browser, served as-is so the pages need no bundler. */
export function resolveSimpleWebAuthnBrowserDir(): string {
  return dirname(fileURLToPath(import.meta.resolve('@simplewebauthn/browser')));
}

/** uPlot's dist folder: the usage page's charts import its ES module and load its stylesheet. */
export function resolveUplotDistDir(): string {
  return dirname(fileURLToPath(import.meta.resolve('uplot')));
}

/** The only files of that folder the server serves (the folder also holds other builds and types). */
export const UPLOT_FILES: ReadonlySet<string> = new Set(['uPlot.esm.js', 'uPlot.min.css']);

/**
 * Scalar's API reference renderer: one self-contained browser script (web/docs/docs-pages.ts). The
 * package exports no path to it, so it is found beside the package's main module (dist/index.js).
 */
export function resolveScalarBundlePath(): string {
  return join(
    dirname(fileURLToPath(import.meta.resolve('@scalar/api-reference'))),
    'browser',
    'standalone.js',
  );
}

/** A file served under /assets/: its URL path without a content hash, and where it is on disk. */
export interface AssetSource {
  url: string;
  path: string;
}

const SERVED_EXTENSIONS = /\.(?:js|css)$/;

/**
 * Every asset the pages load: our own stylesheets and modules, the passkey library's modules (the
 * folder also holds type declarations and source maps, which are not served), uPlot's two files and
 * Scalar's bundle.
 */
export function listAssetSources(): AssetSource[] {
  const sources: AssetSource[] = [];
  for (const name of readdirSync(ASSETS_DIR).sort()) {
    if (SERVED_EXTENSIONS.test(name)) sources.push({ url: `/assets/${name}`, path: join(ASSETS_DIR, name) });
  }
  const webauthnDir = resolveSimpleWebAuthnBrowserDir();
  const webauthnFiles = readdirSync(webauthnDir, { recursive: true, encoding: 'utf8' });
  for (const file of webauthnFiles.sort()) {
    if (!file.endsWith('.js')) continue;
    const urlPath = file.split(/[\\/]/).join('/');
    sources.push({ url: `/assets/vendor/simplewebauthn/${urlPath}`, path: join(webauthnDir, file) });
  }
  const uplotDir = resolveUplotDistDir();
  for (const name of UPLOT_FILES) {
    sources.push({ url: `/assets/vendor/uplot/${name}`, path: join(uplotDir, name) });
  }
  sources.push({ url: '/assets/vendor/scalar/standalone.js', path: resolveScalarBundlePath() });
  return sources;
}
