// Profiles of ids that are not PoY identities: malformed or unknown ids are 404 on the API (POY error
// format), the page (the friendly HTML 404) and the badge.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectPoyError } from '../flow/flow-driver.ts';
import { createTestApp, type TestApp } from '../harness.ts';

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

  it('the badge of an unknown code → 404, of a malformed one a 4xx; never an SVG', async () => {
    const unknown = await harness.app.inject({ method: 'GET', url: '/p/0000000/badge.svg' });
    expectPoyError(unknown, 404, 'not_found');
    // pages.ts validates the code's shape in the route schema, so a malformed code is refused as 400.
    const malformed = await harness.app.inject({ method: 'GET', url: '/p/XYZ/badge.svg' });
    assert.ok([400, 404].includes(malformed.statusCode), malformed.body);
    for (const reply of [unknown, malformed]) {
      assert.doesNotMatch(String(reply.headers['content-type']), /svg/, reply.body);
    }
  });

  it('the profile route takes no other methods', async () => {
    const reply = await harness.app.inject({ method: 'POST', url: '/api/poy/profile/0000000', payload: {} });
    expectPoyError(reply, 405, 'method_not_allowed');
  });
});
