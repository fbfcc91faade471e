// `npm run build` (run by the root `prepare`, so by `npm install`): compiles the server ahead of time
// into dist/, which `npm start` runs without compiling TypeScript at start, and makes the prepared
// database image (store/prepared-image.ts). Offline, and quick when nothing changed: the image is
// rebuilt only when the migrations change. `npm run poy` and the tests keep running the sources.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DIST_DIR, SERVER_ROOT } from '../server-root.ts';
import { writePreparedImage } from '../store/prepared-image.ts';

/** Package names (a prefix up to a slash) that stay in node_modules; see the plugin below. */
const EXTERNAL_PACKAGES = [
  'node:',
  '@electric-sql/pglite', // its WebAssembly and data files
  'pino', // its transports run in worker threads from their own files
  'thread-stream',
  '@fastify/swagger-ui', // serves its static folder
  '@fastify/static',
  '@tensorflow/', // WebAssembly binaries, loaded only by the face-analysis threads
  '@vladmandic/human',
  'pg', // an optional native binding it tries to require
  'ioredis', // only with REDIS_URL
  '@opentelemetry/', // only with tracing on
];

function isExternal(specifier: string): boolean {
  return EXTERNAL_PACKAGES.some((name) =>
    name.endsWith(':') || name.endsWith('/')
      ? specifier.startsWith(name)
      : specifier === name || specifier.startsWith(`${name}/`),
  );
}

const started = performance.now();
const outdir = fileURLToPath(DIST_DIR);
mkdirSync(outdir, { recursive: true });
// Only the compiled files are replaced; the image beside them is kept.
for (const name of readdirSync(outdir, { withFileTypes: true })) {
  if (name.isFile()) rmSync(`${outdir}${name.name}`);
}

await build({
  absWorkingDir: fileURLToPath(SERVER_ROOT),
  entryPoints: { poy: 'src/compiled-entry.ts', 'face-analysis-worker': 'src/face/face-analysis-worker.ts' },
  outdir,
  // Every file lands directly in dist/, one folder below the package root like src/server-root.ts.
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Packages bundled in are CommonJS as often as not; their require() of Node's own modules needs one.
  banner: {
    js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
  },
  plugins: [
    {
      // Compiled in: our own code, @poy/wire (TypeScript sources) and every package that is plain code,
      // which saves Node resolving and reading hundreds of files at start. Loaded from node_modules as
      // they are: packages that read files beside their own code, start worker threads, or are loaded
      // only when a feature is used.
      name: 'external-packages',
      setup(builder) {
        builder.onResolve({ filter: /^[^./]/ }, (args) =>
          isExternal(args.path) ? { path: args.path, external: true } : undefined,
        );
      },
    },
  ],
});
const compiledMs = performance.now() - started;
const image = await writePreparedImage();
process.stdout.write(
  `Compiled the server into ${outdir} in ${Math.round(compiledMs)} ms; ` +
    `database image ${image.created ? 'made' : 'up to date'}: ${image.dir}\n`,
);
