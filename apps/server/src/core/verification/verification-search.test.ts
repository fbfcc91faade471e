import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeVerificationCursor,
  encodeVerificationCursor,
  REPORTED_REASON_CODES,
} from './verification-search.ts';

describe('verification list cursor', () => {
  it('round-trips a time and an id', () => {
    const cursor = { createdAt: new Date('2030-01-01T10:00:00.123Z'), id: 'vs_AbC123' };
    const encoded = encodeVerificationCursor(cursor);
    assert.equal(encoded, '1893492000123.vs_AbC123');
    assert.deepEqual(decodeVerificationCursor(encoded), cursor);
  });

  it('refuses anything else', () => {
    for (const value of ['', 'vs_x', '12.bcu_x', '12.vs_', '1.vs_a b', 'x.vs_a', '1234567890123456.vs_a']) {
      assert.equal(decodeVerificationCursor(value), null, value);
    }
  });
});

describe('reported reason codes', () => {
  it('lists each code once, with the policy codes and the two reads add', () => {
    assert.equal(new Set(REPORTED_REASON_CODES).size, REPORTED_REASON_CODES.length);
    for (const code of ['FACE_REVIEW', 'VELOCITY', 'DUPLICATE_HUMAN', 'EXPIRED', 'NO_FACE']) {
      assert.ok(REPORTED_REASON_CODES.includes(code), code);
    }
  });
});
