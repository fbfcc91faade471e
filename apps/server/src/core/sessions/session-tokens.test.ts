import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SESSION_TOKEN_PREFIX, verifySessionTokenOffline } from '@poy/wire';
import { base64url, decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { createTestStore, type TestStore } from '../../../test/harness.ts';
import { ManualClock } from '../clock.ts';
import { deriveServerSecrets } from '../secrets.ts';
import { createSigningKeyRing, type SigningKeyRing } from '../signing/signing-key-ring.ts';
import { issueSessionToken, type SessionTokenDeps, verifySessionToken } from './session-tokens.ts';

const ISSUER = 'https://poy.example.com';
const PROJECT = { id: 'proj_aaaaaaaaaaaaaaaaaaaa', publicId: 'acme' };
const OTHER_PROJECT = { id: 'proj_bbbbbbbbbbbbbbbbbbbb', publicId: 'globex' };

describe('session tokens', () => {
  let testStore: TestStore;
  let keyRing: SigningKeyRing;
  let deps: SessionTokenDeps;
  const clock = new ManualClock(new Date('2026-04-07T12:00:00.000Z'));

  before(async () => {
    testStore = await createTestStore();
    keyRing = createSigningKeyRing({
      store: testStore.store,
      clock,
      secrets: deriveServerSecrets(randomBytes(32).toString('hex')),
    });
    deps = { keyRing, clock, issuer: ISSUER };
  });
  after(async () => {
    keyRing.close();
    await testStore.close();
  });

  function issue(overrides: { mode?: 'live' | 'test'; project?: typeof PROJECT } = {}) {
    return issueSessionToken(deps, {
      project: overrides.project ?? PROJECT,
      mode: overrides.mode ?? 'live',
      userId: 'usr_abc123',
      credentialId: 'cred-1',
    });
  }

  /** The JWKS exactly as a client would hold it: JSON text parsed back, no KeyObjects. */
  async function jwksJson(): Promise<unknown> {
    return JSON.parse(JSON.stringify({ keys: await keyRing.publicJwks() }));
  }

  it('is poy_sess_ + an ES256 JWS naming a session key, with the documented claims', async () => {
    const issued = await issue();
    assert.ok(issued.sessionToken.startsWith(SESSION_TOKEN_PREFIX));
    const jws = issued.sessionToken.slice(SESSION_TOKEN_PREFIX.length);
    const header = decodeProtectedHeader(jws);
    assert.deepEqual(Object.keys(header).sort(), ['alg', 'kid', 'typ']);
    assert.equal(header.alg, 'ES256');
    assert.equal(header.typ, 'poy-session+jwt');
    assert.match(String(header.kid), /^poy-session-\d{8}-[0-9a-f]{12}$/);
    const claims = decodeJwt(jws);
    assert.deepEqual(Object.keys(claims).sort(), [
      'aud',
      'cred',
      'exp',
      'iat',
      'iss',
      'jti',
      'poy_mode',
      'poy_project',
      'sub',
    ]);
    assert.equal(claims.iss, ISSUER);
    assert.equal(claims.sub, 'usr_abc123');
    assert.equal(claims.aud, 'acme');
    assert.equal(claims.poy_project, PROJECT.id);
    assert.equal(claims.cred, 'cred-1');
    assert.equal(claims.iat, clock.now().getTime() / 1000);
    assert.equal(claims.exp, clock.now().getTime() / 1000 + 3600, 'one hour by default');
    assert.equal(issued.expiresAt.toISOString(), '2026-04-07T13:00:00.000Z');
    assert.notEqual(decodeJwt((await issue()).sessionToken.slice(9)).jti, claims.jti, 'jti is unique');
  });

  it('verifies for its project and mode, and for nobody else', async () => {
    const { sessionToken } = await issue();
    const good = await verifySessionToken(deps, sessionToken, { project: PROJECT, mode: 'live' });
    assert.ok(good.valid);
    assert.equal(good.claims.sub, 'usr_abc123');
    assert.deepEqual(await verifySessionToken(deps, sessionToken, { project: OTHER_PROJECT, mode: 'live' }), {
      valid: false,
      reason: 'wrong_audience',
    });
    assert.deepEqual(await verifySessionToken(deps, sessionToken, { project: PROJECT, mode: 'test' }), {
      valid: false,
      reason: 'wrong_audience',
    });
    // Same public id, another project id: the poy_project claim is checked too.
    assert.deepEqual(
      await verifySessionToken(deps, sessionToken, {
        project: { id: OTHER_PROJECT.id, publicId: 'acme' },
        mode: 'live',
      }),
      { valid: false, reason: 'wrong_audience' },
    );
    assert.deepEqual(
      await verifySessionToken({ ...deps, issuer: 'https://other.example' }, sessionToken, {
        project: PROJECT,
        mode: 'live',
      }),
      { valid: false, reason: 'wrong_issuer' },
    );
  });

  it('expires after an hour', async () => {
    const { sessionToken } = await issue();
    const later = new ManualClock(new Date(clock.now().getTime() + 3600_000 - 1000));
    assert.ok(
      (await verifySessionToken({ ...deps, clock: later }, sessionToken, { project: PROJECT, mode: 'live' }))
        .valid,
    );
    later.advanceBy(1000);
    assert.deepEqual(
      await verifySessionToken({ ...deps, clock: later }, sessionToken, { project: PROJECT, mode: 'live' }),
      {
        valid: false,
        reason: 'expired',
      },
    );
  });

  it('refuses tampering, other keys, other algorithms and other token types', async () => {
    const { sessionToken } = await issue();
    const jws = sessionToken.slice(SESSION_TOKEN_PREFIX.length);
    const [header = '', payload = '', signature = ''] = jws.split('.');
    const expected = { project: PROJECT, mode: 'live' as const };
    const check = (token: string) => verifySessionToken(deps, token, expected);

    const otherUser = base64url.encode(JSON.stringify({ ...decodeJwt(jws), sub: 'usr_admin' }));
    assert.deepEqual(await check(`${SESSION_TOKEN_PREFIX}${header}.${otherUser}.${signature}`), {
      valid: false,
      reason: 'invalid_signature',
    });
    assert.deepEqual(await check(jws), { valid: false, reason: 'malformed' }, 'the prefix is required');
    assert.deepEqual(await check(`${SESSION_TOKEN_PREFIX}garbage`), { valid: false, reason: 'malformed' });

    const kid = String(decodeProtectedHeader(jws).kid);
    const unsigned = `${base64url.encode(JSON.stringify({ alg: 'none', kid, typ: 'poy-session+jwt' }))}.${payload}.`;
    assert.equal((await check(`${SESSION_TOKEN_PREFIX}${unsigned}`)).valid, false, 'alg none');

    // A token signed with the stamp key is not a session token, even though the key is genuine.
    const stampKey = await keyRing.signingKey('stamp');
    const claims = decodeJwt(jws);
    const withStampKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: stampKey.kid, typ: 'poy-session+jwt' })
      .sign(stampKey.privateKey);
    assert.deepEqual(await check(`${SESSION_TOKEN_PREFIX}${withStampKey}`), {
      valid: false,
      reason: 'unknown_key',
    });

    // Right key, wrong type: not a session token either.
    const sessionKey = await keyRing.signingKey('session');
    const plainJwt = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: sessionKey.kid, typ: 'JWT' })
      .sign(sessionKey.privateKey);
    assert.deepEqual(await check(`${SESSION_TOKEN_PREFIX}${plainJwt}`), {
      valid: false,
      reason: 'malformed',
    });
  });

  it('verifies offline with nothing but the JWKS JSON', async () => {
    const { sessionToken } = await issue({ mode: 'test' });
    const jwks = await jwksJson();
    const options = {
      issuer: ISSUER,
      audience: 'acme',
      projectId: PROJECT.id,
      mode: 'test' as const,
      now: clock.now(),
    };
    const good = await verifySessionTokenOffline(sessionToken, jwks, options);
    assert.ok(good.valid);
    assert.equal(good.claims.sub, 'usr_abc123');
    assert.equal(good.claims.poy_mode, 'test');

    assert.deepEqual(
      await verifySessionTokenOffline(sessionToken, jwks, { ...options, audience: 'globex' }),
      {
        valid: false,
        reason: 'wrong_audience',
      },
    );
    assert.deepEqual(await verifySessionTokenOffline(sessionToken, jwks, { ...options, mode: 'live' }), {
      valid: false,
      reason: 'wrong_audience',
    });
    assert.deepEqual(
      await verifySessionTokenOffline(sessionToken, jwks, {
        ...options,
        now: new Date(clock.now().getTime() + 3601_000),
      }),
      { valid: false, reason: 'expired' },
    );
    assert.deepEqual(await verifySessionTokenOffline(sessionToken, { keys: [] }, options), {
      valid: false,
      reason: 'unknown_key',
    });
    assert.deepEqual(await verifySessionTokenOffline(sessionToken, { nope: true }, options), {
      valid: false,
      reason: 'malformed',
    });
  });

  it('offline, a token naming a stamp key is refused even when the JWKS has that key', async () => {
    const stampKey = await keyRing.signingKey('stamp');
    const forged = await new SignJWT({ ...(await issue()).claims })
      .setProtectedHeader({ alg: 'ES256', kid: stampKey.kid, typ: 'poy-session+jwt' })
      .sign(stampKey.privateKey);
    assert.deepEqual(
      await verifySessionTokenOffline(`${SESSION_TOKEN_PREFIX}${forged}`, await jwksJson(), {
        now: clock.now(),
      }),
      {
        valid: false,
        reason: 'unknown_key',
      },
    );
  });

  it('tokens issued before a rotation still verify after it (retired keys stay published)', async () => {
    const before = await issue();
    const newKid = await keyRing.rotate('session');
    const after = await issue();
    assert.equal(decodeProtectedHeader(after.sessionToken.slice(9)).kid, newKid);
    const expected = { project: PROJECT, mode: 'live' as const };
    assert.ok((await verifySessionToken(deps, before.sessionToken, expected)).valid);
    assert.ok(
      (await verifySessionTokenOffline(before.sessionToken, await jwksJson(), { now: clock.now() })).valid,
    );
  });
});
