// Taking session tokens apart and checking their claims; a token written by the wire's encoder verifies
// with node:crypto, as one from the server does.
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  assembleSessionToken,
  checkSessionClaims,
  readSessionToken,
  type SessionClaims,
  sessionTokenSigningInput,
} from '../src/index.ts';

const IAT = 1_775_563_200;
const CLAIMS: SessionClaims = {
  iss: 'https://poy.example.com',
  sub: 'usr_abc123',
  aud: 'acme',
  poy_project: 'proj_a',
  poy_mode: 'live',
  cred: 'cred_1',
  iat: IAT,
  exp: IAT + 3600,
  jti: 'j1',
};
const KID = 'poy-session-20260407-000000000001';

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function payloadOf(claims: object): string {
  return segment(claims);
}

describe('session token format', () => {
  it('writes poy_sess_ + header.claims.signature, and reads it back', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const input = sessionTokenSigningInput(KID, CLAIMS);
    assert.equal(input.split('.')[0], segment({ alg: 'ES256', kid: KID, typ: 'poy-session+jwt' }));
    const token = assembleSessionToken(
      input,
      sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    );
    const read = readSessionToken(token);
    assert.ok(read.ok);
    assert.equal(read.kid, KID);
    assert.equal(Buffer.from(read.signingInput).toString('ascii'), input);
    assert.ok(
      verify('sha256', read.signingInput, { key: publicKey, dsaEncoding: 'ieee-p1363' }, read.signature),
    );
    assert.deepEqual(checkSessionClaims(read.payloadSegment, { now: new Date((IAT + 1) * 1000) }), {
      valid: true,
      claims: CLAIMS,
    });
    assert.throws(() => assembleSessionToken(input, new Uint8Array(70)));
  });

  it('refuses a token without the prefix, with a foreign header, or naming a key of another purpose', () => {
    const payload = payloadOf(CLAIMS);
    const header = { alg: 'ES256', kid: KID, typ: 'poy-session+jwt' };
    const token = (value: object, signature = 'AA') => `poy_sess_${segment(value)}.${payload}.${signature}`;
    assert.equal(readSessionToken(token(header)).ok, true);
    const refused: Array<[unknown, string]> = [
      [`${segment(header)}.${payload}.AA`, 'malformed'],
      ['poy_sess_a.b', 'malformed'],
      [42, 'malformed'],
      [token({ ...header, alg: 'none' }), 'malformed'],
      [token({ ...header, alg: 'HS256' }), 'malformed'],
      [token({ ...header, typ: 'JWT' }), 'malformed'],
      [token({ ...header, crit: ['exp'] }), 'malformed'],
      [token({ ...header, kid: 'poy-stamp-20260407-000000000001' }), 'unknown_key'],
      [token({ alg: 'ES256', typ: 'poy-session+jwt' }), 'unknown_key'],
    ];
    for (const [value, reason] of refused) {
      assert.deepEqual(readSessionToken(value), { ok: false, reason }, String(value));
    }
    // A signature segment that does not decode reads as an empty signature, which no verification accepts
    // (the token is refused as invalid_signature, as a tampered signature always was).
    const undecodable = readSessionToken(token(header, 'not base64url!'));
    assert.equal(undecodable.ok && undecodable.signature.length, 0);
  });

  it('checks exp and nbf against the clock, with the tolerance, then issuer, audience, project and mode', () => {
    const at = (seconds: number) => new Date(seconds * 1000);
    const payload = payloadOf(CLAIMS);
    assert.equal(checkSessionClaims(payload, { now: at(IAT + 3599) }).valid, true);
    assert.deepEqual(checkSessionClaims(payload, { now: at(IAT + 3600) }), {
      valid: false,
      reason: 'expired',
    });
    assert.equal(checkSessionClaims(payload, { now: at(IAT + 3600), clockToleranceSeconds: 1 }).valid, true);
    const early = payloadOf({ ...CLAIMS, nbf: IAT + 60 });
    assert.deepEqual(checkSessionClaims(early, { now: at(IAT) }), { valid: false, reason: 'not_yet_valid' });
    assert.equal(checkSessionClaims(early, { now: at(IAT), clockToleranceSeconds: 60 }).valid, true);
    const now = at(IAT + 1);
    const wrong: Array<[object, string]> = [
      [{ issuer: 'https://other.example' }, 'wrong_issuer'],
      [{ audience: 'globex' }, 'wrong_audience'],
      [{ projectId: 'proj_b' }, 'wrong_audience'],
      [{ mode: 'test' }, 'wrong_audience'],
    ];
    for (const [expectation, reason] of wrong) {
      assert.deepEqual(checkSessionClaims(payload, { now, ...expectation }), { valid: false, reason });
    }
    const array = payloadOf({ ...CLAIMS, aud: ['globex', 'acme'] });
    assert.equal(checkSessionClaims(array, { now, audience: 'acme' }).valid, true);
  });

  it('refuses claims of the wrong shape as malformed', () => {
    const now = new Date((IAT + 1) * 1000);
    const { jti: _jti, ...withoutJti } = CLAIMS;
    for (const claims of [
      withoutJti,
      { ...CLAIMS, iat: IAT + 0.5 },
      { ...CLAIMS, exp: String(IAT + 3600) },
      { ...CLAIMS, poy_mode: 'prod' },
      { ...CLAIMS, sub: '' },
      { ...CLAIMS, aud: [''] },
    ]) {
      assert.deepEqual(checkSessionClaims(payloadOf(claims), { now }), { valid: false, reason: 'malformed' });
    }
    assert.deepEqual(checkSessionClaims('not json', { now }), { valid: false, reason: 'malformed' });
  });
});
