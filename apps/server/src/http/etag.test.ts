import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ifNoneMatchIncludes } from './etag.ts';

describe('ifNoneMatchIncludes', () => {
  it('compares weakly: a W/ prefix on either side does not matter', () => {
    assert.equal(ifNoneMatchIncludes('"abc"', '"abc"'), true);
    assert.equal(ifNoneMatchIncludes('W/"abc"', '"abc"'), true);
    assert.equal(ifNoneMatchIncludes('"abc"', 'W/"abc"'), true);
    assert.equal(ifNoneMatchIncludes('"x", W/"abc"', '"abc"'), true);
    assert.equal(ifNoneMatchIncludes('*', '"abc"'), true);
  });

  it('matches nothing else', () => {
    assert.equal(ifNoneMatchIncludes(undefined, '"abc"'), false);
    assert.equal(ifNoneMatchIncludes('"abd"', '"abc"'), false);
    assert.equal(ifNoneMatchIncludes('abc', '"abc"'), false);
    assert.equal(ifNoneMatchIncludes(['"abc"'], '"abc"'), false);
  });
});
