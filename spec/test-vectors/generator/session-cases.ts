// session-tokens.json: poy_sess_ tokens (compact JWS, ES256) signed with the test keys.
import {
  derOf,
  es256,
  flipLastSignatureCharacter,
  publicJwk,
  ROGUE_KEY,
  SESSION_KEY,
  STAMP_KEY_A,
  type TestKey,
} from './signing.ts';
import { T } from './vector-values.ts';

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

function validSessionCases() {
  return [
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
  ];
}

function claimFailureCases() {
  return [
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
  ];
}

function tokenFailureCases() {
  return [
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
  ];
}

export function sessionVectors() {
  return {
    about:
      "Session tokens (docs/api.md §5; spec/stamps.md, last section): `poy_sess_` + compact JWS, ES256, header {alg, kid, typ: poy-session+jwt}. Each case is verified against `jwks` (or the case's own `jwks`) with the expectations in `expect` (`now` in Unix seconds; issuer, audience, projectId, mode and clockToleranceSeconds only when given). `signed`, when present, is the header and claims the token's first two parts encode (JSON.stringify, then base64url). `expected.reason` `not_yet_valid` (an nbf in the future) is reported as `malformed` by verifiers limited to the API's reasons (POST /api/poy/sessions/verify, the Python SDK).",
    generatedBy: 'spec/test-vectors/generate.ts',
    jwks: { keys: [publicJwk(SESSION_KEY), publicJwk(STAMP_KEY_A)] },
    cases: [...validSessionCases(), ...claimFailureCases(), ...tokenFailureCases()],
  };
}
