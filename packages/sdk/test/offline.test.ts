// Offline verification: content stamps (spec/stamps.md worked example, and stamps
// signed here with node:crypto), session tokens and redirect results (compact JWS ES256 built with
// node:crypto).
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  hashContent,
  type OfflineStamp,
  stampStatementBytes,
  verifyRedirectResult,
  verifySessionTokenOffline,
  verifyStampOffline,
} from '../src/index.ts';
import { scriptedClient } from './helpers.ts';

// spec/stamps.md, "Worked example".
const EXAMPLE_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: '_fzNwSJgOpE7mR_5Z5CRj9rsgAgpuUG_R4wHEzY5b7o',
  y: 'xiGvpw6h_0rlK2jRT-2I01804vix_wdMfNpju5QGMhg',
  kid: 'poy-stamp-20260407-3e4555022522',
  alg: 'ES256',
  use: 'sig',
};
const EXAMPLE_STAMP: OfflineStamp = {
  stampId: 'stmp_7f8a9b0c1d2e',
  signature: 'ecdsa:rzm5PITCsTzS5w3YiIO24msYhxEw7ena7CPskNmsNUDL3o5EbtbxJZprlJzeyQaFWwd-cht-FX_h6zt7Hkn3-A',
  createdBy: 'PoY #00482A1',
  createdAt: '2026-04-07T12:30:00.000Z',
  keyId: 'poy-stamp-20260407-3e4555022522',
  format: 'poy-stamp/v1',
  contentType: 'article',
  content: 'Hello, world!',
};
const EXAMPLE_HASH = 'sha256:315f5bdb76d078c43b8ac0064e4a0164612b1fce77c869345bfc94c75894edd3';
const EXAMPLE_BYTES_HEX =
  '706f792d7374616d702f76310a6c6976650a73746d705f3766386139623063316432650a7368613235363a333135663562646237366430373863343362386163303036346534613031363436313262316663653737633836393334356266633934633735383934656464330a61727469636c650a506f592023303034383241310a323032362d30342d30375431323a33303a30302e3030305a0a';

function ecKey(kid: string): { privateKey: KeyObject; jwk: Record<string, string> } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const exported = publicKey.export({ format: 'jwk' });
  return {
    privateKey,
    jwk: {
      kty: 'EC',
      crv: 'P-256',
      x: String(exported.x),
      y: String(exported.y),
      kid,
      alg: 'ES256',
      use: 'sig',
    },
  };
}

describe('content stamps offline (spec/stamps.md)', () => {
  it('hashes content and rebuilds the worked example byte for byte', async () => {
    assert.equal(await hashContent('Hello, world!'), EXAMPLE_HASH);
    assert.equal(await hashContent(Buffer.from('Hello, world!')), EXAMPLE_HASH);
    const bytes = stampStatementBytes({
      ...EXAMPLE_STAMP,
      contentHash: EXAMPLE_HASH.toUpperCase().replace('SHA256', 'sha256'),
      mode: 'live',
    });
    assert.equal(Buffer.from(bytes ?? []).toString('hex'), EXAMPLE_BYTES_HEX);
  });

  it('verifies the worked example with the JWKS, from the content or its hash', async () => {
    const jwks = { keys: [EXAMPLE_JWK] };
    assert.deepEqual(await verifyStampOffline(EXAMPLE_STAMP, jwks), {
      valid: true,
      mode: 'live',
      keyId: EXAMPLE_JWK.kid,
      contentHash: EXAMPLE_HASH,
    });
    const { content: _content, ...withoutContent } = EXAMPLE_STAMP;
    const byHash = await verifyStampOffline({ ...withoutContent, contentHash: EXAMPLE_HASH }, jwks);
    assert.equal(byHash.valid, true);
  });

  it('fails when any signed byte changes, and says why', async () => {
    const jwks = { keys: [EXAMPLE_JWK] };
    const cases: Array<[Partial<OfflineStamp>, string]> = [
      [{ content: 'Hello, world?' }, 'invalid_signature'],
      [{ createdAt: '2026-04-07T12:30:00.001Z' }, 'invalid_signature'],
      [{ createdBy: 'PoY #00482A2' }, 'invalid_signature'],
      [{ contentType: 'video' }, 'invalid_signature'],
      [{ format: 'poy-stamp/v2' }, 'unknown_format'],
      [{ keyId: 'poy-session-20260407-3e4555022522' }, 'wrong_key_purpose'],
      [{ keyId: 'poy-stamp-20990101-000000000000' }, 'unknown_key'],
      [{ signature: EXAMPLE_STAMP.signature.replace('ecdsa:', 'der:') }, 'malformed'],
      [{ signature: 'ecdsa:AAAA' }, 'malformed'],
      [{ contentType: 'article\nPoY #00482A1' }, 'malformed'],
      [{ contentHash: `sha256:${'0'.repeat(64)}` }, 'content_mismatch'],
    ];
    for (const [change, reason] of cases) {
      assert.deepEqual(
        await verifyStampOffline({ ...EXAMPLE_STAMP, ...change }, jwks),
        { valid: false, reason },
        JSON.stringify(change),
      );
    }
    assert.deepEqual(await verifyStampOffline(EXAMPLE_STAMP, { keys: [] }), {
      valid: false,
      reason: 'unknown_key',
    });
  });

  it('tells sandbox stamps apart: refused as live, accepted as test or any', async () => {
    const { privateKey, jwk } = ecKey('poy-stamp-20260101-aaaaaaaaaaaa');
    const statement = {
      mode: 'test' as const,
      stampId: 'stmp_0123456789ab',
      contentHash: `sha256:${createHash('sha256').update('draft').digest('hex')}`,
      contentType: 'image/png',
      createdBy: 'PoY #ABCDEF0',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const bytes = stampStatementBytes(statement);
    assert.ok(bytes);
    const signature = sign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const stamp: OfflineStamp = {
      ...statement,
      signature: `ecdsa:${signature.toString('base64url')}`,
      keyId: jwk.kid ?? '',
      format: 'poy-stamp/v1',
      content: 'draft',
    };
    const jwks = { keys: [jwk] };
    assert.deepEqual(await verifyStampOffline(stamp, jwks), { valid: false, reason: 'sandbox_stamp' });
    assert.equal((await verifyStampOffline(stamp, jwks, { mode: 'test' })).valid, true);
    const any = await verifyStampOffline(stamp, jwks, { mode: 'any' });
    assert.ok(any.valid);
    assert.equal(any.mode, 'test');
    // A DER signature (what node:crypto gives by default) is not the format.
    const der = sign('sha256', bytes, privateKey).toString('base64url');
    assert.equal(
      (await verifyStampOffline({ ...stamp, signature: `ecdsa:${der}` }, jwks, { mode: 'any' })).valid,
      false,
    );
  });
});

const ISSUER = 'https://poy.example.com';
const AUDIENCE = 'my-app';

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function sessionToken(
  privateKey: KeyObject,
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): string {
  const signingInput = `${base64UrlJson(header)}.${base64UrlJson(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `poy_sess_${signingInput}.${signature.toString('base64url')}`;
}

describe('session tokens offline', () => {
  const { privateKey, jwk } = ecKey('poy-session-20260101-bbbbbbbbbbbb');
  const stampKey = ecKey('poy-stamp-20260101-cccccccccccc');
  const jwks = { keys: [stampKey.jwk, jwk] };
  const now = new Date('2026-04-07T12:00:00.000Z');
  const iat = Math.floor(now.getTime() / 1000) - 60;
  const header = { alg: 'ES256', kid: jwk.kid, typ: 'poy-session+jwt' };
  const claims = {
    iss: ISSUER,
    sub: 'usr_abc123',
    aud: AUDIENCE,
    poy_project: 'proj_1',
    poy_mode: 'live',
    cred: 'cred_1',
    iat,
    exp: iat + 3600,
    jti: 'jti_1',
  };
  const options = { issuer: ISSUER, audience: AUDIENCE, now };

  it('accepts a valid token and returns the user and expiry', async () => {
    const check = await verifySessionTokenOffline(sessionToken(privateKey, header, claims), jwks, options);
    assert.ok(check.valid, JSON.stringify(check));
    assert.equal(check.userId, 'usr_abc123');
    assert.equal(check.expiresAt.getTime(), (iat + 3600) * 1000);
    assert.equal(check.claims.poy_mode, 'live');
    const withProject = await verifySessionTokenOffline(sessionToken(privateKey, header, claims), jwks, {
      ...options,
      projectId: 'proj_1',
      mode: 'live',
    });
    assert.equal(withProject.valid, true);
  });

  it('refuses each broken property with its reason', async () => {
    const cases: Array<[string, string, Record<string, unknown>?]> = [
      [sessionToken(privateKey, header, { ...claims, exp: iat + 60 }), 'expired'],
      [sessionToken(privateKey, header, { ...claims, nbf: iat + 3000 }), 'not_yet_valid'],
      [sessionToken(privateKey, header, { ...claims, iss: 'https://evil.example' }), 'wrong_issuer'],
      [sessionToken(privateKey, header, { ...claims, aud: 'other-app' }), 'wrong_audience'],
      [sessionToken(privateKey, header, claims), 'wrong_audience', { projectId: 'proj_2' }],
      [sessionToken(privateKey, header, claims), 'wrong_audience', { mode: 'test' }],
      [sessionToken(privateKey, { ...header, alg: 'ES384' }, claims), 'malformed'],
      [sessionToken(privateKey, { ...header, alg: 'none' }, claims), 'malformed'],
      [sessionToken(privateKey, { ...header, typ: 'JWT' }, claims), 'malformed'],
      [sessionToken(privateKey, { ...header, crit: ['exp'] }, claims), 'malformed'],
      // A stamp key never verifies a session token, even when it signed it.
      [sessionToken(stampKey.privateKey, { ...header, kid: stampKey.jwk.kid }, claims), 'unknown_key'],
      [
        sessionToken(privateKey, { ...header, kid: 'poy-session-20990101-000000000000' }, claims),
        'unknown_key',
      ],
      [sessionToken(ecKey('x').privateKey, header, claims), 'invalid_signature'],
      [sessionToken(privateKey, header, { ...claims, poy_mode: 'staging' }), 'malformed'],
      [sessionToken(privateKey, header, { ...claims, sub: undefined }), 'malformed'],
      [sessionToken(privateKey, header, claims).replace('poy_sess_', ''), 'malformed'],
      ['poy_sess_a.b', 'malformed'],
      ['poy_sess_!!.!!.!!', 'malformed'],
    ];
    for (const [token, reason, extra] of cases) {
      const check = await verifySessionTokenOffline(token, jwks, { ...options, ...extra });
      assert.deepEqual(check, { valid: false, reason }, `${reason}: ${token.slice(0, 60)}`);
    }
  });

  it('honours the clock tolerance and accepts an audience list', async () => {
    const expired = sessionToken(privateKey, header, {
      ...claims,
      exp: Math.floor(now.getTime() / 1000) - 5,
    });
    assert.equal((await verifySessionTokenOffline(expired, jwks, options)).valid, false);
    assert.equal(
      (await verifySessionTokenOffline(expired, jwks, { ...options, clockToleranceSeconds: 10 })).valid,
      true,
    );
    const listed = sessionToken(privateKey, header, { ...claims, aud: ['a', AUDIENCE] });
    assert.equal((await verifySessionTokenOffline(listed, jwks, options)).valid, true);
  });
});

function redirectToken(
  privateKey: KeyObject,
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

describe('redirect results offline', () => {
  const { privateKey, jwk } = ecKey('poy-redirect-20260101-dddddddddddd');
  const sessionKey = ecKey('poy-session-20260101-eeeeeeeeeeee');
  const jwks = { keys: [sessionKey.jwk, jwk] };
  const now = new Date('2026-04-07T12:00:00.000Z');
  const iat = Math.floor(now.getTime() / 1000) - 5;
  const header = { alg: 'ES256', kid: jwk.kid, typ: 'poy-result+jwt' };
  const claims = {
    iss: ISSUER,
    aud: 'proj_1',
    sub: 'bcu_1',
    reference_user_id: 'customer-1',
    poy_mode: 'live',
    status: 'VERIFIED',
    nonce: 'n0nce',
    iat,
    exp: iat + 600,
  };
  const options = { jwks, projectId: 'proj_1', issuer: ISSUER, mode: 'live' as const, now };

  it('accepts a valid result and returns its outcome, user and times', async () => {
    const check = await verifyRedirectResult(redirectToken(privateKey, header, claims), options);
    assert.ok(check.valid, JSON.stringify(check));
    assert.equal(check.status, 'VERIFIED');
    assert.equal(check.userId, 'bcu_1');
    assert.equal(check.referenceUserId, 'customer-1');
    assert.equal(check.mode, 'live');
    assert.equal(check.nonce, 'n0nce');
    assert.equal(check.issuedAt.getTime(), iat * 1000);
    assert.equal(check.expiresAt.getTime(), (iat + 600) * 1000);
  });

  it('refuses each broken property with its typed reason', async () => {
    const good = redirectToken(privateKey, header, claims);
    const [goodHeader = '', goodPayload = '', goodSignature = ''] = good.split('.');
    const flip = (text: string, at: number) =>
      `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    const cases: Array<[string | null, string, Record<string, unknown>?]> = [
      [`${goodHeader}.${flip(goodPayload, 10)}.${goodSignature}`, 'invalid_signature'],
      [`${goodHeader}.${goodPayload}.${flip(goodSignature, 10)}`, 'invalid_signature'],
      [redirectToken(ecKey('x').privateKey, header, claims), 'invalid_signature'],
      [redirectToken(privateKey, { ...header, typ: 'poy-session+jwt' }, claims), 'wrong_type'],
      [redirectToken(privateKey, { ...header, typ: 'JWT' }, claims), 'wrong_type'],
      [redirectToken(privateKey, { ...header, alg: 'ES384' }, claims), 'malformed'],
      [redirectToken(privateKey, { ...header, crit: ['exp'] }, claims), 'malformed'],
      [good, 'wrong_audience', { projectId: 'proj_2' }],
      [good, 'wrong_audience', { mode: 'test' }],
      [good, 'wrong_issuer', { issuer: 'https://other.example' }],
      [good, 'expired', { now: new Date((iat + 600) * 1000) }],
      [
        redirectToken(privateKey, { ...header, kid: 'poy-redirect-20990101-000000000000' }, claims),
        'unknown_key',
      ],
      // A session key never verifies a redirect result, even when it signed it.
      [redirectToken(sessionKey.privateKey, { ...header, kid: sessionKey.jwk.kid }, claims), 'unknown_key'],
      [redirectToken(privateKey, header, { ...claims, status: 'PENDING' }), 'malformed'],
      [redirectToken(privateKey, header, { ...claims, iat: iat + 0.5 }), 'malformed'],
      [good, 'malformed', { jwks: { nope: true } }],
      ['a.b', 'malformed'],
      [null, 'malformed'],
    ];
    for (const [token, reason, extra] of cases) {
      const check = await verifyRedirectResult(token, { ...options, ...extra });
      assert.deepEqual(check, { valid: false, reason }, `${reason}: ${String(token).slice(0, 60)}`);
    }
  });

  it('poy.verifyRedirectResult fetches the JWKS once, and again for a kid it lacks', async () => {
    const token = redirectToken(privateKey, header, claims);
    const { poy, requests } = scriptedClient([
      { status: 200, body: { keys: [sessionKey.jwk] } },
      { status: 200, body: jwks },
    ]);
    const check = await poy.verifyRedirectResult(token, { projectId: 'proj_1', now });
    assert.ok(check.valid, JSON.stringify(check));
    assert.equal(requests.length, 2, 'refetched once for the unknown kid');
    assert.ok(requests.every((request) => request.url === 'http://poy.test/.well-known/jwks.json'));
    assert.ok((await poy.verifyRedirectResult(token, { projectId: 'proj_1', now })).valid);
    assert.equal(requests.length, 2, 'then cached');
  });
});
