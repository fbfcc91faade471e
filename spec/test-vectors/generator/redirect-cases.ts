// redirect-results.json: `poy_result` tokens (compact JWS, ES256, typ poy-result+jwt) signed with the
// test keys, as the hosted flow appends them to a business's redirect_url.
import {
  derOf,
  es256,
  flipLastSignatureCharacter,
  publicJwk,
  REDIRECT_KEY,
  ROGUE_KEY,
  SESSION_KEY,
  type TestKey,
} from './signing.ts';
import { T } from './vector-values.ts';

const ISSUER = 'https://poy.example.com';
const PROJECT_ID = 'proj_aaaaaaaaaaaaaaaaaaaa';
const HEADER = { alg: 'ES256', kid: REDIRECT_KEY.kid, typ: 'poy-result+jwt' };
const TTL_SECONDS = 600;

function claimsOf(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISSUER,
    aud: PROJECT_ID,
    sub: 'bcu_00000000000000000042',
    reference_user_id: 'customer-42',
    poy_mode: 'live',
    status: 'VERIFIED',
    nonce: 'Qm9uY2UtMDAwMDAwMDAwMQ',
    iat: T,
    exp: T + TTL_SECONDS,
    ...overrides,
  };
}

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function token(key: TestKey, header: object, claims: object): string {
  const input = `${segment(header)}.${segment(claims)}`;
  return `${input}.${es256(key, Buffer.from(input, 'ascii')).toString('base64url')}`;
}

/** One character of a base64url segment changed, away from its ends (the last may hold padding bits). */
function changeMiddleCharacter(text: string): string {
  const at = Math.floor(text.length / 2);
  const to = text[at] === 'A' ? 'B' : 'A';
  return `${text.slice(0, at)}${to}${text.slice(at + 1)}`;
}

const good = token(REDIRECT_KEY, HEADER, claimsOf());
const [goodHeader = '', goodPayload = '', goodSignature = ''] = good.split('.');
const all = { projectId: PROJECT_ID, issuer: ISSUER, mode: 'live' };
type Expect = {
  now: number;
  projectId: string;
  issuer?: string;
  mode?: string;
  clockToleranceSeconds?: number;
};
type Expected = { valid: true } | { valid: false; reason: string };

const rawCase = (input: {
  name: string;
  why: string;
  token: string;
  expect: Expect;
  signed?: { header: object; claims: object };
  jwks?: unknown;
  expected: Expected;
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
  expected: Expected,
  header: object = HEADER,
  key: TestKey = REDIRECT_KEY,
) => rawCase({ name, why, token: token(key, header, claims), signed: { header, claims }, expect, expected });

function validCases() {
  return [
    signedCase(
      'valid/all-expectations',
      'as minted, every expectation met',
      { now: T + 5, ...all },
      claimsOf(),
      {
        valid: true,
      },
    ),
    signedCase(
      'valid/project-only',
      'only the project (required), the signature and the time are checked',
      { now: T + 5, projectId: PROJECT_ID },
      claimsOf(),
      { valid: true },
    ),
    signedCase(
      'valid/unfulfillable',
      'a failed verification is a valid result too: the status says so',
      { now: T + 5, ...all },
      claimsOf({ status: 'UNFULFILLABLE' }),
      { valid: true },
    ),
    signedCase(
      'valid/sandbox',
      'a test-mode result, expected as such',
      { now: T + 5, ...all, mode: 'test' },
      claimsOf({ poy_mode: 'test' }),
      { valid: true },
    ),
    signedCase(
      'valid/last-second',
      'one second before exp',
      { now: T + TTL_SECONDS - 1, ...all },
      claimsOf(),
      {
        valid: true,
      },
    ),
    signedCase(
      'valid/within-clock-tolerance',
      '5 s after exp, with 10 s of tolerance',
      { now: T + TTL_SECONDS + 5, ...all, clockToleranceSeconds: 10 },
      claimsOf(),
      { valid: true },
    ),
  ];
}

function claimFailureCases() {
  return [
    signedCase(
      'invalid/expired',
      'exp is the first second it is no longer valid',
      { now: T + TTL_SECONDS, ...all },
      claimsOf(),
      {
        valid: false,
        reason: 'expired',
      },
    ),
    signedCase(
      'invalid/expired-long-ago',
      'a link from yesterday, replayed from history',
      { now: T + 86_400, ...all },
      claimsOf(),
      { valid: false, reason: 'expired' },
    ),
    signedCase(
      'invalid/wrong-audience',
      "another project's result",
      { now: T + 5, ...all, projectId: 'proj_bbbbbbbbbbbbbbbbbbbb' },
      claimsOf(),
      { valid: false, reason: 'wrong_audience' },
    ),
    signedCase(
      'invalid/wrong-mode',
      'a sandbox result where a live one is expected',
      { now: T + 5, ...all },
      claimsOf({ poy_mode: 'test' }),
      { valid: false, reason: 'wrong_audience' },
    ),
    signedCase(
      'invalid/wrong-issuer',
      'another deployment',
      { now: T + 5, ...all, issuer: 'https://other.example' },
      claimsOf(),
      { valid: false, reason: 'wrong_issuer' },
    ),
    signedCase(
      'invalid/unknown-status',
      'a status that is not one of the outcomes',
      { now: T + 5, ...all },
      claimsOf({ status: 'PENDING' }),
      { valid: false, reason: 'malformed' },
    ),
    signedCase(
      'invalid/missing-nonce',
      'a required claim is missing',
      { now: T + 5, ...all },
      Object.fromEntries(Object.entries(claimsOf()).filter(([name]) => name !== 'nonce')),
      { valid: false, reason: 'malformed' },
    ),
  ];
}

function tokenFailureCases() {
  return [
    signedCase(
      'invalid/wrong-typ',
      'typ poy-session+jwt: another kind of signed object',
      { now: T + 5, ...all },
      claimsOf(),
      { valid: false, reason: 'wrong_type' },
      { ...HEADER, typ: 'poy-session+jwt' },
    ),
    signedCase(
      'invalid/wrong-alg',
      'alg ES384 in the header (signed with the ES256 key all the same): the algorithm is pinned',
      { now: T + 5, ...all },
      claimsOf(),
      { valid: false, reason: 'malformed' },
      { ...HEADER, alg: 'ES384' },
    ),
    rawCase({
      name: 'invalid/alg-none',
      why: 'unsigned',
      token: `${segment({ ...HEADER, alg: 'none' })}.${goodPayload}.`,
      expect: { now: T + 5, ...all },
      expected: { valid: false, reason: 'malformed' },
    }),
    signedCase(
      'invalid/unknown-kid',
      'a redirect kid the JWKS lacks (refetch it once)',
      { now: T + 5, ...all },
      claimsOf(),
      { valid: false, reason: 'unknown_key' },
      { ...HEADER, kid: 'poy-redirect-20260407-ffffffffffff' },
    ),
    signedCase(
      'invalid/session-key',
      'signed with a session key that is in the JWKS: never a redirect key',
      { now: T + 5, ...all },
      claimsOf(),
      { valid: false, reason: 'unknown_key' },
      { ...HEADER, kid: SESSION_KEY.kid },
      SESSION_KEY,
    ),
    signedCase(
      'invalid/forged-with-another-key',
      "signed with a key that is not the redirect key, naming the redirect key's kid",
      { now: T + 5, ...all },
      claimsOf(),
      { valid: false, reason: 'invalid_signature' },
      HEADER,
      ROGUE_KEY,
    ),
    rawCase({
      name: 'invalid/changed-payload-byte',
      why: 'one character of the payload changed, signature kept',
      token: `${goodHeader}.${changeMiddleCharacter(goodPayload)}.${goodSignature}`,
      expect: { now: T + 5, ...all },
      expected: { valid: false, reason: 'invalid_signature' },
    }),
    rawCase({
      name: 'invalid/changed-claims',
      why: 'status UNFULFILLABLE rewritten to VERIFIED, signature kept',
      token: (() => {
        const failed = token(REDIRECT_KEY, HEADER, claimsOf({ status: 'UNFULFILLABLE' }));
        const [header = '', , signature = ''] = failed.split('.');
        return `${header}.${segment(claimsOf())}.${signature}`;
      })(),
      expect: { now: T + 5, ...all },
      expected: { valid: false, reason: 'invalid_signature' },
    }),
    rawCase({
      name: 'invalid/changed-signature-byte',
      why: 'one character of the signature changed',
      token: `${goodHeader}.${goodPayload}.${flipLastSignatureCharacter(goodSignature)}`,
      expect: { now: T + 5, ...all },
      expected: { valid: false, reason: 'invalid_signature' },
    }),
    rawCase({
      name: 'invalid/der-signature',
      why: 'a valid ES256 signature in DER, not P1363 (JWS)',
      token: `${goodHeader}.${goodPayload}.${derOf(Buffer.from(goodSignature, 'base64url')).toString('base64url')}`,
      expect: { now: T + 5, ...all },
      expected: { valid: false, reason: 'invalid_signature' },
    }),
    rawCase({
      name: 'invalid/two-parts',
      why: 'not a compact JWS',
      token: `${goodHeader}.${goodPayload}`,
      expect: { now: T + 5, ...all },
      expected: { valid: false, reason: 'malformed' },
    }),
    rawCase({
      name: 'invalid/not-a-jwks',
      why: 'the key set given is not a JWKS',
      token: good,
      jwks: { nope: true },
      expect: { now: T + 5, ...all },
      expected: { valid: false, reason: 'malformed' },
    }),
  ];
}

export function redirectVectors() {
  return {
    about:
      "Redirect results (docs/api.md §8): the `poy_result` query parameter of the hosted flow's final redirect, a compact JWS, ES256, header {alg, kid, typ: poy-result+jwt}, kid of a poy-redirect- key; claims iss, aud (the POY project id), sub (Connect user_id), reference_user_id, poy_mode, status, nonce, iat, exp (iat + 600). Each case is verified against `jwks` (or the case's own `jwks`) with the expectations in `expect` (`now` in Unix seconds; `projectId` always; issuer, mode and clockToleranceSeconds only when given). `signed`, when present, is the header and claims the token's first two parts encode (JSON.stringify, then base64url).",
    generatedBy: 'spec/test-vectors/generate.ts',
    jwks: { keys: [publicJwk(REDIRECT_KEY), publicJwk(SESSION_KEY)] },
    cases: [...validCases(), ...claimFailureCases(), ...tokenFailureCases()],
  };
}
