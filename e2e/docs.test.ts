// The developer docs in real Chromium (issue 15's acceptance: axe without serious or critical
// violations on /docs): the docs home, a guide and the API reference, which Scalar renders in the
// browser from the bundle the server ships. Every request the pages make stays on the server's own
// origin (no CDN, no web fonts, no telemetry), and the reference renders the operations of the
// OpenAPI document.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { findSeriousAxeViolations } from './support/axe.ts';
import { type Device, launchChromium, openDesktopPage, saveScreenshot } from './support/browser.ts';
import { type PoyUnderTest, startPoyForE2e } from './support/poy-server.ts';

/** Requests to anything but the server under test (data: and blob: URLs never leave the browser). */
function watchForeignRequests(device: Device, baseUrl: string): string[] {
  const foreign: string[] = [];
  const origin = new URL(baseUrl).origin;
  device.context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

async function assertAccessible(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `docs-${name}`);
  const violations = await findSeriousAxeViolations(page);
  assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 2)}`);
}

describe('docs in a browser', () => {
  let poy: PoyUnderTest;
  let browser: Browser;
  let device: Device;
  let foreignRequests: string[];

  before(async () => {
    poy = await startPoyForE2e();
    browser = await launchChromium({ revealAutomation: true });
    device = await openDesktopPage(browser);
    foreignRequests = watchForeignRequests(device, poy.baseUrl);
  });
  after(async () => {
    await browser?.close();
    await poy?.close();
  });

  it('the docs home links the guides and passes axe', async () => {
    const { page } = device;
    const response = await page.goto(`${poy.baseUrl}/docs`);
    assert.equal(response?.status(), 200);
    assert.ok((await page.locator('main a[href^="/docs/guides/"]').count()) >= 7);
    await assertAccessible(page, 'home');
  });

  it('a guide, with its table of contents and code, passes axe; the skip link moves focus to it', async () => {
    const { page } = device;
    const response = await page.goto(`${poy.baseUrl}/docs/guides/webhooks`);
    assert.equal(response?.status(), 200);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    const toc = page.locator('nav.docs-toc a');
    assert.ok((await toc.count()) >= 5);
    await assertAccessible(page, 'guide-webhooks');
  });

  it('the API reference renders the document with Scalar and passes axe', async () => {
    const { page } = device;
    // A 4.8 MB script (compressed on its first request) and a 75 kB document to lay out: on two busy
    // cores this takes far longer than a page of ours.
    const timeout = 180_000;
    // The bundle reports a document it cannot parse on the console (it once read the loading note as one).
    const documentErrors: string[] = [];
    const onConsole = (message: ConsoleMessage): void => {
      if (message.type() === 'error' && /Invalid (YAML|JSON)/.test(message.text()))
        documentErrors.push(message.text());
    };
    page.on('console', onConsole);
    const response = await page.goto(`${poy.baseUrl}/docs/reference`, { timeout });
    assert.equal(response?.status(), 200);
    // Rendered: the loading note is replaced and the operations of the document are listed (grouped by
    // tag; the first group, Verification, starts open).
    await page.locator('#poy-api-reference .docs-loading').waitFor({ state: 'detached', timeout });
    await page.getByText('/api/poy/verify', { exact: true }).first().waitFor({ timeout });
    await page.waitForLoadState('networkidle', { timeout });
    page.off('console', onConsole);
    assert.deepEqual(documentErrors, []);
    await assertAccessible(page, 'reference');
  });

  it('in the dark colour scheme, a guide and the reference pass axe too', async () => {
    const { page } = device;
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await page.goto(`${poy.baseUrl}/docs/guides/sandbox`);
      await assertAccessible(page, 'guide-sandbox-dark');
      const timeout = 180_000;
      await page.goto(`${poy.baseUrl}/docs/reference`, { timeout });
      await page.getByText('/api/poy/verify', { exact: true }).first().waitFor({ timeout });
      await page.waitForLoadState('networkidle', { timeout });
      await assertAccessible(page, 'reference-dark');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('nothing was requested from another origin', () => {
    assert.deepEqual(foreignRequests, []);
  });
});
