// Builds dist/esm (ES modules, .js + .d.ts) and dist/cjs (CommonJS, .cjs + .d.cts), then checks that
// both load. The package must ship with no runtime dependency, yet its webhook, stamp and session code
// is @poy/wire's (the code the server signs with), so:
// - JavaScript: esbuild bundles each entry (index, browser) with @poy/wire and its libraries inlined. In ESM the two
//   entries share their common code through a chunk; CommonJS has no chunks, so each entry is whole.
// - Declarations: tsc writes them for the SDK and for @poy/wire (tsconfig.build.json maps the package
//   to its sources), the wire's go to dist/<format>/wire/, and the SDK's `@poy/wire` specifiers are
//   pointed there. The CommonJS copies are renamed .d.cts with `.cjs` specifiers to match.
// Nothing in dist may name @poy/wire afterwards, nor import the libraries the wire code uses (@noble/hashes,
// @scure/base, jose: bundled too); the build fails if something does.
// Options: --out-dir <dir> (default: dist) and --js-only (no declarations: for tests that only run it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { values: args } = parseArgs({
  options: { 'out-dir': { type: 'string' }, 'js-only': { type: 'boolean', default: false } },
});
const dist = resolve(root, args['out-dir'] ?? 'dist');
const staging = join(dist, 'types-staging');
const esm = join(dist, 'esm');
const cjs = join(dist, 'cjs');
const WIRE = '@poy/wire';

const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path).map((file) => join(name, file)) : [name];
  });
}

/**
 * Points relative specifiers (`./x.ts`, which tsc leaves in declaration files, or `./x.js`) at the
 * emitted files, `./x.<extension>`, and `@poy/wire` at the copy shipped beside them (the SDK's sources
 * are all in src/ itself, so that is `./wire/` from every one of them).
 */
function rewriteSpecifiers(text, extension) {
  return text
    .replace(
      /(["'])(\.{1,2}\/[^"']+)\.(?:js|ts)\1/g,
      (_match, quote, path) => `${quote}${path}.${extension}${quote}`,
    )
    .replace(/(["'])@poy\/wire\1/g, (_match, quote) => `${quote}./wire/index.${extension}${quote}`);
}

rmSync(dist, { recursive: true, force: true });

const shared = {
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts', browser: 'src/browser.ts' },
  bundle: true,
  platform: 'neutral',
  target: 'es2022',
  logLevel: 'warning',
};
await build({ ...shared, format: 'esm', splitting: true, outdir: esm, chunkNames: 'chunks/[name]-[hash]' });
await build({ ...shared, format: 'cjs', outdir: cjs, outExtension: { '.js': '.cjs' } });
writeFileSync(join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

if (!args['js-only']) {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', staging], {
    stdio: 'inherit',
    cwd: root,
  });
  for (const [from, to] of [
    ['sdk/src', '.'],
    ['wire/src', 'wire'],
  ]) {
    for (const file of filesUnder(join(staging, from))) {
      if (!file.endsWith('.d.ts')) continue;
      const text = readFileSync(join(staging, from, file), 'utf8');
      const base = file.slice(0, -'.d.ts'.length);
      for (const [dir, extension, suffix] of [
        [esm, 'js', '.d.ts'],
        [cjs, 'cjs', '.d.cts'],
      ]) {
        const target = join(dir, to, `${base}${suffix}`);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, rewriteSpecifiers(text, extension));
      }
    }
  }
  rmSync(staging, { recursive: true, force: true });
}

// The audited libraries the wire code uses (hashing, encodings, JWS) are bundled like the wire itself.
const BUNDLED_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](jose|@noble\/hashes|@scure\/base)(?:\/[^"']*)?["']/;
for (const file of filesUnder(dist)) {
  const text = readFileSync(join(dist, file), 'utf8');
  if (text.includes(WIRE)) {
    throw new Error(`dist/${file} still names ${WIRE}: the package would not install on its own`);
  }
  const bundled = BUNDLED_IMPORT.exec(text);
  if (bundled !== null) {
    throw new Error(
      `dist/${file} imports ${bundled[1]}: it must be bundled, the package has no dependencies`,
    );
  }
}

// Both builds must load and expose the client.
const loadedEsm = await import(pathToFileURL(join(esm, 'index.js')).href);
const loadedCjs = require(join(cjs, 'index.cjs'));
const browserEsm = await import(pathToFileURL(join(esm, 'browser.js')).href);
const browserCjs = require(join(cjs, 'browser.cjs'));
for (const [name, loaded] of [
  ['esm/index.js', loadedEsm.POYVerify],
  ['cjs/index.cjs', loadedCjs.POYVerify],
  ['esm/browser.js', browserEsm.runPasskeyRegistration],
  ['cjs/browser.cjs', browserCjs.runPasskeyRegistration],
]) {
  if (typeof loaded !== 'function') throw new Error(`${name} does not export what it should`);
}
const shown = relative(root, dist) || '.';
process.stdout.write(`Built ${shown}/esm (ESM) and ${shown}/cjs (CommonJS); both load.\n`);
