// The synchronous SHA-256/HMAC (@noble/hashes) that webhook signing and verification rest on, against node:crypto.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { hmacSha256, sha256 } from '../src/hmac-sha256.ts';

describe('SHA-256 and HMAC-SHA256 (synchronous, @noble/hashes)', () => {
  it('match node:crypto for every length around the block boundaries and random keys', () => {
    for (let length = 0; length <= 200; length++) {
      const data = randomBytes(length);
      assert.equal(
        Buffer.from(sha256(data)).toString('hex'),
        createHash('sha256').update(data).digest('hex'),
        `sha256 of ${length} bytes`,
      );
      const key = randomBytes(length % 150);
      assert.equal(
        Buffer.from(hmacSha256(key, data)).toString('hex'),
        createHmac('sha256', key).update(data).digest('hex'),
        `hmac of ${length} bytes, key ${key.length} bytes`,
      );
    }
  });

  it('match node:crypto on large inputs and multi-part messages', () => {
    const big = randomBytes(1_000_003);
    assert.equal(Buffer.from(sha256(big)).toString('hex'), createHash('sha256').update(big).digest('hex'));
    const key = randomBytes(32);
    const [a, b] = [randomBytes(77), randomBytes(129)];
    assert.equal(
      Buffer.from(hmacSha256(key, a, b)).toString('hex'),
      createHmac('sha256', key)
        .update(Buffer.concat([a, b]))
        .digest('hex'),
    );
  });

  it('give the FIPS 180-2 test vector for "abc"', () => {
    assert.equal(
      Buffer.from(sha256(new TextEncoder().encode('abc'))).toString('hex'),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
