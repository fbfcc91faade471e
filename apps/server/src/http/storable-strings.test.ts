import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findUnstorableString, isStorableString } from './storable-strings.ts';

describe('storable strings', () => {
  it('refuse U+0000 and unpaired surrogates, and nothing else', () => {
    for (const bad of ['\u0000', 'a\u0000', '\ud800', 'a\udbff', '\udc00', '\udfffz', '\udc00\ud800']) {
      assert.equal(isStorableString(bad), false, JSON.stringify(bad));
    }
    for (const good of [
      '',
      'plain',
      '\ud83d\ude00',
      'e\u0301',
      '\uffff',
      '\ufeff',
      '\u0001',
      '\u007f',
      'ü',
    ]) {
      assert.equal(isStorableString(good), true, JSON.stringify(good));
    }
  });

  it('name where the first bad string is, without repeating it', () => {
    assert.equal(findUnstorableString({ a: [1, 'x', { b: 'y\u0000' }] }, 'body'), 'body.a[2].b');
    assert.equal(findUnstorableString({ ok: 'x', ['k\ud800']: 1 }, 'body'), 'body (a property name)');
    assert.equal(findUnstorableString(['fine', null, 3, true], 'body'), null);
    assert.equal(findUnstorableString('\ud800', 'query.userId'), 'query.userId');
    assert.equal(findUnstorableString(undefined, 'params'), null);
  });

  it('walk nesting deeper than the call stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let depth = 0; depth < 200_000; depth++) deep = [deep];
    assert.match(String(findUnstorableString(deep, 'body')), /^body\[0\]\[0\]/);
  });
});
