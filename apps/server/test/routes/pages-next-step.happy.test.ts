// A link that can no longer be used says what to do next (docs/api.md §8): an expired, revoked or
// refused invite without a redirect, and one in use on another device, point to the project for a new
// link, with a link to the project's own site when it has declared one (its first redirect origin).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createInvitePageFixture } from '../support/page-fixtures.ts';
import { buildPagesApp } from '../support/pages-app.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const SITE_LINK =
  /<a class="button" href="https:\/\/forum\.acme\.example\/">Go to Acme Forum for a new link<\/a>/;

describe('pages: the next step on a link that no longer works', () => {
  const fixture = createInvitePageFixture();
  let app: FastifyInstance;
  before(async () => {
    app = await buildPagesApp(fixture);
    const site = 'https://forum.acme.example';
    fixture.add('invExpiredSite00000001', { status: 'EXPIRED', projectSiteUrl: site });
    fixture.add('invExpiredNoSite000001', { status: 'EXPIRED' });
    fixture.add('invRevokedSite00000001', { status: 'REVOKED', projectSiteUrl: site });
    fixture.add('invVerifiedSite0000001', { status: 'VERIFIED', projectSiteUrl: site });
    fixture.add('invInUseSite0000000001', { device: 'other_device', projectSiteUrl: site });
    fixture.add('invUnsafeSite000000001', { status: 'EXPIRED', projectSiteUrl: 'javascript:alert(1)' });
  });
  after(async () => {
    await app.close();
  });

  for (const on of ['phone', 'desktop']) {
    it(`an expired link on the ${on} page: ask the project for a new link, with a link to its site`, async () => {
      const page = await app.inject({
        url: `/i/invExpiredSite00000001?on=${on}`,
        headers: { 'user-agent': IPHONE },
      });
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.body, /<h1 id="end-title">This link has expired<\/h1>/);
      assert.match(page.body, /<p id="end-body">Ask Acme Forum for a new link\.<\/p>/);
      assert.match(page.body, SITE_LINK);
    });
  }

  it('without a known site the expired page still names the next step, and links nowhere', async () => {
    const page = await app.inject({ url: '/i/invExpiredNoSite000001?on=phone' });
    assert.match(page.body, /Ask Acme Forum for a new link\./);
    assert.ok(!page.body.includes('id="end-site"'), page.body);
  });

  it('a revoked link says to ask for a new one, with the site', async () => {
    const page = await app.inject({ url: '/i/invRevokedSite00000001?on=phone' });
    assert.match(page.body, /Ask Acme Forum for a new link if you still need one\./);
    assert.match(page.body, SITE_LINK);
  });

  it('a verified link needs no new one: no site link', async () => {
    const page = await app.inject({ url: '/i/invVerifiedSite0000001?on=phone' });
    assert.ok(!page.body.includes('id="end-site"'), page.body);
  });

  it('a link in use on another device: finish there or ask for a new link, with the site', async () => {
    const page = await app.inject({
      url: '/i/invInUseSite0000000001?on=phone',
      headers: { 'user-agent': IPHONE },
    });
    assert.match(page.body, /ask Acme Forum for a new link/);
    assert.match(page.body, SITE_LINK);
  });

  it('a site URL that is not http(s) is never rendered as a link', async () => {
    const page = await app.inject({ url: '/i/invUnsafeSite000000001?on=phone' });
    assert.ok(!page.body.includes('javascript:'), page.body);
    assert.ok(!page.body.includes('id="end-site"'), page.body);
  });
});
