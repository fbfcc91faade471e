// Profiles of ids that are not PoY identities: malformed or unknown ids are 404 on the API (POY error
// format), the page (the friendly HTML 404) and the badge (an SVG saying so); a sandbox identity is a
// 404 that says test identities are not public.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { expectPoyError } from '../flow/flow-driver.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';

const MALFORMED = [
  'XYZ',
  '123456',
  '12345678',
  'GGGGGGG',
  encodeURIComponent('PoY #12345'),
  encodeURIComponent('PoY #12345G7'),
  encodeURIComponent('PoY 1234567'),
  encodeURIComponent('#1234567 PoY'),
  encodeURIComponent('<script>alert(1)</script>'),
  '%20',
  'A'.repeat(40),
];
/** Well-formed but never issued: the store is fresh, so no identity has this code. */
const UNKNOWN = ['0000000', encodeURIComponent('PoY #0000000')];

let addressCounter = 0;
function freshAddress(): string {
  addressCounter++;
  return `192.0.2.${addressCounter}`;
}

describe('public profiles: errors', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  for (const id of [...MALFORMED, ...UNKNOWN]) {
    it(`profile ${id.slice(0, 48)} → 404`, async () => {
      const reply = await harness.app.inject({
        method: 'GET',
        url: `/api/poy/profile/${id}`,
        remoteAddress: freshAddress(),
      });
      expectPoyError(reply, 404, 'not_found');
      assert.ok(!reply.body.includes('<script>'), reply.body);
    });
  }

  it('the page of a malformed or unknown code → the friendly 404 page', async () => {
    for (const code of ['XYZ', '12345678', '0000000', encodeURIComponent('<b>')]) {
      const reply = await harness.app.inject({ method: 'GET', url: `/p/${code}` });
      assert.equal(reply.statusCode, 404, `${code}: ${reply.body}`);
      assert.match(String(reply.headers['content-type']), /^text\/html/);
      assert.ok(!reply.body.includes('<b>'), reply.body);
    }
  });

  it('the badge of an unknown or malformed code → 404, still an SVG that says the id is unknown', async () => {
    const unknown = await harness.app.inject({ method: 'GET', url: '/p/0000000/badge.svg' });
    const malformed = await harness.app.inject({
      method: 'GET',
      url: `/p/${encodeURIComponent('<b>x')}/badge.svg`,
    });
    for (const reply of [unknown, malformed]) {
      assert.equal(reply.statusCode, 404, reply.body);
      // An image, so a page that embeds it shows a badge rather than a broken image.
      assert.match(String(reply.headers['content-type']), /^image\/svg\+xml/, reply.body);
      assert.match(reply.body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.ok(reply.body.includes('unknown id'), reply.body);
      assert.ok(!reply.body.includes('<b>'), reply.body);
    }
    assert.ok(unknown.body.includes('PoY #0000000'), unknown.body);
  });

  it('a sandbox identity: the API says test identities are not public, as do the page and the badge', async () => {
    const tenant = await createTestTenant(harness);
    const forced = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/sandbox/outcome',
      headers: { authorization: `Bearer ${tenant.testKey}` },
      payload: { userId: 'sandbox-person', outcome: 'verified' },
    });
    assert.equal(forced.statusCode, 200, forced.body);
    const poyId = z.object({ poyId: z.string() }).parse(JSON.parse(forced.body)).poyId;
    const code = poyId.slice('PoY #'.length);

    const api = await harness.app.inject({
      method: 'GET',
      url: `/api/poy/profile/${code}`,
      remoteAddress: freshAddress(),
    });
    const message = expectPoyError(api, 404, 'test_identity_not_public');
    assert.match(message, /test identities have no public profile/, api.body);

    const page = await harness.app.inject({ method: 'GET', url: `/p/${code}` });
    assert.equal(page.statusCode, 404, page.body);
    assert.ok(page.body.includes('Test identities are not public'), page.body);
    assert.ok(page.body.includes(poyId), page.body);
    assert.ok(!page.body.includes('This link does not work'), 'not the unknown-link page');

    const badge = await harness.app.inject({ method: 'GET', url: `/p/${code}/badge.svg` });
    assert.equal(badge.statusCode, 404, badge.body);
    assert.match(String(badge.headers['content-type']), /^image\/svg\+xml/);
    assert.ok(badge.body.includes('test identity, not public'), badge.body);
  });

  it('the profile route takes no other methods', async () => {
    const reply = await harness.app.inject({ method: 'POST', url: '/api/poy/profile/0000000', payload: {} });
    expectPoyError(reply, 405, 'method_not_allowed');
  });
});
