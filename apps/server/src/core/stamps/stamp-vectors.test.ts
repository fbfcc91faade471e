// The shared stamp vectors (spec/test-vectors/stamps.json) against the server's code: the canonical
// bytes it signs (refusing what breaks a rule, naming the field), and its node:crypto check of a stamp's
// signature under the key of the JWKS, for every case whose answer is decided by the signature. The
// JWKS-only verification offline verifiers run (@poy/wire) must give each case's expected answer. The
// file's SHA-256 is checked on reading, so no byte of it can change unnoticed.
import assert from 'node:assert/strict';
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalStampBytes, StampFormatError, verifyStampOffline } from '@poy/wire';
import { readStampVectors } from '../../../../../spec/test-vectors/read-vectors.ts';
import { verifyStampSignature } from './stamp-format.ts';

const { jwks, statements, stamps } = readStampVectors();

function keyNamed(kid: string): KeyObject | null {
  const jwk = jwks.keys.find((key) => Reflect.get(Object(key), 'kid') === kid);
  return jwk === undefined ? null : createPublicKey({ key: Object(jwk), format: 'jwk' });
}

describe('shared test vectors: content stamps (server)', () => {
  for (const vector of statements) {
    it(`statement: ${vector.name}`, () => {
      if (vector.bytesHex === null) {
        assert.throws(
          () => canonicalStampBytes(vector.statement),
          (error) => error instanceof StampFormatError && error.field === vector.invalidField,
        );
      } else {
        assert.equal(Buffer.from(canonicalStampBytes(vector.statement)).toString('hex'), vector.bytesHex);
      }
    });
  }

  for (const vector of stamps) {
    it(`${vector.name}: ${vector.why}`, async () => {
      assert.equal(
        Buffer.from(canonicalStampBytes(vector.signed.statement)).toString('hex'),
        vector.signed.bytesHex,
      );
      const { stamp } = vector;
      // The hash a verifier holds: of the content it was given, or the one it was given.
      const contentHash =
        vector.content === null
          ? (vector.contentHash ?? '')
          : `sha256:${createHash('sha256').update(vector.content, 'utf8').digest('hex')}`;
      const key = keyNamed(stamp.keyId);
      const signatureValidAs = (mode: 'live' | 'test') =>
        key !== null && verifyStampSignature({ ...stamp, mode, contentHash }, stamp.signature, key);
      if (vector.expected.valid) {
        assert.equal(signatureValidAs(vector.expected.mode), true);
      } else if (vector.expected.reason === 'sandbox_stamp') {
        assert.deepEqual([signatureValidAs('live'), signatureValidAs('test')], [false, true]);
      } else if (!['unknown_key', 'unknown_format', 'wrong_key_purpose'].includes(vector.expected.reason)) {
        // Altered fields or content, a foreign key, a malformed signature or field: never valid, in either
        // mode. (A key of the wrong purpose is refused before any signature check, by kid here and by
        // the key ring's purpose in content-stamps.ts.)
        assert.deepEqual([signatureValidAs('live'), signatureValidAs('test')], [false, false]);
      }
      const offline = await verifyStampOffline(
        {
          ...stamp,
          ...(vector.content === null ? {} : { content: vector.content }),
          ...(vector.contentHash === null ? {} : { contentHash: vector.contentHash }),
        },
        jwks,
        { mode: vector.acceptTest ? 'any' : 'live' },
      );
      assert.deepEqual(offline, vector.expected);
    });
  }
});
