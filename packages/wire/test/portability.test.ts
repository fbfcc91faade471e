// The wire code runs in browsers as well as Node, and ships inside the SDK with no runtime dependency: its
// sources import each other and, for hashing, encodings and JWS, three audited libraries that are pure
// JavaScript (the SDK's build bundles them); nothing Node-only (WebCrypto is found at run time).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const SRC = new URL('../src/', import.meta.url);
/** The only packages the sources may import (each also a dependency in package.json). */
const AUDITED_LIBRARIES = [
  '@noble/hashes/hmac.js',
  '@noble/hashes/sha2.js',
  '@scure/base',
  'jose/jws/compact/verify',
];

describe('portability', () => {
  it('imports only its own modules, and uses no Node globals', () => {
    const files = readdirSync(SRC).filter((name) => name.endsWith('.ts'));
    assert.ok(files.length > 5);
    for (const file of files) {
      // Code only: comments may name what the code avoids.
      const source = readFileSync(new URL(file, SRC), 'utf8').replace(/^\s*(?:\/\/|\*|\/\*).*$/gm, '');
      for (const match of source.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)) {
        const specifier = String(match[1]);
        if (AUDITED_LIBRARIES.includes(specifier)) continue;
        assert.match(specifier, /^\.\/[a-z0-9-]+\.ts$/, `${file} imports ${specifier}`);
      }
      assert.doesNotMatch(source, /\b(?:Buffer|require|__dirname)\b|process\.env/, file);
      // Node 18's WebCrypto is loaded at run time, by a specifier bundlers do not follow, and only there.
      if (file !== 'web-crypto.ts') assert.doesNotMatch(source, /\bimport\(|node:/, file);
    }
  });
});
