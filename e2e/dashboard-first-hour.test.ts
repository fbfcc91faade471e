// The first hour of a new business in the dashboard, in real Chromium against `poy serve` as its own
// process (issue 12's acceptance walk): the printed sign-in link → a passkey → a project → a live and a
// test key shown once → the API accepts the key → revoked in the dashboard → the API refuses it → a
// webhook endpoint at a local receiver → a test event → its delivery in the log → replayed → a sandbox
// verification with its reason codes → a viewer invited with the CLI cannot create a key. axe-core
// checks every dashboard page on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyPoySignature } from '@poy/wire';
import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { type AxeViolation, findSeriousAxeViolations } from './support/axe.ts';
import { launchChromium, openDesktopWithPasskeys, saveScreenshot } from './support/browser.ts';
import { message } from './support/pages.ts';
import { type PoyProcess, startPoyProcess } from './support/poy-process.ts';
import { waitFor } from './support/timing.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

const SIGN_IN_LINK = /Dashboard sign-in link \(one use, expires in 24 hours\): (\S+)/;
const INVITE_LINK = /Invite link \(one use, expires in 7 days\): (\S+)/;

/** A dashboard page past the sign-in link (the link page itself is under /dashboard/links/). */
function isSignedInPage(url: URL): boolean {
  return url.pathname.startsWith('/dashboard') && !url.pathname.startsWith('/dashboard/links/');
}

/** Every page checked, with what axe found there; asserted empty at the end so one run shows them all. */
const accessibilityFindings: Array<{ page: string; violations: AxeViolation[] }> = [];

async function checkAccessibility(page: Page, name: string): Promise<void> {
  const violations = await findSeriousAxeViolations(page);
  if (violations.length > 0) accessibilityFindings.push({ page: name, violations });
  await saveScreenshot(page, `dashboard-${name}`);
}

async function callApi(poy: PoyProcess, key: string): Promise<number> {
  const response = await fetch(`${poy.baseUrl}/api/poy/project`, {
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return response.status;
}

async function postJson(poy: PoyProcess, path: string, key: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${poy.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'API-KEY': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  assert.ok(response.ok, `POST ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** Creates a key on the keys page of the current mode and returns the full key the page shows once. */
async function createKey(page: Page, keysUrl: string, name: string): Promise<string> {
  await page.goto(keysUrl);
  await page.fill('#key-name', name);
  await Promise.all([
    page.waitForURL(keysUrl),
    page.getByRole('button', { name: message('dash.projects.keys.create.submit') }).click(),
  ]);
  const key = ((await page.locator('#new-key').textContent()) ?? '').trim();
  assert.match(key, /^poy_(live|test)_[0-9A-Za-z]{32}$/);
  // The copy button appears once the page's script runs.
  await page.locator('button[data-copy="#new-key"]').waitFor({ state: 'visible' });
  await page.reload();
  assert.equal(await page.locator('#new-key').count(), 0, 'the key is shown once, not after a reload');
  assert.equal((await page.content()).includes(key), false);
  return key;
}

describe('the dashboard: the first hour of a new business', () => {
  let poy: PoyProcess;
  let receiver: WebhookReceiver;
  let browser: Browser;

  before(async () => {
    poy = await startPoyProcess();
    receiver = await startWebhookReceiver();
    browser = await launchChromium({ revealAutomation: false });
  });

  after(async () => {
    await browser?.close();
    await receiver?.close();
    await poy?.close();
  });

  it('goes from the printed sign-in link to keys, webhooks, verifications and a read-only viewer', async () => {
    const owner = await openDesktopWithPasskeys(browser);
    const { page } = owner;

    // 1. The link the first start printed → name → passkey → the dashboard.
    const signInLink = (await poy.waitForOutput(SIGN_IN_LINK))[1] ?? '';
    await page.goto(signInLink);
    await checkAccessibility(page, 'first-owner-link');
    await page.fill('#display-name', 'Ada Owner');
    await Promise.all([page.waitForURL(isSignedInPage), page.click('#auth-submit')]);

    // 2. A project; creating one lands on its test keys.
    await page.goto(`${poy.baseUrl}/dashboard/projects`);
    await checkAccessibility(page, 'projects');
    await page.fill('#project-name', 'Acme Tickets');
    await Promise.all([
      page.waitForURL(/\/dashboard\/p\/proj_[0-9A-Za-z]+\/test\/keys$/),
      page.getByRole('button', { name: message('dash.projects.create.submit') }).click(),
    ]);
    const projectId = /\/dashboard\/p\/(proj_[0-9A-Za-z]+)\//.exec(page.url())?.[1] ?? '';
    const projectUrl = (mode: 'live' | 'test', section: string) =>
      `${poy.baseUrl}/dashboard/p/${projectId}/${mode}/${section}`;

    // 3. A live and a test key, each shown once; the API takes the live key.
    const liveKey = await createKey(page, projectUrl('live', 'keys'), 'Checkout server');
    await checkAccessibility(page, 'keys-live');
    const testKey = await createKey(page, projectUrl('test', 'keys'), 'CI');
    assert.ok(liveKey.startsWith('poy_live_') && testKey.startsWith('poy_test_'));
    assert.equal(await callApi(poy, liveKey), 200);

    // 4. Revoked in the dashboard (after the confirmation) → the very next API request is refused.
    await page.goto(projectUrl('live', 'keys'));
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([
      page.waitForURL(projectUrl('live', 'keys')),
      page
        .getByRole('button', { name: message('dash.projects.keys.revoke.submit'), exact: false })
        .first()
        .click(),
    ]);
    assert.equal(await callApi(poy, liveKey), 401);
    assert.equal(await callApi(poy, testKey), 200);

    // 5. A webhook endpoint (test mode) at a local receiver; its secret is shown once.
    await page.goto(projectUrl('test', 'webhooks'));
    await checkAccessibility(page, 'webhooks');
    await page.check('input[name="surface"][value="poy"]');
    await page.fill('#webhook-url', receiver.url);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: message('dash.webhooks.form.create') }).click(),
    ]);
    const secret = ((await page.locator('#revealed-secret').textContent()) ?? '').trim();
    assert.match(secret, /^whsec_/);
    await checkAccessibility(page, 'webhook-endpoint');

    // 6. "Send test event" on the endpoint's page → the receiver gets it, signed with that secret.
    await Promise.all([
      page.waitForURL(/\/webhooks\/[^/]+$/),
      page.locator('table tbody tr', { hasText: receiver.url }).getByRole('link').first().click(),
    ]);
    await page.getByRole('button', { name: message('dash.webhooks.test.send') }).click();
    await page.waitForLoadState('load');
    await waitFor('the test event', () => (receiver.received.length >= 1 ? true : undefined));
    const first = receiver.received[0];
    assert.ok(first);
    assert.equal(z.object({ event: z.string() }).parse(JSON.parse(first.body)).event, 'webhook.test');
    assert.ok(verifyPoySignature(first.body, String(first.headers['x-poy-signature']), secret));

    // 7. The delivery shows in the log as delivered; its page offers a replay, which sends it again.
    const delivered = message('dash.webhooks.status.succeeded');
    await waitFor('the delivered row in the log', async () => {
      await page.goto(projectUrl('test', 'deliveries'));
      return (await page.locator('table tbody tr', { hasText: delivered }).count()) > 0 ? true : undefined;
    });
    await checkAccessibility(page, 'deliveries');
    await page
      .locator('table tbody tr', { hasText: 'webhook.test' })
      .first()
      .getByRole('link')
      .first()
      .click();
    await page.waitForURL(/\/deliveries\/[^/]+$/);
    await checkAccessibility(page, 'delivery');
    await page.getByRole('button', { name: message('dash.webhooks.replay.submit'), exact: true }).click();
    await page.waitForLoadState('load');
    await waitFor('the replayed event', () => (receiver.received.length >= 2 ? true : undefined));
    assert.equal(receiver.received[1]?.body, first.body, 'a replay sends the same bytes');

    // 8. A sandbox verification through the Connect API shows with its reason code.
    await postJson(poy, '/v1/business_connect_user/register', testKey, { reference_user_id: 'customer-42' });
    await postJson(poy, '/v1/sandbox/outcome', testKey, {
      reference_user_id: 'customer-42',
      outcome: 'duplicate',
    });
    await page.goto(projectUrl('test', 'verifications'));
    const row = page.locator('table tbody tr', { hasText: 'customer-42' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /DUPLICATE_HUMAN/);
    await checkAccessibility(page, 'verifications');
    await page.goto(projectUrl('live', 'verifications'));
    assert.equal(
      await page.locator('table tbody tr', { hasText: 'customer-42' }).count(),
      0,
      'test data stays in test',
    );
    await page.goto(projectUrl('test', 'overview'));
    await checkAccessibility(page, 'usage');
    await page.goto(`${poy.baseUrl}/dashboard/team`);
    await checkAccessibility(page, 'team');
    await page.goto(`${poy.baseUrl}/dashboard/audit`);
    await checkAccessibility(page, 'audit');
    await page.goto(projectUrl('test', 'settings'));
    await checkAccessibility(page, 'settings');
    await page.goto(`${poy.baseUrl}/dashboard/security`);
    await checkAccessibility(page, 'security');

    // 9. A viewer invited with the CLI signs in on their own laptop and cannot create a key: the button
    //    is absent and the server refuses the form posted anyway.
    // The team page shows the command, with the account's id, for inviting from a shell.
    await page.goto(`${poy.baseUrl}/dashboard/team`);
    const accountId = (await page.locator('[data-account-id]').first().getAttribute('data-account-id')) ?? '';
    assert.match(accountId, /^acct_/);
    const invited = await poy.runCli(['member', 'invite', '--account', accountId, '--role', 'viewer']);
    const inviteLink = INVITE_LINK.exec(invited)?.[1] ?? '';
    assert.ok(inviteLink, invited);
    const viewer = await openDesktopWithPasskeys(browser);
    await viewer.page.goto(inviteLink);
    await viewer.page.fill('#display-name', 'Vic Viewer');
    await Promise.all([viewer.page.waitForURL(isSignedInPage), viewer.page.click('#auth-submit')]);
    await viewer.page.goto(projectUrl('test', 'keys'));
    assert.equal(
      await viewer.page.getByRole('button', { name: message('dash.projects.keys.create.submit') }).count(),
      0,
    );
    const refused = await viewer.page.evaluate(
      async (url) => {
        const csrf = document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, name: 'sneaky' }).toString(),
          redirect: 'manual',
        });
        return response.status;
      },
      projectUrl('test', 'keys'),
    );
    assert.equal(refused, 403);
    await viewer.page.reload();
    assert.equal(await viewer.page.locator('tbody tr', { hasText: 'sneaky' }).count(), 0, 'no key was made');
    await checkAccessibility(viewer.page, 'keys-viewer');

    assert.deepEqual(accessibilityFindings, [], JSON.stringify(accessibilityFindings, null, 2));
    assert.deepEqual(owner.errors, []);
    // The one error the viewer's browser logs is the refusal the test provoked.
    assert.deepEqual(
      viewer.errors.filter((error) => !error.includes('status of 403')),
      [],
    );
  });
});
