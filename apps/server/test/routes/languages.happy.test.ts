// Every hosted page and a dashboard page in each language: the language chosen by Accept-Language or
// the `poy_lang` cookie, `<html lang dir>` (Arabic right to left), the page's own words from that
// language's catalog, the switcher naming every language in itself, `Vary` on language, and no
// catalog key left as text anywhere.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { LANGUAGE_COOKIE } from '../../src/http/page-language.ts';
import { escapeHtml } from '../../src/web/html.ts';
import {
  LOCALE_CODES,
  LOCALE_INFO,
  LOCALES,
  type Locale,
  type MessageKey,
} from '../../src/web/i18n/translate.ts';
import type { ProfilePageModel } from '../../src/web/templates/profile-page.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { getDashboardPage, signInMember } from '../support/dashboard-session.ts';
import { createInvitePageFixture } from '../support/page-fixtures.ts';
import { buildPagesApp } from '../support/pages-app.ts';
import { languageLinks, rawMessageKeys } from '../support/raw-message-keys.ts';

const PUBLIC_URL = 'http://localhost:8080';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const PROFILE: ProfilePageModel = {
  poyId: 'PoY #ABC1234',
  poyCode: 'ABC1234',
  isVerified: true,
  trustScore: 87,
  verifiedSince: new Date('2026-01-02T03:04:05Z'),
};

/** A page, the status it answers with, and one message it must show. */
interface PageCase {
  name: string;
  url: string;
  userAgent: string;
  status: number;
  shows: MessageKey;
}

const PAGES: readonly PageCase[] = [
  { name: 'landing', url: '/', userAgent: DESKTOP, status: 200, shows: 'landing.heading' },
  {
    name: 'desktop',
    url: '/i/invLanguages0000000001',
    userAgent: DESKTOP,
    status: 200,
    shows: 'desktop.heading',
  },
  {
    name: 'phone',
    url: '/i/invLanguages0000000001',
    userAgent: IPHONE,
    status: 200,
    shows: 'phone.intro.checkedHeading',
  },
  {
    name: 'in use',
    url: '/i/invLanguagesInUse00002',
    userAgent: IPHONE,
    status: 409,
    shows: 'inUse.heading',
  },
  {
    name: 'ended',
    url: '/i/invLanguagesExpired003',
    userAgent: DESKTOP,
    status: 200,
    shows: 'status.EXPIRED.title',
  },
  { name: 'join', url: '/join', userAgent: IPHONE, status: 200, shows: 'join.heading' },
  {
    name: 'join error',
    url: '/join?code=%21%21',
    userAgent: IPHONE,
    status: 400,
    shows: 'join.errorInvalid',
  },
  {
    name: 'not found',
    url: '/i/invUnknown0000000000',
    userAgent: IPHONE,
    status: 404,
    shows: 'notFound.heading',
  },
  { name: 'profile', url: '/p/ABC1234', userAgent: DESKTOP, status: 200, shows: 'profile.explainer' },
];

/** What every translated page in `locale` must be. */
function assertPageIn(
  response: LightMyRequestResponse,
  locale: Locale,
  shows: MessageKey,
  label: string,
): void {
  const messages = LOCALES[locale];
  assert.match(response.body, new RegExp(`<html lang="${locale}" dir="${LOCALE_INFO[locale].dir}">`), label);
  assert.ok(response.body.includes(escapeHtml(messages[shows])), `${label}: shows ${shows}`);
  assert.deepEqual(rawMessageKeys(response.body), [], `${label}: raw keys`);
  assert.match(String(response.headers.vary), /Accept-Language/, label);
  assert.match(String(response.headers.vary), /Cookie/, label);
  assert.ok(
    response.body.includes(
      `<nav class="language-switch" aria-label="${escapeHtml(messages['common.language'])}">`,
    ),
    `${label}: switcher`,
  );
  const links = languageLinks(response.body);
  assert.deepEqual(
    links.map((link) => link.hreflang),
    [...LOCALE_CODES],
    `${label}: one link per language`,
  );
  assert.deepEqual(
    links.filter((link) => link.current).map((link) => link.hreflang),
    [locale],
    `${label}: the current language is marked`,
  );
  for (const code of LOCALE_CODES) {
    assert.ok(response.body.includes(`>${LOCALE_INFO[code].name}</a>`), `${label}: ${code} named in itself`);
  }
}

describe('languages: hosted pages', () => {
  const fixture = createInvitePageFixture(PUBLIC_URL);
  let app: FastifyInstance;
  before(async () => {
    fixture.add('invLanguages0000000001', { mode: 'test' });
    fixture.add('invLanguagesInUse00002', { device: 'other_device', shortCode: 'LANG-0002' });
    fixture.add('invLanguagesExpired003', { status: 'EXPIRED', shortCode: 'LANG-0003' });
    app = await buildPagesApp(fixture, {
      loadProfile: async (code) => (code === PROFILE.poyCode ? PROFILE : null),
      publicUrl: PUBLIC_URL,
    });
  });
  after(async () => {
    await app.close();
  });

  for (const locale of LOCALE_CODES) {
    it(`every page in ${LOCALE_INFO[locale].name} from Accept-Language`, async () => {
      for (const page of PAGES) {
        const response = await app.inject({
          url: page.url,
          headers: {
            'user-agent': page.userAgent,
            'accept-language': `${locale}-XX, ${locale};q=0.9, en;q=0.1`,
          },
        });
        assert.equal(response.statusCode, page.status, `${page.name}: ${response.body}`);
        assertPageIn(response, locale, page.shows, `${locale} ${page.name}`);
      }
    });
  }

  it('the poy_lang cookie wins over Accept-Language', async () => {
    for (const page of PAGES) {
      const response = await app.inject({
        url: page.url,
        headers: { 'user-agent': page.userAgent, 'accept-language': 'de', cookie: `${LANGUAGE_COOKIE}=ar` },
      });
      assertPageIn(response, 'ar', page.shows, `cookie ${page.name}`);
    }
  });

  it('the switcher keeps the page’s other parameters', async () => {
    const response = await app.inject({
      url: '/i/invLanguages0000000001?on=phone',
      headers: { 'user-agent': DESKTOP },
    });
    assert.ok(response.body.includes('href="?on=phone&amp;lang=fr"'), response.body);
    const plain = await app.inject({ url: '/join' });
    assert.ok(plain.body.includes('href="?lang=de"'), plain.body);
  });

  it('the phone script receives its messages in the page’s language', async () => {
    const response = await app.inject({
      url: '/i/invLanguages0000000001',
      headers: { 'user-agent': IPHONE, 'accept-language': 'fr' },
    });
    assert.ok(response.body.includes(JSON.stringify(LOCALES.fr['phone.camera.hint.hold']).slice(1, -1)));
  });

  it('the badge follows the language and varies on it', async () => {
    for (const locale of LOCALE_CODES) {
      const response = await app.inject({
        url: '/p/ABC1234/badge.svg',
        headers: { 'accept-language': locale },
      });
      assert.equal(response.statusCode, 200);
      assert.ok(response.body.includes(escapeHtml(LOCALES[locale]['profile.badgeVerified'])), locale);
      assert.match(String(response.headers.vary), /Accept-Language/);
      assert.match(String(response.headers.vary), /Cookie/);
    }
  });
});

describe('languages: dashboard', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  it('a dashboard page, the sign-in page and a refusal page in every language', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    for (const locale of LOCALE_CODES) {
      const projects = await getDashboardPage(harness.app, '/dashboard/projects', owner, {
        'accept-language': locale,
      });
      assert.equal(projects.statusCode, 200, projects.body);
      assertPageIn(projects, locale, 'dash.projects.intro', `${locale} projects`);
      const overview = await getDashboardPage(
        harness.app,
        `/dashboard/p/${tenant.project.id}/test/overview`,
        null,
        { cookie: `${owner.cookie}; ${LANGUAGE_COOKIE}=${locale}`, 'accept-language': 'en' },
      );
      assert.equal(overview.statusCode, 200, overview.body);
      assertPageIn(overview, locale, 'dash.mode.testBanner', `${locale} overview`);
      const login = await getDashboardPage(harness.app, '/login', null, { 'accept-language': locale });
      assert.equal(login.statusCode, 200);
      assertPageIn(login, locale, 'dash.auth.login.intro', `${locale} login`);
      const missing = await getDashboardPage(harness.app, '/dashboard/p/prj_nope/live/keys', owner, {
        'accept-language': locale,
      });
      assert.equal(missing.statusCode, 404);
      assertPageIn(missing, locale, 'dash.auth.refusal.notFound.body', `${locale} refusal`);
    }
  });
});
