import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { generateApiKey, hashApiKey, parseApiKeyMode } from './api-key-format.ts';

describe('API key format', () => {
  it('generates poy_<mode>_ keys with 32 base62 characters', () => {
    const live = generateApiKey('live');
    const test = generateApiKey('test');
    assert.match(live.secret, /^poy_live_[0-9A-Za-z]{32}$/);
    assert.match(test.secret, /^poy_test_[0-9A-Za-z]{32}$/);
    assert.notEqual(live.secret.slice(9), test.secret.slice(9));
  });

  it('stores only the SHA-256 hex and a prefix too short to use', () => {
    const key = generateApiKey('test');
    assert.equal(key.keyHashHex, createHash('sha256').update(key.secret).digest('hex'));
    assert.equal(hashApiKey(key.secret), key.keyHashHex);
    assert.equal(key.displayPrefix, key.secret.slice(0, 13));
    assert.ok(key.secret.length - key.displayPrefix.length >= 28);
  });

  it('recognises well-formed keys and their mode only', () => {
    assert.equal(parseApiKeyMode(generateApiKey('live').secret), 'live');
    assert.equal(parseApiKeyMode(generateApiKey('test').secret), 'test');
    assert.equal(parseApiKeyMode('poy_test_short'), null);
    assert.equal(parseApiKeyMode(`poy_prod_${'a'.repeat(32)}`), null);
    assert.equal(parseApiKeyMode(`poy_test_${'a'.repeat(31)}!`), null);
    assert.equal(parseApiKeyMode(''), null);
  });
});
