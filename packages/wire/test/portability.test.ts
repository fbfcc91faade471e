// The wire code runs in browsers as well as Node, and ships inside the SDK with no dependency: its
// sources import nothing but each other, and reach nothing Node-only (WebCrypto is found at run time).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const SRC = new URL('../src/', import.meta.url);

describe('portability', () => {
  it('imports only its own modules, and uses no Node globals', () => {
    const files = readdirSync(SRC).filter((name) => name.endsWith('.ts'));
    assert.ok(files.length > 5);
    for (const file of files) {
      // Code only: comments may name what the code avoids.
      const source = readFileSync(new URL(file, SRC), 'utf8').replace(/^\s*(?:\/\/|\*|\/\*).*$/gm, '');
      for (const match of source.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)) {
        assert.match(String(match[1]), /^\.\/[a-z0-9-]+\.ts$/, `${file} imports ${match[1]}`);
      }
      assert.doesNotMatch(source, /\b(?:Buffer|require|__dirname)\b|process\.env/, file);
      // Node 18's WebCrypto is loaded at run time, by a specifier bundlers do not follow, and only there.
      if (file !== 'web-crypto.ts') assert.doesNotMatch(source, /\bimport\(|node:/, file);
    }
  });
});
