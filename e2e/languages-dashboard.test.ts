// The dashboard frame in every language in a real browser: the owner signs in through the printed link
// with a passkey, makes a project, then switches the language with the frame's switcher; each page
// has `<html lang dir>` (Arabic right to left), is laid out in that direction and has no serious or
// critical axe violations. Screenshots go to /tmp/poy-screens/dashboard-<language>.png.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { LOCALE_CODES, LOCALE_INFO, LOCALES } from '../apps/server/src/web/i18n/translate.ts';
import { findSeriousAxeViolations } from './support/axe.ts';
import { launchChromium, openDesktopWithPasskeys } from './support/browser.ts';
import { message } from './support/pages.ts';
import { type PoyProcess, startPoyProcess } from './support/poy-process.ts';

const SIGN_IN_LINK = /Dashboard sign-in link \(one use, expires in 24 hours\): (\S+)/;
const SCREENSHOT_DIR = '/tmp/poy-screens';

describe('the dashboard in every language', () => {
  let poy: PoyProcess;
  let browser: Browser;

  before(async () => {
    poy = await startPoyProcess();
    browser = await launchChromium({ revealAutomation: false });
  });

  after(async () => {
    await browser?.close();
    await poy?.close();
  });

  it('switches language from the frame, Arabic right to left, each page accessible', {
    timeout: 180_000,
  }, async () => {
    const owner = await openDesktopWithPasskeys(browser);
    const { page } = owner;
    const signInLink = (await poy.waitForOutput(SIGN_IN_LINK))[1] ?? '';
    await page.goto(signInLink);
    await page.fill('#display-name', 'Ada Owner');
    await Promise.all([
      page.waitForURL(
        (url) => url.pathname.startsWith('/dashboard') && !url.pathname.startsWith('/dashboard/links/'),
      ),
      page.click('#auth-submit'),
    ]);
    await page.goto(`${poy.baseUrl}/dashboard/projects`);
    await page.fill('#project-name', 'Acme Tickets');
    await Promise.all([
      page.waitForURL(/\/dashboard\/p\/proj_[0-9A-Za-z]+\/test\/keys$/),
      page.getByRole('button', { name: message('dash.projects.create.submit') }).click(),
    ]);
    const keysUrl = page.url();

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    for (const locale of LOCALE_CODES) {
      await Promise.all([
        page.waitForURL(keysUrl),
        page.click(`nav.language-switch a[hreflang="${locale}"]`),
      ]);
      assert.equal(await page.getAttribute('html', 'lang'), locale);
      assert.equal(await page.getAttribute('html', 'dir'), LOCALE_INFO[locale].dir);
      assert.equal(
        await page.evaluate(() => getComputedStyle(document.body).direction),
        LOCALE_INFO[locale].dir,
      );
      assert.equal(
        ((await page.locator('main h1').textContent()) ?? '').trim(),
        LOCALES[locale]['dash.projects.keys.title'],
      );
      const violations = await findSeriousAxeViolations(page);
      assert.deepEqual(violations, [], `${locale}: ${JSON.stringify(violations, null, 2)}`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-${locale}.png`), fullPage: true });
    }
    assert.deepEqual(owner.errors, []);
  });
});
