import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  canonicalStampBytes as canonicalStampByteArray,
  decodeStampSignature,
  encodeStampSignature,
  StampFormatError,
  type StampStatement,
} from '@poy/wire';
import { z } from 'zod';
import { signStamp, verifyStampSignature } from './stamp-format.ts';

/** The bytes as a Buffer, for its hex and text views. */
function canonicalStampBytes(statement: StampStatement): Buffer {
  return Buffer.from(canonicalStampByteArray(statement));
}

const SPEC = readFileSync(new URL('../../../../../spec/stamps.md', import.meta.url), 'utf8');

/** The fenced block right after `<!-- example:<name> -->` in spec/stamps.md. */
function specExample(name: string): string {
  const match = new RegExp(`<!-- example:${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(SPEC);
  assert.ok(match?.[1], `spec/stamps.md has no example:${name} block`);
  return match[1];
}

const statementSchema = z
  .object({
    stampId: z.string(),
    mode: z.enum(['live', 'test']),
    contentHash: z.string(),
    contentType: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .strict();

const STATEMENT: StampStatement = {
  stampId: 'stmp_0123456789ab',
  mode: 'live',
  contentHash: `sha256:${'ab'.repeat(32)}`,
  contentType: 'image/png',
  createdBy: 'PoY #00482A1',
  createdAt: '2026-04-07T12:30:00.000Z',
};

describe('stamp format poy-stamp/v1', () => {
  it('is seven LF-terminated lines in the documented order', () => {
    assert.equal(
      canonicalStampBytes(STATEMENT).toString('utf8'),
      `poy-stamp/v1\nlive\nstmp_0123456789ab\nsha256:${'ab'.repeat(32)}\nimage/png\nPoY #00482A1\n2026-04-07T12:30:00.000Z\n`,
    );
  });

  it('refuses to sign any field that breaks its rule (no escaping, no ambiguity)', () => {
    const bad: Array<Partial<StampStatement>> = [
      { contentType: 'article\nPoY #FFFFFFF' },
      { contentType: '' },
      { contentType: ' article' },
      { contentType: 'a'.repeat(65) },
      { contentType: 'artícle' },
      { contentHash: `sha256:${'AB'.repeat(32)}` },
      { contentHash: `sha256:${'ab'.repeat(31)}` },
      { stampId: 'stmp_0123456789AB' },
      { createdBy: 'PoY #00482a1' },
      { createdAt: '2026-04-07T12:30:00Z' },
      { createdAt: '2026-04-07T12:30:00.000+00:00' },
    ];
    for (const change of bad) {
      assert.throws(
        () => canonicalStampBytes({ ...STATEMENT, ...change }),
        StampFormatError,
        JSON.stringify(change),
      );
    }
  });

  it('signs as ecdsa:<base64url P1363> that node:crypto verifies, and nothing else verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signature = signStamp(STATEMENT, privateKey);
    assert.match(signature, /^ecdsa:[A-Za-z0-9_-]{86}$/);
    assert.ok(verifyStampSignature(STATEMENT, signature, publicKey));
    const raw = decodeStampSignature(signature);
    assert.equal(raw?.length, 64);
    assert.equal(encodeStampSignature(raw ?? Buffer.alloc(0)), signature);

    assert.equal(verifyStampSignature({ ...STATEMENT, mode: 'test' }, signature, publicKey), false);
    assert.equal(
      verifyStampSignature({ ...STATEMENT, contentType: 'image/jpeg' }, signature, publicKey),
      false,
    );
    assert.equal(
      verifyStampSignature({ ...STATEMENT, createdAt: '2026-04-07T12:30:00.001Z' }, signature, publicKey),
      false,
    );
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    assert.equal(verifyStampSignature(STATEMENT, signature, other), false);
    // The same signature in DER (what node:crypto gives by default) is not the format.
    const der = sign('sha256', canonicalStampBytes(STATEMENT), privateKey);
    assert.equal(verifyStampSignature(STATEMENT, `ecdsa:${der.toString('base64url')}`, publicKey), false);
    for (const malformed of [
      '',
      'ecdsa:',
      signature.slice(6),
      `ecdsa:${signature.slice(7)}`,
      `der:${signature.slice(6)}`,
    ]) {
      assert.equal(verifyStampSignature(STATEMENT, malformed, publicKey), false, malformed);
    }
    // A statement that does not fit v1 is simply not valid (verification never throws).
    assert.equal(verifyStampSignature({ ...STATEMENT, contentType: 'a\nb' }, signature, publicKey), false);
  });

  it("spec/stamps.md's worked example is correct: bytes, escaped bytes, JWK and signature", () => {
    const statement = statementSchema.parse(JSON.parse(specExample('statement')));
    const bytes = canonicalStampBytes(statement);
    assert.equal(bytes.toString('hex'), specExample('bytes-hex'));
    assert.equal(JSON.stringify(bytes.toString('utf8')), specExample('bytes-escaped'));
    assert.match(SPEC, new RegExp(`The signed bytes \\(${bytes.length} bytes\\)`));

    // Verified the way spec/stamps.md tells an outsider to: node:crypto and the JWK, nothing of ours.
    const jwk = z
      .object({
        kty: z.string(),
        crv: z.string(),
        x: z.string(),
        y: z.string(),
        kid: z.string(),
        alg: z.literal('ES256'),
        use: z.literal('sig'),
      })
      .parse(JSON.parse(specExample('jwk')));
    assert.ok(jwk.kid.startsWith('poy-stamp-'));
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    const signature = specExample('signature');
    const raw = Buffer.from(signature.replace(/^ecdsa:/, ''), 'base64url');
    assert.ok(
      verify('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' }, raw),
      'the documented signature verifies',
    );
    assert.ok(verifyStampSignature(statement, signature, key));

    // One changed byte anywhere breaks it.
    for (const index of [0, 13, 40, bytes.length - 2]) {
      const changed = Buffer.from(bytes);
      changed[index] = (changed[index] ?? 0) ^ 0x01;
      assert.equal(
        verify('sha256', changed, { key, dsaEncoding: 'ieee-p1363' }, raw),
        false,
        `byte ${index}`,
      );
    }
    // The create-response example at the top of the page is the same stamp.
    assert.ok(SPEC.includes(`"signature": "${signature}"`));
    assert.ok(SPEC.includes(`"keyId": "${jwk.kid}"`));
  });
});
