// What compression must not weaken. Dashboard pages hold the session's anti-forgery token beside text
// a request can put there (filters echoed into forms), so a compressed page's length could leak the
// token to someone watching the traffic of requests they make the member's browser send (BREACH):
// they are compressed only for requests our own pages or the member started, never for one another
// site started. And compressed or not, every page keeps its caching and security headers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DASHBOARD_PAGE_HEADERS } from '../../src/http/dashboard/dashboard-route-helpers.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { BROWSER_ACCEPT_ENCODING, decodedBody } from '../support/content-coding.ts';
import { type DashboardTestSession, getDashboardPage, signInMember } from '../support/dashboard-session.ts';

const ECHOED = 'breach-guess-0123456789';

describe('compression: security', () => {
  let harness: TestApp;
  let member: DashboardTestSession;
  let pages: string[];
  before(async () => {
    harness = await createTestApp();
    const tenant = await createTestTenant(harness);
    member = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    pages = [
      `/dashboard/p/${tenant.project.id}/test/overview`,
      // A filter value is echoed into the page's form: the attacker's half of a BREACH guess.
      `/dashboard/p/${tenant.project.id}/test/verifications?q=${ECHOED}`,
      '/dashboard/projects',
    ];
  });
  after(async () => {
    await harness.close();
  });

  it('a dashboard page is compressed for requests our pages or the member started', async () => {
    for (const url of pages) {
      for (const site of ['same-origin', 'none']) {
        const response = await getDashboardPage(harness.app, url, member, {
          'accept-encoding': BROWSER_ACCEPT_ENCODING,
          'sec-fetch-site': site,
        });
        assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
        assert.equal(response.headers['content-encoding'], 'br', `${url} (${site})`);
        assert.ok(
          decodedBody(response).toString('utf8').includes(member.csrfToken),
          'the page holds the token',
        );
        for (const [name, value] of Object.entries(DASHBOARD_PAGE_HEADERS)) {
          assert.equal(response.headers[name], value, `${url}: ${name}`);
        }
      }
    }
  });

  it('never for a request another site started, or a browser that does not say', async () => {
    for (const url of pages) {
      for (const site of ['cross-site', 'same-site', undefined]) {
        const response = await getDashboardPage(harness.app, url, member, {
          'accept-encoding': BROWSER_ACCEPT_ENCODING,
          ...(site === undefined ? {} : { 'sec-fetch-site': site }),
        });
        assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
        assert.equal(response.headers['content-encoding'], undefined, `${url} (${String(site)})`);
        assert.ok(response.body.includes(member.csrfToken), url);
        if (url.includes('?q=')) assert.ok(response.body.includes(ECHOED), 'the filter is echoed');
        assert.match(String(response.headers.vary), /Accept-Encoding/, url);
        // Nor may the proxy in front compress it (Caddy's `encode` honours no-transform).
        assert.equal(response.headers['cache-control'], 'no-store, no-transform', url);
        for (const [name, value] of Object.entries(DASHBOARD_PAGE_HEADERS)) {
          if (name !== 'cache-control') assert.equal(response.headers[name], value, `${url}: ${name}`);
        }
      }
    }
  });

  it('a hostile Accept-Encoding is read as no coding, never an error', async () => {
    for (const acceptEncoding of [
      `${'x;q=1, '.repeat(2000)}br`,
      'br;q=nan',
      'br;q=-1',
      ',,,;;;',
      'br;q=1e999',
    ]) {
      const response = await harness.app.inject({ url: '/', headers: { 'accept-encoding': acceptEncoding } });
      assert.equal(response.statusCode, 200, acceptEncoding.slice(0, 40));
      assert.ok(decodedBody(response).toString('utf8').startsWith('<!doctype html>'));
    }
  });
});
