// The package as the workspace installs it: `npm install` / `npm ci` at the repository root runs the
// root's `prepare` script, which builds the SDK's dist/, and links node_modules/@poyverify/sdk. Here a
// file outside the package imports it by name (ESM and CommonJS) and verifies a stamp offline. Nothing
// is built by this test: if dist/ is missing (no `prepare`, or a build that failed on install), it fails.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readStampVectors } from '../../../spec/test-vectors/read-vectors.ts';

const sdkRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = dirname(dirname(sdkRoot));

// A valid live stamp of the shared vectors, as a verifier is given it.
const vectors = readStampVectors();
const valid = vectors.stamps.find(
  (vector) => vector.expected.valid && !vector.acceptTest && vector.contentHash !== null,
);
assert.ok(valid, 'the stamp vectors have a valid live stamp with its content hash');
const fixture = JSON.stringify({
  stamp: { ...valid.stamp, contentHash: valid.contentHash },
  jwks: vectors.jwks,
});

// Resolves the package, reports where it resolved, and verifies the stamp without any network access.
const esmConsumer = `
import { verifyStampOffline, POYVerify } from '@poyverify/sdk';
const { stamp, jwks } = ${fixture};
globalThis.fetch = () => { throw new Error('no network expected'); };
const check = await verifyStampOffline(stamp, jwks);
console.log(JSON.stringify({ resolved: import.meta.resolve('@poyverify/sdk'), client: typeof POYVerify, check }));
`;
const cjsConsumer = `
const { verifyStampOffline, POYVerify } = require('@poyverify/sdk');
const { stamp, jwks } = ${fixture};
globalThis.fetch = () => { throw new Error('no network expected'); };
verifyStampOffline(stamp, jwks).then((check) => {
  console.log(JSON.stringify({ resolved: require.resolve('@poyverify/sdk'), client: typeof POYVerify, check }));
});
`;

function runConsumer(file: string): { resolved: string; client: string; check: unknown } {
  const output = execFileSync(process.execPath, [file], { cwd: dirname(file), encoding: 'utf8' });
  const parsed: unknown = JSON.parse(output);
  assert.ok(typeof parsed === 'object' && parsed !== null);
  const resolved: unknown = Reflect.get(parsed, 'resolved');
  const client: unknown = Reflect.get(parsed, 'client');
  assert.equal(typeof resolved, 'string');
  assert.equal(typeof client, 'string');
  return { resolved: String(resolved), client: String(client), check: Reflect.get(parsed, 'check') };
}

describe('the SDK as installed in the workspace', () => {
  let consumerDir: string;

  before(() => {
    // Under the repository (so node_modules/@poyverify/sdk is found), outside the package; .tmp/ is ignored by git.
    mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
    consumerDir = mkdtempSync(join(repoRoot, '.tmp', 'sdk-consumer-'));
    writeFileSync(join(consumerDir, 'consumer.mjs'), esmConsumer);
    writeFileSync(join(consumerDir, 'consumer.cjs'), cjsConsumer);
  });

  after(() => {
    rmSync(consumerDir, { recursive: true, force: true });
  });

  it('imports @poyverify/sdk by name with `import` (ESM build) and verifies a stamp offline', () => {
    const { resolved, client, check } = runConsumer(join(consumerDir, 'consumer.mjs'));
    assert.match(resolved, /\/dist\/esm\/index\.js$/);
    assert.equal(client, 'function');
    assert.deepEqual(check, valid.expected);
  });

  it('requires @poyverify/sdk by name (CommonJS build) and verifies a stamp offline', () => {
    const { resolved, client, check } = runConsumer(join(consumerDir, 'consumer.cjs'));
    assert.match(resolved, /\/dist\/cjs\/index\.cjs$/);
    assert.equal(client, 'function');
    assert.deepEqual(check, valid.expected);
  });

  it('builds on install: the root prepare script (run by npm install and npm ci) builds the SDK', () => {
    const manifest: unknown = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const scripts: unknown =
      typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'scripts') : null;
    assert.ok(typeof scripts === 'object' && scripts !== null);
    const prepare = Reflect.get(scripts, 'prepare');
    assert.ok(typeof prepare === 'string');
    // The SDK's build is one of the steps (the server's build follows it).
    assert.ok(
      prepare
        .split('&&')
        .map((step) => step.trim())
        .includes('npm run build -w @poyverify/sdk'),
    );
  });
});
