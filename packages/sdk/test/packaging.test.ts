// The package as users get it: `npm pack` (which builds first), installed from the tarball into an
// empty project (offline: the SDK has no dependencies), then loaded with `import` (ESM) and `require`
// (CJS), and a TypeScript file using the public types type-checked against the installed
// declarations, both with the DOM lib and in a Node-only project (no DOM types).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const sdkRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = dirname(dirname(sdkRoot));
const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
const nodeTypes = join(repoRoot, 'node_modules', '@types');

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stdout = error instanceof Error ? String(Reflect.get(error, 'stdout') ?? '') : '';
    const stderr = error instanceof Error ? String(Reflect.get(error, 'stderr') ?? '') : '';
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}\n${stdout}\n${stderr}`);
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// A stand-in fetch for the smoke scripts: answers every call with a verified human.
const FAKE_FETCH = `async () => new Response(JSON.stringify({ isHuman: true, trustScore: 94, poyId: 'PoY #00482A1', verifiedAt: null, checks: { liveness: 'pass', device: 'pass', behavioral: 'pass' } }), { status: 200 })`;

describe('packaging', { timeout: 180_000 }, () => {
  let work: string;
  let project: string;
  let tarball: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'poy-sdk-pack-'));
    project = join(work, 'consumer');
    run(npm, ['pack', '--pack-destination', work, '--silent'], sdkRoot);
    const packed = readdirSync(work).find((name) => name.endsWith('.tgz'));
    assert.ok(packed, 'npm pack produced no tarball');
    tarball = join(work, packed);
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
    );
    run(
      npm,
      ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--silent'],
      project,
    );
  });

  after(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('ships dist and the README, and no sources or tests', () => {
    const listing = run('tar', ['-tzf', tarball], work).split('\n').filter(Boolean);
    assert.ok(listing.includes('package/README.md'));
    assert.ok(listing.includes('package/dist/esm/index.js'));
    assert.ok(listing.includes('package/dist/esm/index.d.ts'));
    assert.ok(listing.includes('package/dist/cjs/index.cjs'));
    assert.ok(listing.includes('package/dist/cjs/index.d.cts'));
    assert.ok(listing.includes('package/dist/esm/browser.js'));
    assert.ok(
      !listing.some((path) => path.startsWith('package/src/') || path.startsWith('package/test/')),
      listing.join('\n'),
    );
    const manifest: unknown = JSON.parse(
      readFileSync(join(project, 'node_modules/@poyverify/sdk/package.json'), 'utf8'),
    );
    assert.equal(Reflect.get(Object(manifest), 'dependencies'), undefined, 'no runtime dependencies');
    for (const field of ['peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
      assert.equal(Reflect.get(Object(manifest), field), undefined, field);
    }
    // No install-time script: npm would list it for approval on every install, and it could not run from
    // the tarball (the build's sources are not shipped). The workspace builds through the root `prepare`.
    const scripts: unknown = Reflect.get(Object(manifest), 'scripts');
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      assert.equal(Reflect.get(Object(scripts), hook), undefined, `scripts.${hook}`);
    }
    // @poy/wire (the code shared with the server) and the libraries it uses are bundled into dist,
    // never required at run time.
    const shipped = listing.filter((path) => path.startsWith('package/dist/'));
    assert.ok(shipped.includes('package/dist/esm/wire/index.d.ts'), 'the wire declarations ship');
    const libraryImport =
      /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](?:jose|@noble\/hashes|@scure\/base)\b/;
    for (const path of shipped) {
      const installed = join(project, 'node_modules/@poyverify/sdk', path.slice('package/'.length));
      const text = readFileSync(installed, 'utf8');
      assert.ok(!text.includes('@poy/wire'), `${path} names @poy/wire`);
      assert.doesNotMatch(text, libraryImport, `${path} imports a library instead of bundling it`);
    }
  });

  it('loads with import (ESM), including the browser subpath', () => {
    const script = `
      import { POYVerify, verifyWebhook, POYError, AuthenticationError } from '@poyverify/sdk';
      import { runPasskeyRegistration } from '@poyverify/sdk/browser';
      const poy = new POYVerify({ apiKey: 'your-api-key', baseUrl: 'http://poy.invalid', fetch: ${FAKE_FETCH} });
      const result = await poy.verify('usr_abc123');
      if (!result.isHuman) throw new Error('not human');
      if (typeof verifyWebhook !== 'function' || typeof runPasskeyRegistration !== 'function') throw new Error('exports');
      if (!(new AuthenticationError({ message: 'x', status: 401 }) instanceof POYError)) throw new Error('classes');
      console.log('esm ok');
    `;
    writeFileSync(join(project, 'smoke.mjs'), script);
    assert.equal(run(process.execPath, ['smoke.mjs'], project).trim(), 'esm ok');
  });

  it('loads with require (CJS), including the browser subpath', () => {
    const script = `
      const { POYVerify, verifyPoySignature } = require('@poyverify/sdk');
      const { runPasskeyAuthentication } = require('@poyverify/sdk/browser');
      const crypto = require('node:crypto');
      const poy = new POYVerify({ apiKey: 'your-api-key', baseUrl: 'http://poy.invalid', fetch: ${FAKE_FETCH} });
      const body = '{"event":"user.verified"}';
      const signature = crypto.createHmac('sha256', 'whsec_x').update(body).digest('hex');
      if (!verifyPoySignature(body, signature, 'whsec_x')) throw new Error('signature');
      if (typeof runPasskeyAuthentication !== 'function') throw new Error('browser');
      poy.verify('usr_abc123').then((result) => console.log(result.isHuman ? 'cjs ok' : 'not human'));
    `;
    writeFileSync(join(project, 'smoke.cjs'), script);
    assert.equal(run(process.execPath, ['smoke.cjs'], project).trim(), 'cjs ok');
  });

  it('type-checks code using the public types against the installed declarations', () => {
    const source = `
      import {
        POYVerify, type VerifyResult, type POYVerifyOptions, POYError, RateLimitError,
        verifyWebhook, verifyStampOffline, verifySessionTokenOffline, type StampCheck, type WebhookEndpoint,
        type ConnectUserStatus,
      } from '@poyverify/sdk';
      import { runPasskeyRegistration, type PasskeyCreationOptions } from '@poyverify/sdk/browser';

      const options: POYVerifyOptions = { apiKey: 'your-api-key', timeoutMs: 5_000, maxRetries: 1 };
      const poy = new POYVerify(options);

      export async function gate(userId: string): Promise<boolean> {
        try {
          const result: VerifyResult = await poy.verify(userId, { checkType: 'full' });
          const trusted: boolean = result.isHuman;
          const where: string | undefined = result.enrollmentUrl;
          void where;
          return trusted;
        } catch (error) {
          if (error instanceof RateLimitError) return error.retryAfterSeconds !== null;
          if (error instanceof POYError) return error.status === 404 && error.code === 'not_found';
          throw error;
        }
      }

      export async function others(body: string, headers: Record<string, string>): Promise<void> {
        const ok: boolean = verifyWebhook(body, headers, 'whsec_x');
        const jwks = await poy.jwks();
        const stamp = await poy.stamps.create({ userId: 'u', contentHash: 'sha256:00', contentType: 'article' });
        const check: StampCheck = await verifyStampOffline({ ...stamp, contentType: 'article', content: 'x' }, jwks);
        const session = await verifySessionTokenOffline('poy_sess_x', jwks, { audience: 'app' });
        const endpoints: WebhookEndpoint[] = (await poy.webhooks.list()).data;
        const status: ConnectUserStatus = await poy.connect.getStatus({ referenceUserId: 'u' });
        const verified: boolean = status.verification_status === 'VERIFIED';
        void [ok, check, session, endpoints, verified];
      }

      export async function browser(options: PasskeyCreationOptions): Promise<string> {
        return (await runPasskeyRegistration(options)).id;
      }

      // @ts-expect-error checkType is 'full' | 'quick'
      poy.verify('u', { checkType: 'deep' });
    `;
    writeFileSync(join(project, 'consumer.ts'), source);
    writeFileSync(
      join(project, 'consumer.cts'),
      source.replace(/export async function browser[\s\S]*?\n {6}}\n/, ''),
    );
    const base = {
      target: 'es2022',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      typeRoots: [nodeTypes],
    };
    // A web/Node project with the DOM lib, as ESM.
    writeFileSync(
      join(project, 'tsconfig.esm.json'),
      JSON.stringify({
        compilerOptions: { ...base, module: 'nodenext', lib: ['es2022', 'dom'], types: [] },
        files: ['consumer.ts'],
      }),
    );
    // A Node-only project (no DOM lib), as CommonJS.
    writeFileSync(
      join(project, 'tsconfig.cjs.json'),
      JSON.stringify({
        compilerOptions: { ...base, module: 'nodenext', lib: ['es2022'], types: ['node'] },
        files: ['consumer.cts'],
      }),
    );
    run(process.execPath, [tsc, '-p', 'tsconfig.esm.json'], project);
    run(process.execPath, [tsc, '-p', 'tsconfig.cjs.json'], project);
  });
});
