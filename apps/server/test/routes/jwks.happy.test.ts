import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { rotateSigningKey } from '../../src/core/signing/rotate-signing-key.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  createDeveloperTestApp,
  createVerifiedUser,
  expectBody,
  getJwks,
  poyPost,
  registerPasskey,
  STAMPS,
  sha256Of,
  signIn,
  stampAnswer,
} from './developer-api-helpers.ts';

const jwk = z
  .object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    kid: z.string().regex(/^poy-(stamp|session|redirect)-\d{8}-[0-9a-f]{12}$/),
    alg: z.literal('ES256'),
    use: z.literal('sig'),
  })
  .strict();
const jwks = z.object({ keys: z.array(jwk) }).strict();

describe('GET /.well-known/jwks.json', () => {
  let harness: TestApp;
  before(async () => {
    // A deployment of its own: the JWKS is global, so its contents are only predictable on a fresh one.
    harness = await createDeveloperTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('needs no key, is cacheable for 5 minutes, and is empty before anything was signed', async () => {
    const reply = await getJwks(harness);
    assert.equal(reply.statusCode, 200, reply.body);
    assert.equal(reply.headers['cache-control'], 'public, max-age=300');
    assert.match(String(reply.headers['content-type']), /application\/json/);
    assert.deepEqual(expectBody(reply, 200, jwks), { keys: [] });
  });

  it('lists the stamp and session keys, public members only, and keeps retired keys after rotation', async () => {
    const tenant = await createTestTenant(harness);
    await createVerifiedUser(harness, { project: tenant.project, mode: 'live', userId: 'usr_j' });
    const stamp = expectBody(
      await poyPost(harness, tenant.liveKey, STAMPS, {
        userId: 'usr_j',
        contentHash: sha256Of('j'),
        contentType: 'article',
      }),
      201,
      stampAnswer,
    );
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_j');
    await signIn(harness, tenant.liveKey, authenticator, { userId: 'usr_j' });

    const first = expectBody(await getJwks(harness), 200, jwks);
    assert.equal(first.keys.length, 2);
    assert.deepEqual(first.keys.map((key) => key.kid.split('-')[1]).sort(), ['session', 'stamp']);
    assert.ok(first.keys.some((key) => key.kid === stamp.keyId));
    assert.ok(!(await getJwks(harness)).body.includes('"d"'), 'no private member');

    harness.clock.advanceBy(1000);
    // As the CLI does; the app's key ring reloads through the store's invalidation.
    const rotated = await rotateSigningKey(
      { store: harness.store, clock: harness.clock, secrets: harness.app.services.verification.secrets },
      'stamp',
    );
    const after = expectBody(await getJwks(harness), 200, jwks);
    assert.deepEqual(
      after.keys.map((key) => key.kid),
      [...first.keys.map((key) => key.kid), rotated.key.kid],
      'oldest first; the retired stamp key stays',
    );
  });

  it('publishes the redirect key once a finished invite has signed a poy_result, and it verifies', async () => {
    const tenant = await createTestTenant(harness);
    const connect = (url: string, payload: unknown) =>
      harness.app.inject({
        method: 'POST',
        url,
        headers: { 'api-key': tenant.testKey, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
    const registered = await connect('/v1/business_connect_user/register', {
      reference_user_id: 'jwks-redirect',
      redirect_url: 'https://shop.example/back',
    });
    assert.equal(registered.statusCode, 200, registered.body);
    const inviteUrl = z.object({ invite_url: z.string() }).parse(JSON.parse(registered.body)).invite_url;
    const forced = await connect('/v1/sandbox/outcome', {
      reference_user_id: 'jwks-redirect',
      outcome: 'verified',
    });
    assert.equal(forced.statusCode, 200, forced.body);

    const status = await harness.app.inject({ method: 'GET', url: `${new URL(inviteUrl).pathname}/status` });
    const { redirectUrl } = z.object({ redirectUrl: z.string() }).parse(JSON.parse(status.body));
    const token = new URL(redirectUrl).searchParams.get('poy_result') ?? '';
    const header = z
      .object({ kid: z.string() })
      .parse(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')));
    const published = expectBody(await getJwks(harness), 200, jwks).keys;
    const key = published.find((candidate) => candidate.kid === header.kid);
    assert.ok(key, JSON.stringify(published));
    assert.ok(key.kid.startsWith('poy-redirect-'), key.kid);
    const [headerPart, payloadPart, signaturePart] = token.split('.');
    assert.ok(
      verify(
        'sha256',
        Buffer.from(`${headerPart}.${payloadPart}`),
        { key: createPublicKey({ key, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
        Buffer.from(signaturePart ?? '', 'base64url'),
      ),
    );
  });
});
