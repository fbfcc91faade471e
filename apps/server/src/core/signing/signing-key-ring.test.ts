// The key ring against a real store. Two rings on one store stand for two processes: the store delivers
// every invalidation to all subscribers, as LISTEN/NOTIFY does across processes.
import assert from 'node:assert/strict';
import { createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestStore, type TestStore } from '../../../test/harness.ts';
import type { SigningKey } from '../../store/store.ts';
import { ManualClock } from '../clock.ts';
import { deriveServerSecrets } from '../secrets.ts';
import { SigningKeyDecryptionError } from './private-key-encryption.ts';
import { publicJwkSchema } from './public-jwk.ts';
import { rotateSigningKey } from './rotate-signing-key.ts';
import { createSigningKeyRing, type SigningKeyRing } from './signing-key-ring.ts';

const KID_PATTERN = /^poy-(stamp|session)-\d{8}-[0-9a-f]{12}$/;

describe('signing key ring', () => {
  // One database per test: the ring is deployment-wide, so tests must not see each other's keys.
  let testStore: TestStore;
  const rings: SigningKeyRing[] = [];
  const clock = new ManualClock(new Date('2026-04-07T12:00:00.000Z'));
  const secrets = deriveServerSecrets(randomBytes(32).toString('hex'));

  async function freshStore(): Promise<TestStore> {
    await testStore?.close();
    testStore = await createTestStore();
    return testStore;
  }

  function ring(overrides: Partial<{ secrets: typeof secrets }> = {}): SigningKeyRing {
    const created = createSigningKeyRing({
      store: testStore.store,
      clock,
      secrets: overrides.secrets ?? secrets,
    });
    rings.push(created);
    return created;
  }

  before(async () => {
    testStore = await createTestStore();
  });
  after(async () => {
    for (const created of rings) created.close();
    await testStore.close();
  });

  it('creates nothing until a key is needed, then one key per purpose, lazily', async () => {
    const { store } = await freshStore();
    const keys = ring();
    assert.deepEqual(await keys.publicJwks(), []);
    assert.equal((await store.listSigningKeys()).length, 0);

    const stamp = await keys.signingKey('stamp');
    assert.match(stamp.kid, KID_PATTERN);
    assert.ok(stamp.kid.startsWith('poy-stamp-20260407-'), stamp.kid);
    assert.equal(stamp.purpose, 'stamp');
    assert.equal((await keys.signingKey('stamp')).kid, stamp.kid, 'the same key is reused');
    const session = await keys.signingKey('session');
    assert.ok(session.kid.startsWith('poy-session-'), session.kid);
    assert.equal((await store.listSigningKeys()).length, 2);
  });

  it('stores the public key as a JWK and the private key only encrypted (v1)', async () => {
    const { store } = await freshStore();
    const keys = ring();
    const active = await keys.signingKey('stamp');
    const [record] = await store.listSigningKeys();
    assert.ok(record);
    assert.deepEqual(Object.keys(publicJwkSchema.strict().parse(record.publicJwk)).sort(), [
      'alg',
      'crv',
      'kid',
      'kty',
      'use',
      'x',
      'y',
    ]);
    assert.match(record.privateKeyEncrypted, /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const pkcs8 = active.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url');
    assert.ok(!record.privateKeyEncrypted.includes(pkcs8.slice(-40)), 'no plaintext key material at rest');
    const jwks = await keys.publicJwks();
    assert.equal(jwks.length, 1);
    const [jwk] = jwks;
    assert.ok(jwk);
    assert.deepEqual(
      { kty: jwk.kty, crv: jwk.crv, alg: jwk.alg, use: jwk.use, kid: jwk.kid },
      {
        kty: 'EC',
        crv: 'P-256',
        alg: 'ES256',
        use: 'sig',
        kid: active.kid,
      },
    );
    // The published key verifies what the private key signs (P1363, as stamps use).
    const data = Buffer.from('hello');
    const signature = sign('sha256', data, { key: active.privateKey, dsaEncoding: 'ieee-p1363' });
    const published = createPublicKey({ key: jwk, format: 'jwk' });
    assert.ok(verify('sha256', data, { key: published, dsaEncoding: 'ieee-p1363' }, signature));
  });

  it('concurrent first uses in one process create exactly one key', async () => {
    const { store } = await freshStore();
    const keys = ring();
    const kids = await Promise.all(Array.from({ length: 10 }, () => keys.signingKey('stamp')));
    assert.equal(new Set(kids.map((key) => key.kid)).size, 1);
    assert.equal((await store.listSigningKeys()).length, 1);
  });

  it('two processes creating at once may make two keys, and then both sign with the newest', async () => {
    const { store } = await freshStore();
    const first = ring();
    const second = ring();
    const [a, b] = await Promise.all([first.signingKey('session'), second.signingKey('session')]);
    const all = await store.listSigningKeys();
    assert.ok(all.length === 1 || all.length === 2, `${all.length} keys`);
    const newest = all.at(-1)?.kid;
    // Whatever each returned at first, from now on both agree on the newest active key.
    assert.equal((await first.signingKey('session')).kid, newest);
    assert.equal((await second.signingKey('session')).kid, newest);
    assert.ok([a.kid, b.kid].every((kid) => all.some((key) => key.kid === kid)));
  });

  it('rotation in one process reaches the other at once (signing_keys invalidation); retired keys still verify', async () => {
    const { store } = await freshStore();
    const here = ring();
    const there = ring();
    const before = await here.signingKey('stamp');
    assert.equal((await there.signingKey('stamp')).kid, before.kid);

    clock.advanceBy(60_000);
    // As the CLI does: no ring involved, only the store.
    const rotated = await rotateSigningKey({ store, clock, secrets }, 'stamp');
    assert.equal(rotated.retired, 1);
    assert.notEqual(rotated.key.kid, before.kid);
    assert.equal((await there.signingKey('stamp')).kid, rotated.key.kid, 'the other process reloaded');
    assert.equal((await here.signingKey('stamp')).kid, rotated.key.kid);

    const retired = await there.verificationKey(before.kid);
    assert.ok(retired, 'a retired key still verifies');
    assert.ok(retired.retiredAt instanceof Date);
    assert.equal(retired.purpose, 'stamp');
    assert.deepEqual(
      (await there.publicJwks()).map((jwk) => jwk.kid),
      [before.kid, rotated.key.kid],
      'JWKS lists active and retired keys, oldest first',
    );
    // ring.rotate is the same operation.
    const again = await here.rotate('stamp');
    assert.equal((await there.signingKey('stamp')).kid, again);
    assert.equal((await store.listSigningKeys()).filter((key) => key.retiredAt === null).length, 1);
  });

  it('rotating one purpose leaves the other alone', async () => {
    await freshStore();
    const keys = ring();
    const session = await keys.signingKey('session');
    await keys.signingKey('stamp');
    await keys.rotate('stamp');
    assert.equal((await keys.signingKey('session')).kid, session.kid);
  });

  it('a key created elsewhere becomes known without a restart', async () => {
    await freshStore();
    const reader = ring();
    const writer = ring();
    assert.equal(await reader.verificationKey('poy-stamp-20260407-000000000000'), null);
    const created = await writer.signingKey('stamp');
    const found = await reader.verificationKey(created.kid);
    assert.equal(found?.kid, created.kid);
  });

  it('a wrong POY_SECRET_KEY cannot sign, but the public keys still verify', async () => {
    await freshStore();
    const right = ring();
    const { kid } = await right.signingKey('stamp');
    const wrong = ring({ secrets: deriveServerSecrets(randomBytes(32).toString('hex')) });
    await assert.rejects(wrong.signingKey('stamp'), SigningKeyDecryptionError);
    assert.equal((await wrong.verificationKey(kid))?.kid, kid);
    assert.equal((await wrong.publicJwks()).length, 1);
  });

  it('a tampered private key (swapped between rows) is refused, not used', async () => {
    const { store } = await freshStore();
    const keys = ring();
    const stamp = await keys.signingKey('stamp');
    const [record] = await store.listSigningKeys();
    assert.ok(record);
    // A second key whose row carries the first key's encrypted private key.
    const forged: SigningKey = {
      ...record,
      kid: 'poy-stamp-20260407-ffffffffffff',
      publicJwk: { ...publicJwkSchema.parse(record.publicJwk), kid: 'poy-stamp-20260407-ffffffffffff' },
      createdAt: new Date(clock.now().getTime() + 1000),
    };
    await store.insertSigningKey(forged);
    await assert.rejects(ring().signingKey('stamp'), SigningKeyDecryptionError);
    assert.equal((await keys.verificationKey(stamp.kid))?.kid, stamp.kid);
  });

  it('a row whose JWK does not parse is left out of the JWKS rather than breaking it', async () => {
    const { store } = await freshStore();
    const keys = ring();
    const good = await keys.signingKey('session');
    await store.insertSigningKey({
      kid: 'poy-session-20200101-000000000000',
      purpose: 'session',
      publicJwk: { kty: 'EC', crv: 'P-256', x: 'nope' },
      privateKeyEncrypted: 'v1.x.y',
      createdAt: new Date('2020-01-01T00:00:00.000Z'),
      retiredAt: new Date('2020-02-01T00:00:00.000Z'),
    });
    assert.deepEqual(
      (await keys.publicJwks()).map((jwk) => jwk.kid),
      [good.kid],
    );
    assert.equal(await keys.verificationKey('poy-session-20200101-000000000000'), null);
  });
});
