import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeShortCode } from './invite-codes.ts';

describe('normalizeShortCode', () => {
  it('ignores case, spaces and dashes', () => {
    assert.equal(normalizeShortCode('ABCD-2345'), 'ABCD2345');
    assert.equal(normalizeShortCode(' abcd 2345 '), 'ABCD2345');
    assert.equal(normalizeShortCode('ab-cd–23 45'), 'ABCD2345');
  });

  it('reads the Crockford look-alikes: I and L as 1, O as 0', () => {
    assert.equal(normalizeShortCode('iLoO-2345'), '1100' + '2345');
  });

  it('refuses what cannot be a code', () => {
    assert.equal(normalizeShortCode(''), null);
    assert.equal(normalizeShortCode('---'), null);
    assert.equal(normalizeShortCode('AB'), null);
    assert.equal(normalizeShortCode('ABCD-234U'), null, 'U is not in the Crockford alphabet');
    assert.equal(normalizeShortCode('ABCD/2345'), null);
    assert.equal(normalizeShortCode('<script>'), null);
    assert.equal(normalizeShortCode('A'.repeat(17)), null);
  });
});
