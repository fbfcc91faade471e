// The byte encodings every format here rests on, against Buffer.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
  bytesToHex,
  hexToBytes,
} from '../src/encoding.ts';

describe('encodings', () => {
  it('round-trip and match Buffer for every length up to 70', () => {
    for (let length = 0; length <= 70; length++) {
      const bytes = randomBytes(length);
      assert.equal(bytesToBase64(bytes), bytes.toString('base64'));
      assert.equal(bytesToBase64Url(bytes), bytes.toString('base64url'));
      assert.equal(bytesToHex(bytes), bytes.toString('hex'));
      assert.deepEqual(Buffer.from(base64ToBytes(bytes.toString('base64')) ?? []), bytes);
      assert.deepEqual(Buffer.from(base64UrlToBytes(bytes.toString('base64url')) ?? []), bytes);
      assert.deepEqual(Buffer.from(hexToBytes(bytes.toString('hex')) ?? []), bytes);
    }
  });

  it('refuse malformed input instead of guessing', () => {
    assert.equal(base64ToBytes('abc$'), null);
    assert.equal(base64ToBytes('a'), null);
    assert.equal(base64ToBytes('QQ=x'), null);
    assert.equal(base64UrlToBytes('ab+/'), null);
    // Non-zero leftover bits: "QR" would decode to the same byte as "QQ".
    assert.equal(base64UrlToBytes('QR'), null);
    assert.equal(hexToBytes('abc'), null);
    assert.equal(hexToBytes('zz'), null);
  });
});
