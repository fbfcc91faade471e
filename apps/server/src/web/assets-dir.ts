// Where the page assets live on disk, for the static file routes.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder's assets/: the stylesheet and the client modules. */
export const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

/** The ES module build of @simplewebauthn/browser, served as-is so the phone page needs no bundler. */
export function resolveSimpleWebAuthnBrowserDir(): string {
  return dirname(fileURLToPath(import.meta.resolve('@simplewebauthn/browser')));
}

/** uPlot's dist folder: the usage page's charts import its ES module and load its stylesheet. */
export function resolveUplotDistDir(): string {
  return dirname(fileURLToPath(import.meta.resolve('uplot')));
}

/** The only files of that folder the server serves (the folder also holds other builds and types). */
export const UPLOT_FILES: ReadonlySet<string> = new Set(['/uPlot.esm.js', '/uPlot.min.css']);
