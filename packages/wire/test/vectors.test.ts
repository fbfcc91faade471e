// spec/test-vectors/ is what its generator writes: reproducible (committed ECDSA signatures are reused,
// so a second run changes nothing) and matching SHA256SUMS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readVectorFile } from '../../../spec/test-vectors/read-vectors.ts';

const GENERATOR = fileURLToPath(new URL('../../../spec/test-vectors/generate.ts', import.meta.url));

describe('shared test vectors', () => {
  it('match their SHA256SUMS', () => {
    for (const file of [
      'webhook-signatures.json',
      'stamps.json',
      'session-tokens.json',
      'redirect-results.json',
    ]) {
      assert.ok(readVectorFile(file).length > 1000, file);
    }
  });

  it('are exactly what generate.ts writes', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', GENERATOR, '--check'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });
});
