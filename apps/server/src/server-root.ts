// Where the server's own files are, whether it runs from its TypeScript sources (tsx: this module is
// src/server-root.ts) or from the compiled bundle (`npm run build`: this module's code sits in a file
// directly in dist/). Both are one folder below the package root, so `../` is the package root either
// way; data files (migrations, page assets) are always read from src/, which the bundle does not copy.

/** apps/server/, as a file URL ending in a slash. */
export const SERVER_ROOT = new URL('../', import.meta.url);

/** True when running from dist/ (compiled), false under tsx. */
export const RUNS_COMPILED = !import.meta.url.endsWith('.ts');

/** The compiled output folder, also home of the prepared database image (store/prepared-image.ts). */
export const DIST_DIR = new URL('dist/', SERVER_ROOT);
