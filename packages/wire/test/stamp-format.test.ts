// The poy-stamp/v1 encoder and the `ecdsa:` signature encoding (spec/stamps.md).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  base64UrlToBytes,
  canonicalStampBytes,
  decodeStampSignature,
  encodeStampSignature,
  StampFormatError,
  type StampStatement,
  stampStatementBytes,
} from '../src/index.ts';

const STATEMENT: StampStatement = {
  mode: 'test',
  stampId: 'stmp_0123456789ab',
  contentHash: `sha256:${'ab'.repeat(32)}`,
  contentType: 'text/html; charset=utf-8',
  createdBy: 'PoY #00482A1',
  createdAt: '2026-04-07T12:30:00.000Z',
};

describe('stamp format poy-stamp/v1', () => {
  it('is seven LF-terminated lines: version, mode, stampId, contentHash, contentType, createdBy, createdAt', () => {
    assert.equal(
      new TextDecoder().decode(canonicalStampBytes(STATEMENT)),
      `poy-stamp/v1\ntest\nstmp_0123456789ab\nsha256:${'ab'.repeat(32)}\ntext/html; charset=utf-8\nPoY #00482A1\n2026-04-07T12:30:00.000Z\n`,
    );
  });

  it('names the field that breaks its rule, and never encodes it', () => {
    const cases: Array<[Partial<StampStatement>, string]> = [
      [{ contentType: 'a\nb' }, 'contentType'],
      [{ contentType: 'trailing ' }, 'contentType'],
      [{ contentHash: `sha256:${'AB'.repeat(32)}` }, 'contentHash'],
      [{ stampId: 'stmp_0123' }, 'stampId'],
      [{ createdBy: 'PoY #00482a1' }, 'createdBy'],
      [{ createdAt: '2026-04-07T12:30:00Z' }, 'createdAt'],
    ];
    for (const [change, field] of cases) {
      assert.throws(
        () => canonicalStampBytes({ ...STATEMENT, ...change }),
        (error) => error instanceof StampFormatError && error.field === field,
        field,
      );
      if (field !== 'contentHash')
        assert.equal(stampStatementBytes({ ...STATEMENT, ...change }), null, field);
    }
    const wrongMode: unknown = { ...STATEMENT, mode: 'prod' };
    assert.throws(() => canonicalStampBytes(Object(wrongMode)), StampFormatError);
  });

  it('stampStatementBytes lower-cases the hash first, as the API does', () => {
    const upper = { ...STATEMENT, contentHash: `sha256:${'AB'.repeat(32)}` };
    assert.deepEqual(stampStatementBytes(upper), canonicalStampBytes(STATEMENT));
  });

  it('encodes a signature as ecdsa: + 86 base64url characters, and decodes only that', () => {
    const signature = new Uint8Array(64).map((_, index) => index * 3);
    const encoded = encodeStampSignature(signature);
    assert.match(encoded, /^ecdsa:[A-Za-z0-9_-]{86}$/);
    assert.deepEqual(decodeStampSignature(encoded), signature);
    assert.throws(() => encodeStampSignature(new Uint8Array(63)));
    for (const malformed of [
      '',
      'ecdsa:',
      encoded.slice(6),
      `${encoded}==`,
      `der:${encoded.slice(6)}`,
      `${encoded}A`,
    ]) {
      assert.equal(decodeStampSignature(malformed), null, malformed);
    }
  });

  it('decodes every signature as the strict base64url decoder does, and no other spelling of it', () => {
    for (let round = 0; round < 200; round++) {
      const signature = randomBytes(64);
      const encoded = encodeStampSignature(signature);
      assert.deepEqual(decodeStampSignature(encoded), base64UrlToBytes(encoded.slice(6)));
      assert.deepEqual(Buffer.from(decodeStampSignature(encoded) ?? []), signature);
      // The last character's 4 spare bits set: the same bytes to a lenient decoder, refused here.
      const last = encoded.charCodeAt(encoded.length - 1);
      const spare = String.fromCharCode(last === 0x77 ? 0x78 : last + 1);
      assert.equal(decodeStampSignature(`${encoded.slice(0, -1)}${spare}`), null, spare);
      assert.equal(base64UrlToBytes(`${encoded.slice(6, -1)}${spare}`), null);
    }
  });
});
