// Where the page assets live on disk, for the static file routes.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder's assets/: the stylesheet and the client modules. */
export const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

/** The ES module build of @simplewebauthn/browser, served as-is so the phone page needs no bundler. */
export function resolveSimpleWebAuthnBrowserDir(): string {
  return dirname(fileURLToPath(import.meta.resolve('@simplewebauthn/browser')));
}
