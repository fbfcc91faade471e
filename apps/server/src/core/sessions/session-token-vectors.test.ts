// The shared session-token vectors (spec/test-vectors/session-tokens.json) against the server: its own
// check (the key ring's keys through node:crypto, then the wire's claim checks, as POST
// /api/poy/sessions/verify runs it) and the JWKS-only check offline verifiers run must both give each
// case's answer; a valid token's parsed claims must encode back to its exact signed bytes with the
// server's encoder. The file's SHA-256 is checked on reading, so no byte of it can change unnoticed.
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { describe, it } from 'node:test';
import { isJwks, sessionTokenSigningInput, verifySessionTokenOffline } from '@poy/wire';
import { readSessionVectors } from '../../../../../spec/test-vectors/read-vectors.ts';
import { checkSessionToken, type SessionKeyLookup } from './session-tokens.ts';

/** The keys of a JWKS as the key ring holds them (the purpose is the kid's, as the ring names keys). */
function lookupIn(jwks: unknown): SessionKeyLookup {
  return async (kid) => {
    const jwk = isJwks(jwks) ? jwks.keys.find((key) => Reflect.get(Object(key), 'kid') === kid) : undefined;
    if (jwk === undefined) return null;
    const purpose = kid.startsWith('poy-session-') ? 'session' : 'stamp';
    return { purpose, publicKey: createPublicKey({ key: Object(jwk), format: 'jwk' }) };
  };
}

describe('shared test vectors: session tokens (server)', () => {
  for (const vector of readSessionVectors()) {
    it(`${vector.name}: ${vector.why}`, async () => {
      const { now, ...expectations } = vector.expect;
      const expect = { ...expectations, now: new Date(now * 1000) };
      const offline = await verifySessionTokenOffline(vector.token, vector.jwks, expect);
      if (vector.expected.valid) {
        assert.ok(offline.valid, JSON.stringify(offline));
        assert.deepEqual(offline.claims, vector.expected.claims);
      } else {
        assert.deepEqual(offline, vector.expected);
      }
      // The server holds its keys and never parses a JWKS: a case about the key set itself is offline only.
      if (vector.ownJwks) return;
      const online = await checkSessionToken(vector.token, lookupIn(vector.jwks), expect);
      if (vector.expected.valid) {
        assert.ok(online.valid, JSON.stringify(online));
        assert.deepEqual(online.claims, vector.expected.claims);
        const [header = '', payload = ''] = vector.token.slice('poy_sess_'.length).split('.');
        const kid = String(vector.signed?.header.kid);
        assert.equal(
          sessionTokenSigningInput(kid, online.claims),
          `${header}.${payload}`,
          'encoded as issued',
        );
      } else {
        // The API's reasons have no not_yet_valid: it answers malformed.
        const reason = vector.expected.reason === 'not_yet_valid' ? 'malformed' : vector.expected.reason;
        assert.deepEqual(online, { valid: false, reason });
      }
    });
  }
});
