// Builds dist/esm (ES modules, .js + .d.ts) and dist/cjs (CommonJS, .cjs + .d.cts) with tsc, then
// checks that both load. tsc emits CommonJS as .js, so the CJS output is renamed to .cjs and its
// relative specifiers rewritten to match; dist/cjs/package.json says "commonjs" for any tool that
// looks up the nearest package.json instead of trusting the extension.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');
const staging = join(dist, 'cjs-staging');
const cjs = join(dist, 'cjs');

const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

function run(config) {
  execFileSync(process.execPath, [tsc, '-p', join(root, config)], { stdio: 'inherit', cwd: root });
}

/**
 * Points relative specifiers (`./x.js`, or `./x.ts`, which tsc leaves in declaration files) at the
 * emitted files: `./x.<extension>`.
 */
function rewriteSpecifiers(text, extension) {
  return text.replace(
    /(["'])(\.{1,2}\/[^"']+)\.(?:js|ts)\1/g,
    (_match, quote, path) => `${quote}${path}.${extension}${quote}`,
  );
}

rmSync(dist, { recursive: true, force: true });
run('tsconfig.esm.json');
run('tsconfig.cjs.json');

for (const name of readdirSync(join(dist, 'esm'))) {
  if (!name.endsWith('.d.ts')) continue;
  const path = join(dist, 'esm', name);
  writeFileSync(path, rewriteSpecifiers(readFileSync(path, 'utf8'), 'js'));
}

mkdirSync(cjs, { recursive: true });
for (const name of readdirSync(staging)) {
  const from = join(staging, name);
  let target;
  if (name.endsWith('.d.ts')) target = `${name.slice(0, -'.d.ts'.length)}.d.cts`;
  else if (name.endsWith('.js')) target = `${name.slice(0, -'.js'.length)}.cjs`;
  else continue;
  writeFileSync(join(cjs, target), rewriteSpecifiers(readFileSync(from, 'utf8'), 'cjs'));
}
rmSync(staging, { recursive: true, force: true });
writeFileSync(join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

// Both builds must load and expose the client.
const esm = await import(pathToFileURL(join(dist, 'esm', 'index.js')).href);
const commonjs = require(join(cjs, 'index.cjs'));
const browserEsm = await import(pathToFileURL(join(dist, 'esm', 'browser.js')).href);
const browserCjs = require(join(cjs, 'browser.cjs'));
for (const [name, loaded] of [
  ['dist/esm/index.js', esm.POYVerify],
  ['dist/cjs/index.cjs', commonjs.POYVerify],
  ['dist/esm/browser.js', browserEsm.runPasskeyRegistration],
  ['dist/cjs/browser.cjs', browserCjs.runPasskeyRegistration],
]) {
  if (typeof loaded !== 'function') throw new Error(`${name} does not export what it should`);
}
process.stdout.write('Built dist/esm (ESM) and dist/cjs (CommonJS); both load.\n');
