// Rate limits of the public pages and the hosted flow are declared per route (http/rate-limit-routes.ts),
// so every spelling of a URL that reaches a handler draws on the same budget: a guessed short code at
// /join cannot escape its per-IP limit through `/join/?code=`, `/%6Aoin?code=` or extra parameters, and
// the flow is limited per invite (by a digest of its code) and per client IP. 429s are in the POY
// error format with Retry-After.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PUBLIC_RATE_LIMITS } from '../../src/http/rate-limit-routes.ts';
import { expectPoyError, PHONE_USER_AGENT, type Reply, registerUser } from '../flow/flow-driver.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';

const limitOf = (windows: readonly { limit: number }[]): number => {
  const [first] = windows;
  assert.ok(first);
  return first.limit;
};

function expectRateLimited(reply: Reply, context: string): void {
  expectPoyError(reply, 429, 'rate_limited', context);
  assert.match(String(reply.headers['retry-after']), /^[1-9]\d*$/, context);
}

function randomCode(): string {
  return randomBytes(16).toString('base64url').replace(/[-_]/g, 'A').slice(0, 22);
}

describe('route rate limits', () => {
  let harness: TestApp;
  let addressCounter = 0;
  const freshAddress = () => `198.18.${(++addressCounter >> 8) & 255}.${addressCounter & 255}`;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('a guessed short code counts against one /join limit through every URL variant', async () => {
    const ip = freshAddress();
    const variants = [
      '/join?code=ABCD-2345',
      '/join/?code=ABCD-2345',
      '/%6Aoin?code=ABCD-2345',
      '/%6aoin/?code=ABCD-2345',
      '/join?code=ABCD-2345&utm_source=x',
      '/join?utm_source=x&code=ABCD-2345',
      '/join?code=ABCD%2D2345',
    ];
    const limit = limitOf(PUBLIC_RATE_LIMITS.joinPerIp);
    for (let index = 0; index < limit; index++) {
      const url = variants[index % variants.length] ?? '';
      const reply = await harness.app.inject({ method: 'GET', url, remoteAddress: ip });
      // Each variant reaches the /join handler: the "unknown code" page, not the router's 404.
      assert.equal(reply.statusCode, 404, `${url}: ${reply.body.slice(0, 200)}`);
      assert.match(String(reply.headers['content-type']), /^text\/html/, url);
    }
    for (const url of variants) {
      expectRateLimited(await harness.app.inject({ method: 'GET', url, remoteAddress: ip }), url);
    }
    // Another client is not affected.
    const other = await harness.app.inject({
      method: 'GET',
      url: variants[0] ?? '',
      remoteAddress: freshAddress(),
    });
    assert.equal(other.statusCode, 404);
  });

  it('the invite pages are limited per IP, whatever the spelling', async () => {
    const ip = freshAddress();
    const code = randomCode();
    const variants = [
      `/i/${code}`,
      `/i/${code}/`,
      `/%69/${code}`,
      `/i/${code}?on=phone`,
      `/i/${code}/status`,
    ];
    const limit = limitOf(PUBLIC_RATE_LIMITS.invitePagesPerIp);
    for (let index = 0; index < limit; index++) {
      const url = variants[index % variants.length] ?? '';
      const reply = await harness.app.inject({ method: 'GET', url, remoteAddress: ip });
      assert.equal(reply.statusCode, 404, url);
    }
    expectRateLimited(
      await harness.app.inject({ method: 'GET', url: `/i/${randomCode()}`, remoteAddress: ip }),
      'page',
    );
  });

  it('the flow of one invite is limited per invite, across IPs and URL spellings', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.testKey, { reference_user_id: 'hammered' });
    const start = { userAgent: PHONE_USER_AGENT, webdriver: false };
    const variants = [
      `/flow/${user.code}/start`,
      `/flow/${user.code}/start/`,
      `/%66low/${user.code}/start`,
      `/flow/${user.code}/%73tart?x=1`,
      `/flow/${user.code}/passkey/authentication-options`,
    ];
    const limit = limitOf(PUBLIC_RATE_LIMITS.flowPerInvite);
    for (let index = 0; index < limit; index++) {
      const url = variants[index % variants.length] ?? '';
      const reply = await harness.app.inject({
        method: 'POST',
        url,
        payload: start,
        remoteAddress: freshAddress(),
      });
      assert.notEqual(reply.statusCode, 429, `${url} (${index}): ${reply.body}`);
      assert.notEqual(reply.statusCode, 404, `${url} reaches the flow: ${reply.body}`);
    }
    const over = await harness.app.inject({
      method: 'POST',
      url: `/flow/${user.code}/start`,
      payload: start,
      remoteAddress: freshAddress(),
    });
    expectRateLimited(over, 'per invite');
    assert.equal(over.headers['ratelimit-remaining'], '0');
    // Another invite, from the same addresses, is not affected.
    const other = await registerUser(harness, tenant.testKey, { reference_user_id: 'untouched' });
    const fine = await harness.app.inject({
      method: 'POST',
      url: `/flow/${other.code}/start`,
      payload: start,
      remoteAddress: freshAddress(),
    });
    assert.equal(fine.statusCode, 200, fine.body);
  });

  it('the flow is limited per IP across invites', async () => {
    const ip = freshAddress();
    const limit = limitOf(PUBLIC_RATE_LIMITS.flowPerIp);
    for (let index = 0; index < limit; index++) {
      const reply = await harness.app.inject({
        method: 'POST',
        url: `/flow/${randomCode()}/passkey/registration-options`,
        remoteAddress: ip,
      });
      assert.equal(reply.statusCode, 404, reply.body);
    }
    const over = await harness.app.inject({
      method: 'POST',
      url: `/flow/${randomCode()}/passkey/registration-options`,
      remoteAddress: ip,
    });
    expectRateLimited(over, 'per IP');
    const elsewhere = await harness.app.inject({
      method: 'POST',
      url: `/flow/${randomCode()}/passkey/registration-options`,
      remoteAddress: freshAddress(),
    });
    assert.equal(elsewhere.statusCode, 404);
  });
});
