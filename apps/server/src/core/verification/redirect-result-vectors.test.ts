// The shared redirect-result vectors (spec/test-vectors/redirect-results.json) against the server's
// code: each case gets its answer from the verifier the server and the SDK share, and a valid token's
// claims, written by the server's encoder in the order mintRedirectResult uses, are exactly the signed
// bytes. The file's SHA-256 is checked on reading, so no byte of it can change unnoticed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RedirectResultClaims, redirectResultSigningInput, verifyRedirectResult } from '@poy/wire';
import { readRedirectVectors } from '../../../../../spec/test-vectors/read-vectors.ts';

describe('shared test vectors: redirect results (server)', () => {
  const vectors = readRedirectVectors();

  it('cover a valid token, changed bytes, wrong typ, audience, expiry and an unknown kid', () => {
    const names = vectors.map((vector) => vector.name);
    for (const name of [
      'valid/all-expectations',
      'invalid/changed-payload-byte',
      'invalid/changed-signature-byte',
      'invalid/wrong-typ',
      'invalid/wrong-audience',
      'invalid/expired',
      'invalid/unknown-kid',
    ]) {
      assert.ok(names.includes(name), name);
    }
  });

  for (const vector of vectors) {
    it(`${vector.name}: ${vector.why}`, async () => {
      const { now, ...expectations } = vector.expect;
      const check = await verifyRedirectResult(vector.token, {
        ...expectations,
        jwks: vector.jwks,
        now: new Date(now * 1000),
      });
      if (!vector.expected.valid) {
        assert.deepEqual(check, vector.expected);
        return;
      }
      assert.ok(check.valid, JSON.stringify(check));
      assert.deepEqual(check.claims, vector.expected.claims);
      const claims: RedirectResultClaims = check.claims;
      // As mintRedirectResult writes them: the same members in the same order give the same bytes.
      const minted: RedirectResultClaims = {
        iss: claims.iss,
        aud: claims.aud,
        sub: claims.sub,
        reference_user_id: claims.reference_user_id,
        poy_mode: claims.poy_mode,
        status: claims.status,
        nonce: claims.nonce,
        iat: claims.iat,
        exp: claims.exp,
      };
      const [header = '', payload = ''] = vector.token.split('.');
      assert.equal(
        redirectResultSigningInput(String(vector.signed?.header.kid), minted),
        `${header}.${payload}`,
      );
    });
  }
});
