import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId, randomBase62 } from './ids.ts';

describe('ids', () => {
  it('prefixes ids and uses 20 base62 characters', () => {
    assert.match(createId('key'), /^key_[0-9A-Za-z]{20}$/);
    assert.match(createId('acct'), /^acct_[0-9A-Za-z]{20}$/);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => createId('req')));
    assert.equal(ids.size, 5000);
  });

  it('uses the whole alphabet without modulo bias in the large', () => {
    const counts = new Map<string, number>();
    for (const char of randomBase62(62 * 400)) counts.set(char, (counts.get(char) ?? 0) + 1);
    assert.equal(counts.size, 62);
    // Expected 400 each; a biased generator would put the first 8 characters near 500.
    for (const count of counts.values()) assert.ok(count > 280 && count < 520, `count ${count}`);
  });
});
