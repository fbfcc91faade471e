// The hosted pages in every language in a real browser: a browser set to the language (its
// Accept-Language) gets the QR hand-off page, the phone's first step, /join and the dashboard's
// sign-in in it, Arabic right to left, each without serious or critical axe violations; the switcher
// changes the language and remembers it. Screenshots per page and language go to /tmp/poy-screens/
// for people to look at (not compared).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LOCALE_CODES, LOCALE_INFO, LOCALES, type Locale } from '../apps/server/src/web/i18n/translate.ts';
import { findSeriousAxeViolations } from './support/axe.ts';
import { collectPageErrors, launchChromium, phoneUserAgent } from './support/browser.ts';
import { type ConnectClient, createConnectClient } from './support/connect-api.ts';
import { textOf, waitVisible } from './support/pages.ts';
import { type PoyUnderTest, startPoyForE2e } from './support/poy-server.ts';
import { useSuiteHarness } from './support/suite-harness.ts';
import { STEP_TIMEOUT_MS } from './support/timing.ts';

const SCREENSHOT_DIR = '/tmp/poy-screens';
const TEST_TIMEOUT_MS = 120_000;

interface Harness {
  poy: PoyUnderTest;
  connect: ConnectClient;
  browser: Browser;
}

const suite = useSuiteHarness<Harness>(async (defer) => {
  const poy = await startPoyForE2e();
  defer(() => poy.close());
  const browser = await launchChromium({ revealAutomation: false });
  defer(() => browser.close());
  return { poy, connect: createConnectClient(poy.baseUrl, poy.liveKey), browser };
});
const setup = suite.get;

/** A browser whose language is `locale` (Playwright sends it as Accept-Language), laptop or phone. */
async function openContext(
  browser: Browser,
  locale: Locale,
  kind: 'desktop' | 'phone',
): Promise<BrowserContext> {
  const context = await browser.newContext(
    kind === 'desktop'
      ? { viewport: { width: 1280, height: 800 }, locale }
      : {
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          userAgent: phoneUserAgent(browser),
          locale,
        },
  );
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  return context;
}

/** The page is in `locale`, is accessible, and is saved as <name>-<locale>.png. */
async function checkPage(page: Page, locale: Locale, name: string): Promise<void> {
  assert.equal(await page.getAttribute('html', 'lang'), locale, `${name} ${locale}: lang`);
  assert.equal(await page.getAttribute('html', 'dir'), LOCALE_INFO[locale].dir, `${name} ${locale}: dir`);
  assert.equal(
    await page.evaluate(() => getComputedStyle(document.body).direction),
    LOCALE_INFO[locale].dir,
    `${name} ${locale}: the layout runs in the language's direction`,
  );
  assert.equal(
    await page.locator('nav.language-switch a').count(),
    LOCALE_CODES.length,
    `${name} ${locale}: the switcher offers every language`,
  );
  const violations = await findSeriousAxeViolations(page);
  assert.deepEqual(violations, [], `${name} ${locale}: ${JSON.stringify(violations, null, 2)}`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${locale}.png`), fullPage: true });
}

describe('the hosted pages in every language', () => {
  for (const locale of LOCALE_CODES) {
    test(`${LOCALE_INFO[locale].name}: QR hand-off, phone, /join and sign-in`, {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const { poy, connect, browser } = setup();
      const messages = LOCALES[locale];
      const registered = await connect.register({ reference_user_id: `language-${locale}` });

      const desktop = await openContext(browser, locale, 'desktop');
      const desktopErrors = collectPageErrors(desktop);
      const phone = await openContext(browser, locale, 'phone');
      const phoneErrors = collectPageErrors(phone);
      try {
        const qrPage = await desktop.newPage();
        await qrPage.goto(registered.invite_url);
        await waitVisible(qrPage, '.qr__code svg');
        assert.equal(await textOf(qrPage, '#pending-view h1'), messages['desktop.heading']);
        assert.equal(await textOf(qrPage, '#progress-text'), messages['status.PENDING']);
        await checkPage(qrPage, locale, 'desktop');

        const joinPage = await desktop.newPage();
        await joinPage.goto(`${poy.baseUrl}/join`);
        assert.equal(await textOf(joinPage, 'h1'), messages['join.heading']);
        await checkPage(joinPage, locale, 'join');

        const loginPage = await desktop.newPage();
        await loginPage.goto(`${poy.baseUrl}/login`);
        assert.equal(await textOf(loginPage, 'h1'), messages['dash.auth.login.title']);
        await checkPage(loginPage, locale, 'dashboard-login');

        const phonePage = await phone.newPage();
        await phonePage.goto(registered.invite_url);
        await waitVisible(phonePage, '#step-intro');
        assert.equal(
          await textOf(phonePage, '#step-intro h1'),
          messages['phone.intro.heading'].replace('{projectName}', poy.projectName),
        );
        await checkPage(phonePage, locale, 'phone');

        assert.deepEqual(desktopErrors, []);
        assert.deepEqual(phoneErrors, []);
      } finally {
        await desktop.close();
        await phone.close();
      }
    });
  }

  test('the switcher changes the language, keeps it, and leaves a clean address', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const { poy, browser } = setup();
    const context = await openContext(browser, 'en', 'desktop');
    try {
      const page = await context.newPage();
      await page.goto(`${poy.baseUrl}/join`);
      await page.click(`nav.language-switch a[hreflang="ar"]`);
      await page.waitForURL(`${poy.baseUrl}/join`);
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      assert.equal(await textOf(page, 'h1'), LOCALES.ar['join.heading']);
      // Remembered by the cookie, whatever the browser's own language says.
      await page.goto(`${poy.baseUrl}/`);
      assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      await page.click(`nav.language-switch a[hreflang="de"]`);
      await page.waitForURL(`${poy.baseUrl}/`);
      assert.equal(await page.getAttribute('html', 'lang'), 'de');
    } finally {
      await context.close();
    }
  });
});
