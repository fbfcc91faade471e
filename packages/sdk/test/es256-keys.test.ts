// The ES256 key cache behind the offline verifiers: both implementations (node:crypto, WebCrypto) give
// the same answers on signatures made here with node:crypto, a key is imported once per kid and key
// material (never reused for other material under the same kid), the cache is bounded, and off Node
// (no process.versions.node) the offline verifiers fall back to WebCrypto.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createEs256KeyCache, type Es256Backend, type Es256Jwk } from '../src/es256-keys.ts';

function newKey(): { jwk: Es256Jwk; signP1363: (data: Uint8Array) => Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const exported = publicKey.export({ format: 'jwk' });
  assert.ok(typeof exported.x === 'string' && typeof exported.y === 'string');
  return {
    jwk: { kty: 'EC', crv: 'P-256', x: exported.x, y: exported.y },
    signP1363: (data) => new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
  };
}

const data = new TextEncoder().encode('poy-stamp/v1 statement');

for (const backend of ['node', 'webcrypto'] satisfies Es256Backend[]) {
  describe(`ES256 keys on ${backend}`, () => {
    it('verifies a good signature and refuses a changed one, a short one and a zero one', async () => {
      const cache = createEs256KeyCache({ backend });
      const { jwk, signP1363 } = newKey();
      const verify = await cache.key('poy-stamp-1', jwk);
      assert.ok(verify);
      assert.equal(cache.backend, backend);
      const signature = signP1363(data);
      assert.equal(await verify(signature, data), true);
      const changed = Uint8Array.from(signature);
      changed[10] = (changed[10] ?? 0) ^ 1;
      assert.equal(await verify(changed, data), false);
      assert.equal(await verify(signature.subarray(0, 63), data), false);
      assert.equal(await verify(new Uint8Array(64), data), false);
      assert.equal(await verify(signature, new TextEncoder().encode('another statement')), false);
    });

    it('verifies a compact JWS and refuses one with a changed payload or signature', async () => {
      const cache = createEs256KeyCache({ backend });
      const { jwk, signP1363 } = newKey();
      const verify = await cache.key('poy-session-1', jwk);
      assert.ok(verify);
      const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const signingInput = `${segment({ alg: 'ES256', kid: 'poy-session-1', typ: 'poy-session+jwt' })}.${segment({ sub: 'u1' })}`;
      const sign = (input: string) => signP1363(new TextEncoder().encode(input));
      const check = (input: string, signature: Uint8Array) =>
        verify.jws(
          `${input}.${Buffer.from(signature).toString('base64url')}`,
          signature,
          new TextEncoder().encode(input),
        );
      assert.equal(await check(signingInput, sign(signingInput)), true);
      const otherPayload = `${signingInput.split('.')[0]}.${segment({ sub: 'u2' })}`;
      assert.equal(await check(otherPayload, sign(signingInput)), false);
      const changed = sign(signingInput);
      changed[5] = (changed[5] ?? 0) ^ 1;
      assert.equal(await check(signingInput, changed), false);
    });

    it('refuses a point that is not on the curve', async () => {
      const cache = createEs256KeyCache({ backend });
      const { jwk } = newKey();
      assert.equal(await cache.key('poy-stamp-1', { ...jwk, x: jwk.y }), null);
      assert.equal(await cache.key('poy-stamp-2', { ...jwk, x: 'AAAA' }), null);
    });
  });
}

describe('the ES256 key cache', () => {
  it('imports a key once, and once more for other material under the same kid', async () => {
    const cache = createEs256KeyCache();
    const first = newKey();
    const second = newKey();
    const a = await cache.key('poy-stamp-1', first.jwk);
    assert.equal(await cache.key('poy-stamp-1', { ...first.jwk }), a, 'the same key object');
    const b = await cache.key('poy-stamp-1', second.jwk);
    assert.ok(a && b);
    assert.notEqual(a, b);
    // Each entry verifies only its own key's signatures: a reused kid never borrows the other key.
    assert.equal(await b(first.signP1363(data), data), false);
    assert.equal(await b(second.signP1363(data), data), true);
    assert.equal(cache.size, 2);
  });

  it('keeps at most maxKeys, dropping the least recently used', async () => {
    const cache = createEs256KeyCache({ maxKeys: 3 });
    const { jwk } = newKey();
    const oldest = await cache.key('k0', jwk);
    for (const kid of ['k1', 'k2', 'k3', 'k4']) await cache.key(kid, jwk);
    assert.equal(cache.size, 3);
    assert.notEqual(await cache.key('k0', jwk), oldest, 'k0 was dropped and imported again');
    // k4 was used last before k0's return: still cached.
    const k4 = await cache.key('k4', jwk);
    assert.equal(await cache.key('k4', jwk), k4);
  });

  it('keeps the key in use, repeated hits included, and drops the least recently used', async () => {
    const cache = createEs256KeyCache({ maxKeys: 2 });
    const { jwk } = newKey();
    const hot = await cache.key('hot', jwk);
    await cache.key('cold', jwk);
    await cache.key('hot', jwk);
    await cache.key('hot', jwk);
    await cache.key('new', jwk);
    assert.equal(cache.size, 2);
    assert.equal(await cache.key('hot', jwk), hot, 'the least recently used (cold) went, not hot');
  });
});

describe('off Node', () => {
  it('the offline verifiers use WebCrypto when process.versions.node is absent', () => {
    const offline = fileURLToPath(new URL('../src/offline.ts', import.meta.url));
    const keys = fileURLToPath(new URL('../src/es256-keys.ts', import.meta.url));
    const vectors = fileURLToPath(new URL('../../../spec/test-vectors/read-vectors.ts', import.meta.url));
    const script = `
      const { readStampVectors } = await import(${JSON.stringify(vectors)});
      const { jwks, stamps } = readStampVectors();
      Object.defineProperty(process, 'versions', { value: {}, configurable: true });
      const { verifyStampOffline } = await import(${JSON.stringify(offline)});
      const { sharedEs256Keys } = await import(${JSON.stringify(keys)});
      let agreed = 0;
      for (const vector of stamps) {
        const stamp = { ...vector.stamp, ...(vector.content !== null ? { content: vector.content } : {}), ...(vector.contentHash !== null ? { contentHash: vector.contentHash } : {}) };
        const check = await verifyStampOffline(stamp, jwks, { mode: vector.acceptTest ? 'any' : 'live' });
        if (JSON.stringify(check) === JSON.stringify(vector.expected)) agreed += 1;
      }
      console.log(sharedEs256Keys.backend, agreed === stamps.length ? 'all' : agreed + '/' + stamps.length);
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    }).trim();
    assert.equal(output, 'webcrypto all');
  });
});
