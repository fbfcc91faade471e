// Writes the shared test vectors (webhook-signatures.json, stamps.json, session-tokens.json) and their
// SHA256SUMS. The server, the TypeScript SDK and the Python SDK all run them; any implementation of
// these formats can. This script builds every byte from the specification with node:crypto alone, not
// with the code under test, so the vectors are a second, independent statement of the formats.
// Deterministic: fixed keys, secrets and times. ECDSA signatures are randomized, so a signature already
// in the committed files is reused when it still verifies over the same bytes with the same key; running
// the script again rewrites the same files. `--check` compares instead of writing (exit 1 on a
// difference): packages/wire's tests run it.
//   node --import tsx spec/test-vectors/generate.ts [--check]
// The private keys below are test keys, published on purpose; nothing else uses them.
import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const FILES = ['webhook-signatures.json', 'stamps.json', 'session-tokens.json'] as const;

// --- keys ----------------------------------------------------------------------------------------

interface TestKey {
  kid: string;
  d: string;
  x: string;
  y: string;
}

const STAMP_KEY_A: TestKey = {
  kid: 'poy-stamp-20260407-a1a1a1a1a1a1',
  d: 'aTc7lqZGecpm5YLC9mwBX42_gia1paXwALFbfMb3xZI',
  x: '9HUNAqTT0x63kpUKXO08agdp-OHoxbonXLVT0C8Katg',
  y: 'bCCrwxenRwQ55mz56rePgxeY9Hx0NOwttz7aqEHi63o',
};
const STAMP_KEY_B: TestKey = {
  kid: 'poy-stamp-20260301-b2b2b2b2b2b2',
  d: 'G-TGM_B3tTt8zfNPVPS2oepcBWwnqqBph-DJb80iWkU',
  x: '_kRiVCI2YyxpsjbI132x9bk_WWgk5v8NdugmGz95eKA',
  y: 'TzXyFKAf9WV0671sF88SPzf6KwhYGzH-OhOYhEhJYRM',
};
const SESSION_KEY: TestKey = {
  kid: 'poy-session-20260407-5e5510000001',
  d: 'H_ulZXxpcFWpjvBEwFGvkr9HWKpB--rvJbW6xkN_PgE',
  x: 'LNGrL0DjX0c_w0innqZvHHsc9Gz9XggJT14DcCsaias',
  y: 'wlziNBjUyAodoy81swZqSwd7qrR_8eX53bzXIsnL6Z4',
};
/** Not in any JWKS: signs under SESSION_KEY's kid to make a forgery. */
const ROGUE_KEY: TestKey = {
  kid: SESSION_KEY.kid,
  d: 'RSB896rbKjNYdV05-jMcJJUKZ-ttXRgyUlHI4do9Wjo',
  x: '-aeQs4OPmWMPDz4Fr2AeS7zm4r5p-Ce1oo2wPJu8mLA',
  y: 'bklmJ6FOvtyDZxDcQ0Q3PugMMBt1GLUrhU36-Ex36dM',
};
// spec/stamps.md, "Worked example": signed by the server's own code; its private key was thrown away.
const SPEC_EXAMPLE_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: '_fzNwSJgOpE7mR_5Z5CRj9rsgAgpuUG_R4wHEzY5b7o',
  y: 'xiGvpw6h_0rlK2jRT-2I01804vix_wdMfNpju5QGMhg',
  kid: 'poy-stamp-20260407-3e4555022522',
  alg: 'ES256',
  use: 'sig',
};
const SPEC_EXAMPLE_SIGNATURE =
  'ecdsa:rzm5PITCsTzS5w3YiIO24msYhxEw7ena7CPskNmsNUDL3o5EbtbxJZprlJzeyQaFWwd-cht-FX_h6zt7Hkn3-A';

function publicJwk(key: TestKey) {
  return { kty: 'EC', crv: 'P-256', x: key.x, y: key.y, kid: key.kid, alg: 'ES256', use: 'sig' };
}

function privateKeyOf(key: TestKey): KeyObject {
  return createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x: key.x, y: key.y, d: key.d }, format: 'jwk' });
}

function publicKeyOf(key: TestKey): KeyObject {
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: key.x, y: key.y }, format: 'jwk' });
}

// --- ECDSA signatures, fixed once made -------------------------------------------------------------

/** Every 64-byte string in the committed vectors that could be a P1363 signature (base64url). */
function committedSignatures(): Buffer[] {
  const found: Buffer[] = [];
  for (const file of FILES) {
    const path = join(DIR, file);
    if (!existsSync(path)) continue;
    for (const match of readFileSync(path, 'utf8').matchAll(/[A-Za-z0-9_-]{86}/g)) {
      const bytes = Buffer.from(match[0], 'base64url');
      if (bytes.length === 64) found.push(bytes);
    }
  }
  return found;
}

const previous = committedSignatures();

const made = new Map<string, Buffer>();

/** ES256 (P1363) over `data`: the same one for the same key and bytes, and a committed one when one verifies. */
function es256(key: TestKey, data: Buffer): Buffer {
  const id = `${key.x}.${key.y}:${data.toString('hex')}`;
  const known = made.get(id);
  if (known) return known;
  const publicKey = publicKeyOf(key);
  const signature =
    previous.find((candidate) =>
      verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, candidate),
    ) ?? sign('sha256', data, { key: privateKeyOf(key), dsaEncoding: 'ieee-p1363' });
  made.set(id, signature);
  return signature;
}

// --- helpers -------------------------------------------------------------------------------------

/** 2026-04-07T12:00:00Z. */
const T = 1_775_563_200;

function derived(label: string, bytes: number): Buffer {
  return createHash('sha256').update(`poy test vectors: ${label}`).digest().subarray(0, bytes);
}

function secret(label: string): string {
  return `whsec_${derived(label, 24).toString('base64')}`;
}

function hmacHex(key: string, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('hex');
}

function standardSignature(secretValue: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secretValue.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64')}`;
}

/** One byte of `text` changed (an ASCII digit or letter, so the text stays the same length). */
function changeOneByte(text: string, at: string, to: string): string {
  const index = text.indexOf(at);
  if (index < 0 || at.length !== to.length) throw new Error(`cannot change ${at} in ${text}`);
  return `${text.slice(0, index)}${to}${text.slice(index + at.length)}`;
}

/** The same ECDSA signature in DER (ASN.1 SEQUENCE of two INTEGERs), which is not the format. */
function derOf(signatureP1363: Buffer): Buffer {
  const integer = (bytes: Buffer) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const value = bytes.subarray(start);
    const padded = (value[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value;
    return Buffer.concat([Buffer.from([0x02, padded.length]), padded]);
  };
  const body = Buffer.concat([integer(signatureP1363.subarray(0, 32)), integer(signatureP1363.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

function flipLastSignatureCharacter(signature: string): string {
  const last = signature.at(-2) === 'A' ? 'B' : 'A';
  // The second-last character: base64url's last one may carry padding bits that do not count.
  return `${signature.slice(0, -2)}${last}${signature.slice(-1)}`;
}

// --- webhook signatures --------------------------------------------------------------------------

const SECRET_A = secret('secret A');
const SECRET_A_NEXT = secret('secret A, after a rotation');
const SECRET_C = secret('an unrelated secret');
const POY_BODY =
  '{"event":"user.verified","timestamp":"2026-04-07T12:00:00.000Z","data":{"userId":"usr_abc123","poyId":"PoY #00482A1","trustScore":94}}';
const UTF8_BODY =
  '{"event":"webhook.test","timestamp":"2026-04-07T12:00:00.000Z","data":{"endpointId":"we_3f9c1a7e5b2d","note":"héllo ✓ 日本"}}';
const CONNECT_BODY =
  '{"transaction_id":"ewh:7d0e8a2c-4b1f-4e5a-9c3d-2f6b8e1a0c47","user_id":"bcu_9f8e7d6c5b4a","reference_user_id":"usr_abc123","type":"USER_VERIFICATION_COMPLETED","payload":{"simple_data_request_response":{"type":"GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID","humanness_score":94,"unique_human_id":"uh_5e4d3c2b1a09","uniqueness_region_id":null}},"created_at":"2026-04-07T12:00:00.000Z"}';

interface Sent {
  surface: 'poy' | 'connect';
  secrets: { current: string; previous: string | null };
  webhookId: string;
  timestamp: number;
  body: string;
}

function sentHeaders(sent: Sent): Record<string, string> {
  const secrets = [sent.secrets.current, ...(sent.secrets.previous === null ? [] : [sent.secrets.previous])];
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'POY-Webhooks/1',
    'webhook-id': sent.webhookId,
    'webhook-timestamp': String(sent.timestamp),
    'webhook-signature': secrets
      .map((value) => standardSignature(value, sent.webhookId, sent.timestamp, sent.body))
      .join(' '),
  };
  if (sent.surface === 'connect')
    headers['x-hub-signature-256'] = `sha256=${hmacHex(sent.secrets.current, sent.body)}`;
  else headers['x-poy-signature'] = hmacHex(sent.secrets.current, sent.body);
  return headers;
}

type Scheme = 'poy' | 'connect' | 'standard';
const SCHEME_HEADERS: Record<Scheme, string[]> = {
  poy: ['x-poy-signature'],
  connect: ['x-hub-signature-256'],
  standard: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
};

function webhookCase(input: {
  name: string;
  why: string;
  scheme: Scheme;
  sent: Sent;
  valid: boolean;
  receivedBody?: string;
  headerChanges?: Record<string, string>;
  receiver?: { secret?: string; now?: number; toleranceSeconds?: number };
}) {
  const headers = sentHeaders(input.sent);
  const received: Record<string, string> = {};
  for (const name of SCHEME_HEADERS[input.scheme]) received[name] = headers[name] ?? '';
  Object.assign(received, input.headerChanges ?? {});
  return {
    name: input.name,
    why: input.why,
    scheme: input.scheme,
    sent: input.sent,
    sentHeaders: headers,
    received: { body: input.receivedBody ?? input.sent.body, headers: received },
    receiver: {
      secret: input.receiver?.secret ?? input.sent.secrets.current,
      now: input.receiver?.now ?? input.sent.timestamp,
      toleranceSeconds: input.receiver?.toleranceSeconds ?? 300,
    },
    valid: input.valid,
  };
}

function webhookVectors() {
  const poy: Sent = {
    surface: 'poy',
    secrets: { current: SECRET_A, previous: null },
    webhookId: 'msg_2b7tcyq2x9w4',
    timestamp: T,
    body: POY_BODY,
  };
  const connect: Sent = { ...poy, surface: 'connect', webhookId: 'msg_8c1d4e7f0a3b', body: CONNECT_BODY };
  const rotated: Sent = { ...poy, secrets: { current: SECRET_A_NEXT, previous: SECRET_A } };
  const poyHex = hmacHex(SECRET_A, POY_BODY);
  const goodStandard = standardSignature(SECRET_A, poy.webhookId, T, POY_BODY);
  const unknownVersion = `v2,${derived('a v2 signature', 32).toString('base64')}`;
  const changedPoyBody = changeOneByte(POY_BODY, '"trustScore":94', '"trustScore":95');
  return {
    about:
      'Webhook signatures (docs/api.md §4, §6, §7). `sent` is what POY signed and `sentHeaders` every header it sends for it; `received` is what a receiver got, checked with `receiver.secret` at `receiver.now` (Unix seconds) under `scheme`: `poy` = X-POY-Signature (hex HMAC-SHA256 of the body, key = the secret string), `connect` = X-Hub-Signature-256 (`sha256=` + the same), `standard` = Standard Webhooks (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, key = base64-decoded part after `whsec_`; unknown versions skipped; |now - timestamp| <= toleranceSeconds). `valid` is the expected answer.',
    generatedBy: 'spec/test-vectors/generate.ts',
    cases: [
      webhookCase({ name: 'poy/valid', why: 'as sent', scheme: 'poy', sent: poy, valid: true }),
      webhookCase({
        name: 'poy/valid-utf8-body',
        why: 'the body is UTF-8 bytes, non-ASCII included',
        scheme: 'poy',
        sent: { ...poy, body: UTF8_BODY },
        valid: true,
      }),
      webhookCase({
        name: 'poy/wrong-secret',
        why: 'checked with another secret',
        scheme: 'poy',
        sent: poy,
        receiver: { secret: SECRET_C },
        valid: false,
      }),
      webhookCase({
        name: 'poy/changed-body-byte',
        why: 'one byte of the body changed (94 -> 95)',
        scheme: 'poy',
        sent: poy,
        receivedBody: changedPoyBody,
        valid: false,
      }),
      webhookCase({
        name: 'poy/truncated-signature',
        why: 'the last byte of the MAC is missing',
        scheme: 'poy',
        sent: poy,
        headerChanges: { 'x-poy-signature': poyHex.slice(0, -2) },
        valid: false,
      }),
      webhookCase({ name: 'connect/valid', why: 'as sent', scheme: 'connect', sent: connect, valid: true }),
      webhookCase({
        name: 'connect/missing-prefix',
        why: 'the bare hex without `sha256=`',
        scheme: 'connect',
        sent: connect,
        headerChanges: { 'x-hub-signature-256': hmacHex(SECRET_A, CONNECT_BODY) },
        valid: false,
      }),
      webhookCase({
        name: 'connect/wrong-secret',
        why: 'checked with another secret',
        scheme: 'connect',
        sent: connect,
        receiver: { secret: SECRET_C },
        valid: false,
      }),
      webhookCase({
        name: 'connect/changed-body-byte',
        why: 'one byte of the body changed (94 -> 93)',
        scheme: 'connect',
        sent: connect,
        receivedBody: changeOneByte(CONNECT_BODY, '"humanness_score":94', '"humanness_score":93'),
        valid: false,
      }),
      webhookCase({ name: 'standard/valid', why: 'as sent', scheme: 'standard', sent: poy, valid: true }),
      webhookCase({
        name: 'standard/valid-connect-delivery',
        why: 'Connect deliveries carry the same Standard Webhooks headers',
        scheme: 'standard',
        sent: connect,
        valid: true,
      }),
      webhookCase({
        name: 'standard/valid-utf8-body',
        why: 'the body is UTF-8 bytes, non-ASCII included',
        scheme: 'standard',
        sent: { ...poy, body: UTF8_BODY },
        valid: true,
      }),
      webhookCase({
        name: 'standard/rotation-new-secret',
        why: 'during the 24 h after a rotation both secrets sign; the new one verifies',
        scheme: 'standard',
        sent: rotated,
        receiver: { secret: SECRET_A_NEXT },
        valid: true,
      }),
      webhookCase({
        name: 'standard/rotation-previous-secret',
        why: 'during the 24 h after a rotation both secrets sign; the previous one verifies (second signature)',
        scheme: 'standard',
        sent: rotated,
        receiver: { secret: SECRET_A },
        valid: true,
      }),
      webhookCase({
        name: 'standard/rotation-other-secret',
        why: 'neither of the two signatures is made with this secret',
        scheme: 'standard',
        sent: rotated,
        receiver: { secret: SECRET_C },
        valid: false,
      }),
      webhookCase({
        name: 'standard/unknown-version-skipped',
        why: 'a signature of an unknown version comes first and is skipped; the v1 one matches',
        scheme: 'standard',
        sent: poy,
        headerChanges: { 'webhook-signature': `${unknownVersion} ${goodStandard}` },
        valid: true,
      }),
      webhookCase({
        name: 'standard/valid-mac-under-unknown-version',
        why: 'the right MAC, labelled v2: versions other than v1 are never trusted',
        scheme: 'standard',
        sent: poy,
        headerChanges: { 'webhook-signature': goodStandard.replace(/^v1,/, 'v2,') },
        valid: false,
      }),
      webhookCase({
        name: 'standard/tolerance-edge-past',
        why: 'received exactly 300 s after the timestamp',
        scheme: 'standard',
        sent: poy,
        receiver: { now: T + 300 },
        valid: true,
      }),
      webhookCase({
        name: 'standard/tolerance-edge-future',
        why: 'the receiver clock is exactly 300 s behind',
        scheme: 'standard',
        sent: poy,
        receiver: { now: T - 300 },
        valid: true,
      }),
      webhookCase({
        name: 'standard/too-old',
        why: 'received 301 s after the timestamp (a replay)',
        scheme: 'standard',
        sent: poy,
        receiver: { now: T + 301 },
        valid: false,
      }),
      webhookCase({
        name: 'standard/too-far-in-the-future',
        why: 'the timestamp is 301 s ahead of the receiver clock',
        scheme: 'standard',
        sent: poy,
        receiver: { now: T - 301 },
        valid: false,
      }),
      webhookCase({
        name: 'standard/wider-tolerance',
        why: 'an hour old, with a tolerance of an hour',
        scheme: 'standard',
        sent: poy,
        receiver: { now: T + 3600, toleranceSeconds: 3600 },
        valid: true,
      }),
      webhookCase({
        name: 'standard/changed-body-byte',
        why: 'one byte of the body changed (94 -> 95)',
        scheme: 'standard',
        sent: poy,
        receivedBody: changedPoyBody,
        valid: false,
      }),
      webhookCase({
        name: 'standard/changed-webhook-id',
        why: 'another webhook-id',
        scheme: 'standard',
        sent: poy,
        headerChanges: { 'webhook-id': 'msg_2b7tcyq2x9w5' },
        valid: false,
      }),
      webhookCase({
        name: 'standard/changed-timestamp',
        why: 'webhook-timestamp one second later (still within tolerance): it is signed',
        scheme: 'standard',
        sent: poy,
        headerChanges: { 'webhook-timestamp': String(T + 1) },
        receiver: { now: T + 1 },
        valid: false,
      }),
      webhookCase({
        name: 'standard/wrong-secret',
        why: 'checked with another secret',
        scheme: 'standard',
        sent: poy,
        receiver: { secret: SECRET_C },
        valid: false,
      }),
      webhookCase({
        name: 'standard/malformed-signature',
        why: 'not base64',
        scheme: 'standard',
        sent: poy,
        headerChanges: { 'webhook-signature': 'v1,***' },
        valid: false,
      }),
    ],
  };
}

// --- content stamps ------------------------------------------------------------------------------

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

function stampVectors() {
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
      input.content === undefined
        ? (input.contentHash ?? input.signed.contentHash)
        : sha256Hash(input.content);
    return {
      name: input.name,
      why: input.why,
      signed: { statement: input.signed, bytesHex: stampBytes(input.signed).toString('hex') },
      stamp,
      ...(input.content === undefined ? { contentHash } : { content: input.content }),
      acceptTest: input.acceptTest ?? false,
      expected: input.expected.valid
        ? { ...input.expected, keyId: input.keyId, contentHash }
        : input.expected,
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
  return {
    about:
      'Content stamps, format poy-stamp/v1 (spec/stamps.md). `statements`: the exact signed bytes of a statement (`bytesHex`), or the field that breaks its rule (`invalidField`: encoders refuse it). `stamps`: `signed` is the statement a signature was made over (with its bytes); `stamp` is what a verifier is given, with the content or its hash; verified against `jwks` (accepting sandbox stamps only when `acceptTest`), `expected` is the answer.',
    generatedBy: 'spec/test-vectors/generate.ts',
    jwks: {
      keys: [SPEC_EXAMPLE_JWK, publicJwk(STAMP_KEY_A), publicJwk(STAMP_KEY_B), publicJwk(SESSION_KEY)],
    },
    statements: [
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
      statementCase(
        'time without milliseconds',
        { ...image, createdAt: '2026-04-07T12:00:00Z' },
        'createdAt',
      ),
      statementCase(
        'time with an offset',
        { ...image, createdAt: '2026-04-07T12:00:00.000+00:00' },
        'createdAt',
      ),
    ],
    stamps: [
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
    ],
  };
}

// --- session tokens ------------------------------------------------------------------------------

const ISSUER = 'https://poy.example.com';
const PROJECT = { id: 'proj_aaaaaaaaaaaaaaaaaaaa', publicId: 'acme' };
const SESSION_HEADER = { alg: 'ES256', kid: SESSION_KEY.kid, typ: 'poy-session+jwt' };

function claimsOf(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISSUER,
    sub: 'usr_abc123',
    aud: PROJECT.publicId,
    poy_project: PROJECT.id,
    poy_mode: 'live',
    cred: 'cred_Zm9vYmFyYmF6',
    iat: T,
    exp: T + 3600,
    jti: 'k3Jq9m2xV8pQ1rT5wY7zAa',
    ...overrides,
  };
}

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function token(key: TestKey, header: object, claims: object): string {
  const input = `${segment(header)}.${segment(claims)}`;
  return `poy_sess_${input}.${es256(key, Buffer.from(input, 'ascii')).toString('base64url')}`;
}

function sessionVectors() {
  const good = token(SESSION_KEY, SESSION_HEADER, claimsOf());
  const [goodHeader = '', goodPayload = '', goodSignature = ''] = good.slice('poy_sess_'.length).split('.');
  const all = { issuer: ISSUER, audience: PROJECT.publicId, projectId: PROJECT.id, mode: 'live' };
  type Expect = {
    now: number;
    issuer?: string;
    audience?: string;
    projectId?: string;
    mode?: string;
    clockToleranceSeconds?: number;
  };
  const sessionCase = (input: {
    name: string;
    why: string;
    token: string;
    expect: Expect;
    signed?: { header: object; claims: object };
    jwks?: unknown;
    expected: { valid: true } | { valid: false; reason: string };
  }) => ({
    name: input.name,
    why: input.why,
    token: input.token,
    ...(input.signed === undefined ? {} : { signed: input.signed }),
    ...(input.jwks === undefined ? {} : { jwks: input.jwks }),
    expect: input.expect,
    expected: input.expected.valid
      ? { valid: true, claims: input.signed?.claims ?? claimsOf() }
      : input.expected,
  });
  const signedCase = (
    name: string,
    why: string,
    expect: Expect,
    claims: Record<string, unknown>,
    expected: { valid: true } | { valid: false; reason: string },
    header: object = SESSION_HEADER,
    key: TestKey = SESSION_KEY,
  ) =>
    sessionCase({
      name,
      why,
      token: token(key, header, claims),
      signed: { header, claims },
      expect,
      expected,
    });
  return {
    about:
      "Session tokens (docs/api.md §5; spec/stamps.md, last section): `poy_sess_` + compact JWS, ES256, header {alg, kid, typ: poy-session+jwt}. Each case is verified against `jwks` (or the case's own `jwks`) with the expectations in `expect` (`now` in Unix seconds; issuer, audience, projectId, mode and clockToleranceSeconds only when given). `signed`, when present, is the header and claims the token's first two parts encode (JSON.stringify, then base64url). `expected.reason` `not_yet_valid` (an nbf in the future) is reported as `malformed` by verifiers limited to the API's reasons (POST /api/poy/sessions/verify, the Python SDK).",
    generatedBy: 'spec/test-vectors/generate.ts',
    jwks: { keys: [publicJwk(SESSION_KEY), publicJwk(STAMP_KEY_A)] },
    cases: [
      signedCase(
        'valid/all-expectations',
        'as issued, every expectation met',
        { now: T + 60, ...all },
        claimsOf(),
        {
          valid: true,
        },
      ),
      signedCase(
        'valid/no-expectations',
        'only the signature and the time are checked',
        { now: T + 60 },
        claimsOf(),
        {
          valid: true,
        },
      ),
      signedCase('valid/last-second', 'one second before exp', { now: T + 3599, ...all }, claimsOf(), {
        valid: true,
      }),
      signedCase(
        'valid/test-mode',
        'a sandbox token, expected as such',
        { now: T + 60, ...all, mode: 'test' },
        claimsOf({ poy_mode: 'test' }),
        { valid: true },
      ),
      signedCase(
        'valid/within-clock-tolerance',
        '5 s after exp, with 10 s of tolerance',
        { now: T + 3605, ...all, clockToleranceSeconds: 10 },
        claimsOf(),
        { valid: true },
      ),
      signedCase(
        'invalid/expired-at-exp',
        'exp is the first second it is no longer valid',
        { now: T + 3600, ...all },
        claimsOf(),
        {
          valid: false,
          reason: 'expired',
        },
      ),
      signedCase(
        'invalid/expired-beyond-tolerance',
        '10 s after exp, with 10 s of tolerance',
        { now: T + 3610, ...all, clockToleranceSeconds: 10 },
        claimsOf(),
        { valid: false, reason: 'expired' },
      ),
      signedCase(
        'invalid/not-yet-valid',
        'nbf 10 minutes ahead',
        { now: T + 60, ...all },
        claimsOf({ nbf: T + 600 }),
        { valid: false, reason: 'not_yet_valid' },
      ),
      signedCase(
        'invalid/wrong-audience',
        "another project's public id",
        { now: T + 60, ...all, audience: 'globex' },
        claimsOf(),
        {
          valid: false,
          reason: 'wrong_audience',
        },
      ),
      signedCase(
        'invalid/wrong-project',
        'the same public id, another project id',
        { now: T + 60, ...all, projectId: 'proj_bbbbbbbbbbbbbbbbbbbb' },
        claimsOf(),
        { valid: false, reason: 'wrong_audience' },
      ),
      signedCase(
        'invalid/wrong-mode',
        'a live token where a test one is expected',
        { now: T + 60, ...all, mode: 'test' },
        claimsOf(),
        {
          valid: false,
          reason: 'wrong_audience',
        },
      ),
      signedCase(
        'invalid/wrong-issuer',
        'another deployment',
        { now: T + 60, ...all, issuer: 'https://other.example' },
        claimsOf(),
        { valid: false, reason: 'wrong_issuer' },
      ),
      signedCase(
        'invalid/wrong-alg',
        'alg ES384 in the header (signed with the ES256 key all the same): the algorithm is pinned',
        { now: T + 60, ...all },
        claimsOf(),
        { valid: false, reason: 'malformed' },
        { ...SESSION_HEADER, alg: 'ES384' },
      ),
      sessionCase({
        name: 'invalid/alg-none',
        why: 'unsigned',
        token: `poy_sess_${segment({ ...SESSION_HEADER, alg: 'none' })}.${goodPayload}.`,
        expect: { now: T + 60, ...all },
        expected: { valid: false, reason: 'malformed' },
      }),
      signedCase(
        'invalid/wrong-typ',
        'typ JWT: another kind of signed object',
        { now: T + 60, ...all },
        claimsOf(),
        { valid: false, reason: 'malformed' },
        { ...SESSION_HEADER, typ: 'JWT' },
      ),
      signedCase(
        'invalid/crit-header',
        'a critical extension nobody here understands',
        { now: T + 60, ...all },
        claimsOf(),
        { valid: false, reason: 'malformed' },
        { ...SESSION_HEADER, crit: ['exp'] },
      ),
      signedCase(
        'invalid/unknown-kid',
        'a session kid the JWKS lacks (refetch it once)',
        { now: T + 60, ...all },
        claimsOf(),
        { valid: false, reason: 'unknown_key' },
        { ...SESSION_HEADER, kid: 'poy-session-20260407-ffffffffffff' },
      ),
      signedCase(
        'invalid/stamp-key',
        'signed with a stamp key that is in the JWKS: never a session key',
        { now: T + 60, ...all },
        claimsOf(),
        { valid: false, reason: 'unknown_key' },
        { ...SESSION_HEADER, kid: STAMP_KEY_A.kid },
        STAMP_KEY_A,
      ),
      signedCase(
        'invalid/forged-with-another-key',
        "signed with a key that is not the session key, naming the session key's kid",
        { now: T + 60, ...all },
        claimsOf(),
        { valid: false, reason: 'invalid_signature' },
        SESSION_HEADER,
        ROGUE_KEY,
      ),
      sessionCase({
        name: 'invalid/changed-claims',
        why: 'sub changed, signature kept',
        token: `poy_sess_${goodHeader}.${segment(claimsOf({ sub: 'usr_admin' }))}.${goodSignature}`,
        expect: { now: T + 60, ...all },
        expected: { valid: false, reason: 'invalid_signature' },
      }),
      sessionCase({
        name: 'invalid/changed-signature-byte',
        why: 'one character of the signature changed',
        token: `poy_sess_${goodHeader}.${goodPayload}.${flipLastSignatureCharacter(goodSignature)}`,
        expect: { now: T + 60, ...all },
        expected: { valid: false, reason: 'invalid_signature' },
      }),
      sessionCase({
        name: 'invalid/der-signature',
        why: 'a valid ES256 signature in DER, not P1363 (JWS)',
        token: `poy_sess_${goodHeader}.${goodPayload}.${derOf(Buffer.from(goodSignature, 'base64url')).toString('base64url')}`,
        expect: { now: T + 60, ...all },
        expected: { valid: false, reason: 'invalid_signature' },
      }),
      sessionCase({
        name: 'invalid/missing-prefix',
        why: 'the JWS without poy_sess_',
        token: good.slice('poy_sess_'.length),
        expect: { now: T + 60, ...all },
        expected: { valid: false, reason: 'malformed' },
      }),
      signedCase(
        'invalid/missing-jti',
        'a required claim is missing',
        { now: T + 60, ...all },
        Object.fromEntries(Object.entries(claimsOf()).filter(([name]) => name !== 'jti')),
        { valid: false, reason: 'malformed' },
      ),
      signedCase(
        'invalid/fractional-iat',
        'times are whole seconds',
        { now: T + 60, ...all },
        claimsOf({ iat: T + 0.5 }),
        { valid: false, reason: 'malformed' },
      ),
      sessionCase({
        name: 'invalid/not-a-jwks',
        why: 'the key set given is not a JWKS',
        token: good,
        jwks: { nope: true },
        expect: { now: T + 60, ...all },
        expected: { valid: false, reason: 'malformed' },
      }),
    ],
  };
}

// --- output --------------------------------------------------------------------------------------

const outputs: Record<(typeof FILES)[number], unknown> = {
  'webhook-signatures.json': webhookVectors(),
  'stamps.json': stampVectors(),
  'session-tokens.json': sessionVectors(),
};
const texts = new Map<string, string>();
for (const file of FILES) texts.set(file, `${JSON.stringify(outputs[file], null, 2)}\n`);
const sums = FILES.map((file) => {
  const text = texts.get(file) ?? '';
  return `${createHash('sha256').update(text, 'utf8').digest('hex')}  ${file}\n`;
}).join('');
texts.set('SHA256SUMS', sums);

if (process.argv.includes('--check')) {
  const stale = [...texts].filter(([file, text]) => {
    const path = join(DIR, file);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text;
  });
  for (const [file] of stale)
    process.stderr.write(`spec/test-vectors/${file} is not what generate.ts writes\n`);
  process.exit(stale.length === 0 ? 0 : 1);
}
for (const [file, text] of texts) writeFileSync(join(DIR, file), text);
process.stdout.write(`Wrote ${[...texts.keys()].join(', ')} in spec/test-vectors/.\n`);
