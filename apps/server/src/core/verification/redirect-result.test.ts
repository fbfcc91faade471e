// Minting redirect results against a real store and key ring: the header, the claims, and a signature
// that node:crypto alone verifies with the key published in the JWKS (not with the code under test).
import assert from 'node:assert/strict';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestStore, type TestStore } from '../../../test/harness.ts';
import { ManualClock } from '../clock.ts';
import { deriveServerSecrets } from '../secrets.ts';
import { createSigningKeyRing, type SigningKeyRing } from '../signing/signing-key-ring.ts';
import { buildFinalRedirect, mintRedirectResult, REDIRECT_RESULT_TTL_SECONDS } from './redirect-result.ts';

const ISSUER = 'https://poy.example.com';
const NOW = new Date('2026-04-07T12:00:00.000Z');
const INPUT = {
  project: { id: 'proj_aaaaaaaaaaaaaaaaaaaa', redirectOrigins: [] },
  user: { id: 'bcu_0123456789abcdef', referenceUserId: 'customer-42', mode: 'live' as const },
  status: 'VERIFIED' as const,
};

function decodeSegment(segment: string | undefined): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value));
  return Object.fromEntries(Object.entries(value));
}

describe('redirect results (minting)', () => {
  let testStore: TestStore;
  let keyRing: SigningKeyRing;
  const clock = new ManualClock(NOW);

  before(async () => {
    testStore = await createTestStore();
    keyRing = createSigningKeyRing({
      store: testStore.store,
      clock,
      secrets: deriveServerSecrets(randomBytes(32).toString('hex')),
    });
  });
  after(async () => {
    keyRing.close();
    await testStore.close();
  });

  it('signs header and claims with a redirect key that the JWKS publishes', async () => {
    const { token } = await mintRedirectResult({ keyRing, clock, issuer: ISSUER }, INPUT);
    const [headerPart, payloadPart, signaturePart] = token.split('.');
    const header = decodeSegment(headerPart);
    assert.deepEqual(Object.keys(header).sort(), ['alg', 'kid', 'typ']);
    assert.equal(header.alg, 'ES256');
    assert.equal(header.typ, 'poy-result+jwt');
    assert.match(String(header.kid), /^poy-redirect-20260407-[0-9a-f]{12}$/);

    const claims = decodeSegment(payloadPart);
    const nowSeconds = NOW.getTime() / 1000;
    assert.equal(REDIRECT_RESULT_TTL_SECONDS, 600);
    assert.match(String(claims.nonce), /^[A-Za-z0-9_-]{22}$/);
    // The order the shared vectors sign in (spec/test-vectors/redirect-results.json).
    assert.deepEqual(Object.keys(claims), [
      'iss',
      'aud',
      'sub',
      'reference_user_id',
      'poy_mode',
      'status',
      'nonce',
      'iat',
      'exp',
    ]);
    assert.deepEqual(claims, {
      iss: ISSUER,
      aud: INPUT.project.id,
      sub: INPUT.user.id,
      reference_user_id: 'customer-42',
      poy_mode: 'live',
      status: 'VERIFIED',
      nonce: claims.nonce,
      iat: nowSeconds,
      exp: nowSeconds + 600,
    });

    const jwk = (await keyRing.publicJwks()).find((key) => key.kid === header.kid);
    assert.ok(jwk, 'the kid is in the JWKS');
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    const signature = Buffer.from(signaturePart ?? '', 'base64url');
    assert.equal(signature.length, 64, 'P1363, as JWS ES256 requires');
    const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
    assert.ok(verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature));

    // One changed byte of the payload no longer verifies.
    const changed = Buffer.from(signed);
    changed[signed.length - 3] = (changed[signed.length - 3] ?? 0) ^ 0x01;
    assert.ok(!verify('sha256', changed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature));
  });

  it('uses only redirect keys, and a fresh nonce per token', async () => {
    const first = await mintRedirectResult({ keyRing, clock, issuer: ISSUER }, INPUT);
    const second = await mintRedirectResult({ keyRing, clock, issuer: ISSUER }, INPUT);
    assert.notEqual(first.claims.nonce, second.claims.nonce);
    const redirectKey = await keyRing.signingKey('redirect');
    const sessionKey = await keyRing.signingKey('session');
    assert.notEqual(redirectKey.kid, sessionKey.kid);
    assert.equal(decodeSegment(first.token.split('.')[0]).kid, redirectKey.kid);
  });

  it('builds the final URL: the business query kept, poy_result added, nothing else', async () => {
    const url = await buildFinalRedirect(
      { keyRing, clock, issuer: ISSUER },
      'https://shop.example/back?from=poy&x=1',
      INPUT,
    );
    assert.ok(url);
    const parsed = new URL(url);
    assert.deepEqual([...parsed.searchParams.keys()], ['from', 'x', 'poy_result']);
    assert.equal(`${parsed.origin}${parsed.pathname}`, 'https://shop.example/back');
  });

  it('builds no URL when the project no longer allows its origin', async () => {
    const url = await buildFinalRedirect({ keyRing, clock, issuer: ISSUER }, 'https://old.example/back', {
      ...INPUT,
      project: { id: INPUT.project.id, redirectOrigins: ['https://shop.example'] },
    });
    assert.equal(url, null);
  });
});
