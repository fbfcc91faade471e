// The language switch: `?lang=xx` stores a known language in the `poy_lang` cookie and redirects to
// the same page without it, and nowhere else (an open redirect would let a link on our domain send
// people to any site); an unknown or hostile value changes nothing and is never echoed; a forged
// cookie value is ignored; only GET and HEAD switch; every translated response varies on language.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LANGUAGE_COOKIE, languageRedirectTarget } from '../../src/http/page-language.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { getDashboardPage, signInMember } from '../support/dashboard-session.ts';
import { rawMessageKeys } from '../support/raw-message-keys.ts';

function setCookieOf(headers: Record<string, unknown>): string {
  const value = headers['set-cookie'];
  return Array.isArray(value) ? value.join('\n') : String(value ?? '');
}

describe('languages: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  it('?lang= stores the language for a year and answers 303 to the same page without it', async () => {
    const response = await harness.app.inject({ url: '/join?code=AB%20CD&lang=es&x=1' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/join?code=AB%20CD&x=1');
    const cookie = setCookieOf(response.headers);
    assert.match(cookie, new RegExp(`^${LANGUAGE_COOKIE}=es;`));
    assert.match(cookie, /Max-Age=31536000/);
    assert.match(cookie, /Path=\//);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.equal(response.headers['cache-control'], 'no-store');

    const landing = await harness.app.inject({ url: '/?lang=AR' });
    assert.equal(landing.statusCode, 303);
    assert.equal(landing.headers.location, '/');
    assert.match(setCookieOf(landing.headers), new RegExp(`^${LANGUAGE_COOKIE}=ar;`));
  });

  it('the dashboard switches too, before asking a signed-out person to sign in', async () => {
    const response = await harness.app.inject({ url: '/dashboard/projects?lang=de' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/dashboard/projects');
    assert.match(setCookieOf(response.headers), new RegExp(`^${LANGUAGE_COOKIE}=de;`));
    const login = await harness.app.inject({ url: '/login?next=%2Fdashboard&lang=fr' });
    assert.equal(login.headers.location, '/login?next=%2Fdashboard');
  });

  it('the redirect stays on this site whatever the path looks like', async () => {
    for (const url of [
      '//evil.example/?lang=es',
      '///evil.example?lang=es',
      '/\\evil.example?lang=es',
      '/%2F%2Fevil.example?lang=es',
      'http://evil.example/join?lang=es',
      '\\\\evil.example?lang=es',
    ]) {
      const target = languageRedirectTarget(url);
      assert.ok(target !== null, url);
      assert.match(target.location, /^\/(?![/\\])/, `${url} → ${target.location}`);
      assert.ok(!new URL(target.location, 'https://poy.example').host.includes('evil'), url);
    }
    const response = await harness.app.inject({ url: '//evil.example/?lang=es' });
    const location = String(response.headers.location ?? '');
    if (response.statusCode === 303) assert.match(location, /^\/(?![/\\])/, location);
    assert.ok(!new URL(location || '/', 'https://poy.example').host.includes('evil'), location);
  });

  it('an unknown or hostile value is ignored: no cookie, no redirect, not echoed', async () => {
    for (const value of ['xx', 'en-US', '', '<script>alert(1)</script>', 'es%0d%0aSet-Cookie:%20a=b']) {
      const response = await harness.app.inject({ url: `/join?lang=${encodeURIComponent(value)}` });
      assert.equal(response.statusCode, 200, value);
      assert.equal(response.headers['set-cookie'], undefined, value);
      assert.ok(!response.body.includes('alert(1)'), value);
      assert.match(response.body, /<html lang="en" dir="ltr">/, value);
    }
  });

  it('the switcher’s links carry over only the view parameter, nothing else the request sent', async () => {
    const response = await harness.app.inject({ url: '/?on=phone&evil=%22%3E%3Cb%3E&next=//evil.example' });
    assert.ok(response.body.includes('href="?on=phone&amp;lang=es"'), response.body);
    assert.ok(!response.body.includes('evil'), response.body);
    const long = await harness.app.inject({ url: `/?on=${'a'.repeat(200)}` });
    assert.ok(long.body.includes('href="?lang=es"'), long.body);
  });

  it('a cookie that names no language of ours falls back to Accept-Language', async () => {
    for (const value of ['xx', '"><script>', 'AR', '']) {
      const response = await harness.app.inject({
        url: '/',
        headers: { cookie: `${LANGUAGE_COOKIE}=${encodeURIComponent(value)}`, 'accept-language': 'de' },
      });
      assert.match(response.body, /<html lang="de" dir="ltr">/, value);
    }
  });

  it('only GET and HEAD switch; a form post keeps its own answer', async () => {
    const head = await harness.app.inject({ method: 'HEAD', url: '/join?lang=fr' });
    assert.equal(head.statusCode, 303);
    const post = await harness.app.inject({ method: 'POST', url: '/dashboard/projects?lang=fr' });
    assert.notEqual(post.statusCode, 303);
    assert.equal(post.headers['set-cookie']?.toString().includes(LANGUAGE_COOKIE) ?? false, false);
  });

  it('every translated response varies on Accept-Language and Cookie', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    const responses = [
      await harness.app.inject({ url: '/' }),
      await harness.app.inject({ url: '/join' }),
      await harness.app.inject({ url: '/i/invUnknown0000000000' }),
      await harness.app.inject({ url: '/p/ABC1234' }),
      await harness.app.inject({ url: '/login' }),
      await getDashboardPage(harness.app, '/dashboard/projects', owner),
      await getDashboardPage(harness.app, '/dashboard/nowhere', owner),
      await harness.app.inject({ url: '/join?lang=es' }),
    ];
    for (const response of responses) {
      assert.match(String(response.headers.vary), /Accept-Language/, String(response.statusCode));
      assert.match(String(response.headers.vary), /Cookie/, String(response.statusCode));
    }
  });

  it('the raw-key check used by the page tests finds a leaked key and ignores asset paths', () => {
    assert.deepEqual(
      rawMessageKeys(
        '<p>phone.intro.heading</p><script src="/assets/phone.js"></script><img alt="dash.title">',
      ),
      ['phone.intro.heading', 'dash.title'],
    );
    assert.deepEqual(
      rawMessageKeys('<link rel="stylesheet" href="/assets/poy.css"><a href="/assets/desktop.js">x</a>'),
      [],
    );
  });
});
