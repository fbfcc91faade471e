// stamps.json: poy-stamp/v1 statements and stamps, signed with the test keys (and spec/stamps.md's
// worked example, signed by the server).
import { createHash, verify } from 'node:crypto';
import {
  derOf,
  es256,
  flipLastSignatureCharacter,
  publicJwk,
  publicKeyOf,
  SESSION_KEY,
  SPEC_EXAMPLE_JWK,
  SPEC_EXAMPLE_SIGNATURE,
  STAMP_KEY_A,
  STAMP_KEY_B,
  type TestKey,
} from './signing.ts';
import { changeOneByte } from './vector-values.ts';

interface Statement {
  stampId: string;
  mode: 'live' | 'test';
  contentHash: string;
  contentType: string;
  createdBy: string;
  createdAt: string;
}

function stampBytes(statement: Statement): Buffer {
  const lines = [
    'poy-stamp/v1',
    statement.mode,
    statement.stampId,
    statement.contentHash,
    statement.contentType,
    statement.createdBy,
    statement.createdAt,
  ];
  return Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
}

function sha256Hash(content: string): string {
  return `sha256:${createHash('sha256').update(content, 'utf8').digest('hex')}`;
}

const exampleContent = 'Hello, world!';
const example: Statement = {
  stampId: 'stmp_7f8a9b0c1d2e',
  mode: 'live',
  contentHash: sha256Hash(exampleContent),
  contentType: 'article',
  createdBy: 'PoY #00482A1',
  createdAt: '2026-04-07T12:30:00.000Z',
};
const imageContent = 'PNG bytes stand-in: ümlauts and ✓ are UTF-8';
const image: Statement = {
  stampId: 'stmp_0123456789ab',
  mode: 'live',
  contentHash: sha256Hash(imageContent),
  contentType: 'image/png',
  createdBy: 'PoY #ABCDEF0',
  createdAt: '2026-04-07T12:00:00.123Z',
};
const sandbox: Statement = { ...image, stampId: 'stmp_5a5a5a5a5a5a', mode: 'test' };
const signatureOf = (key: TestKey, statement: Statement) =>
  `ecdsa:${es256(key, stampBytes(statement)).toString('base64url')}`;

const stampCase = (input: {
  name: string;
  why: string;
  signed: Statement;
  keyId: string;
  signature: string;
  content?: string;
  contentHash?: string;
  stampChanges?: Partial<Statement & { format: string }>;
  acceptTest?: boolean;
  expected: { valid: true; mode: 'live' | 'test' } | { valid: false; reason: string };
}) => {
  const stamp = {
    stampId: input.signed.stampId,
    signature: input.signature,
    createdBy: input.signed.createdBy,
    createdAt: input.signed.createdAt,
    keyId: input.keyId,
    format: 'poy-stamp/v1',
    contentType: input.signed.contentType,
    ...input.stampChanges,
  };
  const contentHash =
    input.content === undefined ? (input.contentHash ?? input.signed.contentHash) : sha256Hash(input.content);
  return {
    name: input.name,
    why: input.why,
    signed: { statement: input.signed, bytesHex: stampBytes(input.signed).toString('hex') },
    stamp,
    ...(input.content === undefined ? { contentHash } : { content: input.content }),
    acceptTest: input.acceptTest ?? false,
    expected: input.expected.valid ? { ...input.expected, keyId: input.keyId, contentHash } : input.expected,
  };
};

const exampleSignature = SPEC_EXAMPLE_SIGNATURE;
const imageSignature = signatureOf(STAMP_KEY_A, image);
const der = derOf(Buffer.from(imageSignature.slice('ecdsa:'.length), 'base64url'));
if (!verify('sha256', stampBytes(image), publicKeyOf(STAMP_KEY_A), der)) throw new Error('DER conversion');
const statementCase = (name: string, statement: Statement, field: string | null) => ({
  name,
  statement,
  ...(field === null ? { bytesHex: stampBytes(statement).toString('hex') } : { invalidField: field }),
});

function statementCases() {
  return [
    statementCase('spec worked example', example, null),
    statementCase('non-ASCII content, hashed first', image, null),
    statementCase('sandbox', sandbox, null),
    statementCase(
      'content type with inner spaces',
      { ...image, contentType: 'text/html; charset=utf-8' },
      null,
    ),
    statementCase(
      'line feed in content type',
      { ...image, contentType: 'article\nPoY #FFFFFFF' },
      'contentType',
    ),
    statementCase('empty content type', { ...image, contentType: '' }, 'contentType'),
    statementCase('leading space in content type', { ...image, contentType: ' article' }, 'contentType'),
    statementCase('non-ASCII content type', { ...image, contentType: 'artícle' }, 'contentType'),
    statementCase('65-character content type', { ...image, contentType: 'a'.repeat(65) }, 'contentType'),
    statementCase('upper-case hash', { ...image, contentHash: `sha256:${'AB'.repeat(32)}` }, 'contentHash'),
    statementCase('short hash', { ...image, contentHash: `sha256:${'ab'.repeat(31)}` }, 'contentHash'),
    statementCase('upper-case stamp id', { ...image, stampId: 'stmp_0123456789AB' }, 'stampId'),
    statementCase('lower-case PoY id', { ...image, createdBy: 'PoY #abcdef0' }, 'createdBy'),
    statementCase('time without milliseconds', { ...image, createdAt: '2026-04-07T12:00:00Z' }, 'createdAt'),
    statementCase(
      'time with an offset',
      { ...image, createdAt: '2026-04-07T12:00:00.000+00:00' },
      'createdAt',
    ),
  ];
}

function validStampCases() {
  return [
    stampCase({
      name: 'valid/spec-worked-example',
      why: "spec/stamps.md's example, signed by the server",
      signed: example,
      keyId: SPEC_EXAMPLE_JWK.kid,
      signature: exampleSignature,
      content: exampleContent,
      expected: { valid: true, mode: 'live' },
    }),
    stampCase({
      name: 'valid/by-hash',
      why: 'checked with the content hash instead of the content',
      signed: image,
      keyId: STAMP_KEY_A.kid,
      signature: imageSignature,
      contentHash: image.contentHash,
      expected: { valid: true, mode: 'live' },
    }),
    stampCase({
      name: 'valid/by-content',
      why: 'the content (UTF-8) hashed by the verifier',
      signed: image,
      keyId: STAMP_KEY_A.kid,
      signature: imageSignature,
      content: imageContent,
      expected: { valid: true, mode: 'live' },
    }),
    stampCase({
      name: 'valid/retired-key',
      why: 'an older stamp key, still published',
      signed: { ...image, stampId: 'stmp_b0b0b0b0b0b0', createdAt: '2026-03-01T08:00:00.000Z' },
      keyId: STAMP_KEY_B.kid,
      signature: signatureOf(STAMP_KEY_B, {
        ...image,
        stampId: 'stmp_b0b0b0b0b0b0',
        createdAt: '2026-03-01T08:00:00.000Z',
      }),
      content: imageContent,
      expected: { valid: true, mode: 'live' },
    }),
    stampCase({
      name: 'valid/sandbox-accepted',
      why: 'a test stamp, where sandbox stamps are accepted',
      signed: sandbox,
      keyId: STAMP_KEY_A.kid,
      signature: signatureOf(STAMP_KEY_A, sandbox),
      content: imageContent,
      acceptTest: true,
      expected: { valid: true, mode: 'test' },
    }),
  ];
}

function invalidStampCases() {
  return [
    stampCase({
      name: 'invalid/sandbox-stamp',
      why: 'a test stamp is never a real one',
      signed: sandbox,
      keyId: STAMP_KEY_A.kid,
      signature: signatureOf(STAMP_KEY_A, sandbox),
      content: imageContent,
      expected: { valid: false, reason: 'sandbox_stamp' },
    }),
    stampCase({
      name: 'invalid/changed-created-at',
      why: 'one millisecond later: one byte of the signed statement',
      signed: image,
      keyId: STAMP_KEY_A.kid,
      signature: imageSignature,
      content: imageContent,
      stampChanges: { createdAt: '2026-04-07T12:00:00.124Z' },
      expected: { valid: false, reason: 'invalid_signature' },
    }),
    stampCase({
      name: 'invalid/changed-content-byte',
      why: 'the content with one byte changed hashes to another statement',
      signed: image,
      keyId: STAMP_KEY_A.kid,
      signature: imageSignature,
      content: changeOneByte(imageContent, 'PNG', 'PNH'),
      expected: { valid: false, reason: 'invalid_signature' },
    }),
    stampCase({
      name: 'invalid/changed-created-by',
      why: 'claimed by another PoY identity',
      signed: image,
      keyId: STAMP_KEY_A.kid,
      signature: imageSignature,
      content: imageContent,
      stampChanges: { createdBy: 'PoY #ABCDEF1' },
      expected: { valid: false, reason: 'invalid_signature' },
    }),
    stampCase({
      name: 'invalid/changed-signature-byte',
      why: 'one character of the signature changed',
      signed: image,
      keyId: STAMP_KEY_A.kid,
      signature: flipLastSignatureCharacter(imageSignature),
      content: imageContent,
      expected: { valid: false, reason: 'invalid_signature' },
    }),
    stampCase({
      name: 'invalid/other-stamp-key',
      why: 'signed with key A, naming key B (a genuine stamp key, but not the signer)',
      signed: image,
      keyId: STAMP_KEY_B.kid,
      signature: imageSignature,
      content: imageContent,
      expected: { valid: false, reason: 'invalid_signature' },
    }),
    stampCase({
      name: 'invalid/unknown-format',
      why: 'a format this verifier does not know: unknown, not forged',
      signed: image,
      keyId: STAMP_KEY_A.kid,
      signature: imageSignature,
      content: imageContent,
      stampChanges: { format: 'poy-stamp/v2' },
      expected: { valid: false, reason: 'unknown_format' },
    }),
    stampCase({
      name: 'invalid/unknown-key',
      why: 'a stamp kid the JWKS lacks (refetch it once)',
      signed: image,
      keyId: 'poy-stamp-20260407-ffffffffffff',
      signature: imageSignature,
      content: imageContent,
      expected: { valid: false, reason: 'unknown_key' },
    }),
    stampCase({
      name: 'invalid/session-key',
      why: 'a session key (in the JWKS) never verifies a stamp',
      signed: image,
      keyId: SESSION_KEY.kid,
      signature: signatureOf(SESSION_KEY, image),
      content: imageContent,
      expected: { valid: false, reason: 'wrong_key_purpose' },
    }),
    stampCase({
      name: 'invalid/der-signature',
      why: 'the right signature in DER, not P1363',
      signed: image,
      keyId: STAMP_KEY_A.kid,
      signature: `ecdsa:${der.toString('base64url')}`,
      content: imageContent,
      expected: { valid: false, reason: 'malformed' },
    }),
    stampCase({
      name: 'invalid/line-feed-in-content-type',
      why: 'a field that breaks its rule cannot be encoded',
      signed: image,
      keyId: STAMP_KEY_A.kid,
      signature: imageSignature,
      content: imageContent,
      stampChanges: { contentType: 'image/png\nPoY #ABCDEF0' },
      expected: { valid: false, reason: 'malformed' },
    }),
  ];
}

export function stampVectors() {
  return {
    about:
      'Content stamps, format poy-stamp/v1 (spec/stamps.md). `statements`: the exact signed bytes of a statement (`bytesHex`), or the field that breaks its rule (`invalidField`: encoders refuse it). `stamps`: `signed` is the statement a signature was made over (with its bytes); `stamp` is what a verifier is given, with the content or its hash; verified against `jwks` (accepting sandbox stamps only when `acceptTest`), `expected` is the answer.',
    generatedBy: 'spec/test-vectors/generate.ts',
    jwks: {
      keys: [SPEC_EXAMPLE_JWK, publicJwk(STAMP_KEY_A), publicJwk(STAMP_KEY_B), publicJwk(SESSION_KEY)],
    },
    statements: statementCases(),
    stamps: [...validStampCases(), ...invalidStampCases()],
  };
}
