import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseContentCoding } from './accept-encoding.ts';

describe('chooseContentCoding', () => {
  it('prefers brotli, then gzip, whatever order the client lists them in', () => {
    assert.equal(chooseContentCoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(chooseContentCoding('br'), 'br');
    assert.equal(chooseContentCoding('gzip, deflate'), 'gzip');
    assert.equal(chooseContentCoding('GZIP'), 'gzip');
  });

  it('honours quality values, refusing a coding given q=0', () => {
    assert.equal(chooseContentCoding('br;q=0, gzip'), 'gzip');
    assert.equal(chooseContentCoding('br;q=0.5, gzip;q=0.8'), 'gzip');
    assert.equal(chooseContentCoding('br;q=0.8, gzip;q=0.8'), 'br');
    assert.equal(chooseContentCoding('br;q=0, gzip;q=0'), null);
    assert.equal(chooseContentCoding('gzip;q=0, *'), 'br');
    assert.equal(chooseContentCoding('*;q=0'), null);
  });

  it('compresses nothing for a client that names no coding we have', () => {
    for (const header of [undefined, '', 'identity', 'deflate', 'zstd', ' , ;q=1', ['gzip', 'br']]) {
      assert.equal(chooseContentCoding(header), null, String(header));
    }
  });

  it('reads only the start of an oversized header', () => {
    assert.equal(chooseContentCoding(`${'x, '.repeat(1000)}br`), null);
    assert.equal(chooseContentCoding(`br, ${'x, '.repeat(1000)}`), 'br');
  });
});
