// Runtime fallbacks, each in a fresh Node process: Node 18 without a global `crypto` (WebCrypto then
// comes from node:crypto), and a platform without `fetch` (a clear error at construction).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

function runIsolated(script: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  }).trim();
}

describe('runtimes', () => {
  it('finds WebCrypto in node:crypto when globalThis.crypto is missing (Node 18 without the flag)', () => {
    const output = runIsolated(`
      Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
      const { hashContent, verifyStampOffline } = await import(${JSON.stringify(entry)});
      console.log(await hashContent('Hello, world!'));
      console.log(typeof verifyStampOffline);
    `);
    assert.equal(output, 'sha256:315f5bdb76d078c43b8ac0064e4a0164612b1fce77c869345bfc94c75894edd3\nfunction');
  });

  it('says what to do when there is no fetch', () => {
    const output = runIsolated(`
      Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true });
      const { POYVerify } = await import(${JSON.stringify(entry)});
      try { new POYVerify({ apiKey: 'k' }); console.log('no error'); } catch (error) { console.log(error.message); }
    `);
    assert.equal(output, 'No fetch available: use Node.js 18+ or pass { fetch } to new POYVerify().');
  });
});
