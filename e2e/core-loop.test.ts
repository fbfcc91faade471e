// Issue 3's acceptance in a real browser: the business registers a user, the desktop shows the QR
// code, a phone (touch, virtual platform passkey) scans it and does the check, the desktop follows
// live and both go back to the business, and the Connect API reports the result. Then the rules of
// uniqueness with the same passkey, the end state without a redirect, a cancelled passkey, and a
// browser that reports automation. The tests of the first block share one person (one phone and its
// passkey) and run in order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Request } from 'playwright-core';
import {
  type Device,
  launchChromium,
  openDesktopPage,
  openPhonePage,
  type PhoneDevice,
  phoneUserAgent,
  saveScreenshot,
} from './support/browser.ts';
import { writeTurningAstronautVideo } from './support/camera-videos.ts';
import { type ConnectClient, createConnectClient, type StatusAnswer } from './support/connect-api.ts';
import { type CompleteRequestWatch, watchCompleteRequests } from './support/flow-requests.ts';
import {
  choosePasskey,
  continueFromIntro,
  finishWithoutCamera,
  followCameraStep,
  message,
  startCameraCheck,
  textOf,
  waitForEndState,
  waitForPhoneAlert,
  waitForPhoneResult,
  waitVisible,
} from './support/pages.ts';
import { type PoyUnderTest, startPoyForE2e } from './support/poy-server.ts';
import { decodeQrFromPng } from './support/qr.ts';
import { expectRedirectResult } from './support/redirect-result.ts';
import { type RedirectTarget, startRedirectTarget } from './support/redirect-target.ts';
import { useSuiteHarness } from './support/suite-harness.ts';
import { STEP_TIMEOUT_MS, sleep } from './support/timing.ts';

const TEST_TIMEOUT_MS = 90_000;
/** The test that drives the camera step: the in-browser face model on a loaded machine. */
const CAMERA_TEST_TIMEOUT_MS = 240_000;
/** desktop.js waits 1.2 s before redirecting; this is comfortably longer. */
const NO_REDIRECT_OBSERVATION_MS = 2_500;

interface Harness {
  poy: PoyUnderTest;
  target: RedirectTarget;
  connect: ConnectClient;
  browser: Browser;
  desktop: Device;
  /** One person's phone for the whole block: its virtual authenticator keeps their passkey. */
  phone: PhoneDevice;
}

// Closed in reverse: the browser first (it holds event streams open), then the redirect target, then the server.
const suite = useSuiteHarness<Harness>(async (defer) => {
  const poy = await startPoyForE2e();
  defer(() => poy.close());
  const target = await startRedirectTarget();
  defer(() => target.close());
  const browser = await launchChromium({
    revealAutomation: false,
    fakeCameraVideoPath: await writeTurningAstronautVideo(),
  });
  defer(() => browser.close());
  const desktop = await openDesktopPage(browser);
  const phone = await openPhonePage(browser);
  return { poy, target, connect: createConnectClient(poy.baseUrl, poy.liveKey), browser, desktop, phone };
});
const setup = suite.get;

function assertVerified(status: StatusAnswer): { humannessScore: number; uniqueHumanId: string } {
  assert.equal(status.verification_status, 'VERIFIED', JSON.stringify(status));
  assert.equal(status.connection_verified, true, JSON.stringify(status));
  assert.equal(status.unfulfillable_reason, null, JSON.stringify(status));
  const data = status.simple_data_request_response;
  assert.ok(data !== null, JSON.stringify(status));
  assert.ok(Number.isInteger(data.humanness_score), JSON.stringify(status));
  assert.ok(data.humanness_score >= 50 && data.humanness_score <= 100, JSON.stringify(status));
  assert.match(data.unique_human_id, /^uh_/, JSON.stringify(status));
  return { humannessScore: data.humanness_score, uniqueHumanId: data.unique_human_id };
}

/** The one /complete request the phone sent, in its documented shape. */
function assertOneCompleteRequest(watch: CompleteRequestWatch): void {
  assert.deepEqual(watch.malformed, []);
  assert.equal(watch.bodies.length, 1, 'one /complete request');
}

/** No page logged an error or threw (CSP violations, failed module loads, exceptions in handlers). */
function assertNoPageErrors(...devices: Device[]): void {
  for (const device of devices) assert.deepEqual(device.errors.splice(0), []);
}

describe('a person verifies with a phone and a passkey (live mode)', () => {
  let firstUniqueHumanId = '';

  test('desktop QR hand-off, the check on the phone with the camera, both pages return to the business', {
    timeout: CAMERA_TEST_TIMEOUT_MS,
  }, async () => {
    const { poy, target, connect, browser, desktop, phone } = setup();
    const registered = await connect.register({
      reference_user_id: 'customer-1',
      redirect_url: `${target.origin}/return/customer-1?from=poy`,
    });
    assert.equal(registered.connection_verified, false);
    assert.match(registered.invite_url, new RegExp(`^${poy.baseUrl}/i/[A-Za-z0-9_-]+$`));

    // Desktop: the invite shows a QR code of itself, the short code and live progress.
    const desktopPage = await desktop.context.newPage();
    await desktopPage.goto(registered.invite_url, { timeout: STEP_TIMEOUT_MS });
    await waitVisible(desktopPage, '.qr__code svg');
    assert.equal(
      await desktopPage.locator('.sandbox-banner').count(),
      0,
      'live mode shows no sandbox banner',
    );
    assert.equal(await textOf(desktopPage, '#progress-text'), message('status.PENDING'));
    await saveScreenshot(desktopPage, '01-desktop-invite');
    const decoded = decodeQrFromPng(await desktopPage.locator('.qr__code').screenshot());
    assert.equal(decoded, registered.invite_url, 'the QR code encodes the invite URL');

    const shortCode = await textOf(desktopPage, '.short-code [aria-hidden="true"]');
    assert.match(shortCode, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The short code typed at /join leads to the same invite, in the phone view.
    const joined = await fetch(`${poy.baseUrl}/join?code=${encodeURIComponent(shortCode.toLowerCase())}`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(joined.status, 303);
    const inviteCode = new URL(registered.invite_url).pathname.split('/').at(-1) ?? '';
    assert.equal(joined.headers.get('location'), `/i/${inviteCode}?on=phone`);

    // Phone: what the camera read.
    const page = phone.page;
    await page.goto(decoded, { timeout: STEP_TIMEOUT_MS });
    assert.equal(await page.evaluate(() => navigator.webdriver), false, 'the human path runs unautomated');
    assert.equal(await page.locator('.sandbox-banner').count(), 0, 'live mode shows no sandbox banner');
    assert.equal(
      await textOf(page, '#intro-title'),
      message('phone.intro.heading', { projectName: poy.projectName }),
    );
    await saveScreenshot(page, '02-phone-intro');
    await continueFromIntro(page);
    await saveScreenshot(page, '03-phone-passkey');
    await choosePasskey(page, 'create');
    const completes = watchCompleteRequests(page);
    // The server reads automation from the User-Agent header: the phone's requests must carry the
    // phone's user agent, not headless Chromium's.
    const flowUserAgents = new Set<string>();
    const onFlowRequest = (request: Request): void => {
      if (request.url().startsWith(poy.baseUrl) && request.method() === 'POST') {
        void request.headerValue('user-agent').then((value) => flowUserAgents.add(value ?? ''));
      }
    };
    page.on('request', onFlowRequest);
    // The camera step: the fake camera plays the astronaut's head turning left, right, up and down.
    await waitVisible(page, '#step-consent');
    await saveScreenshot(page, '04-phone-camera-consent');
    await startCameraCheck(page);
    const cameraState = await followCameraStep(page);
    assert.match(cameraState, /passed$/, `the camera step ended in ${cameraState}`);

    // Both devices show the end; read them before they redirect.
    const [desktopEnd, phoneResult] = await Promise.all([
      waitForEndState(desktopPage),
      waitForPhoneResult(page),
    ]);
    await saveScreenshot(page, '05-phone-verified');
    assert.equal(phoneResult.status, 'VERIFIED', JSON.stringify(phoneResult));
    assert.equal(phoneResult.assurance, 'unique', JSON.stringify(phoneResult));
    assert.equal(phoneResult.title, message('phone.result.verifiedHeading'));
    assert.deepEqual(phoneResult.reasons, []);
    assert.equal(desktopEnd.status, 'VERIFIED', JSON.stringify(desktopEnd));
    assert.equal(desktopEnd.title, message('status.VERIFIED.title'));
    assert.equal(desktopEnd.body, message('common.redirecting', { projectName: poy.projectName }));
    completes.stop();
    assertOneCompleteRequest(completes);
    page.off('request', onFlowRequest);
    assert.deepEqual(
      [...flowUserAgents],
      [phoneUserAgent(browser)],
      'every flow request says Android Chrome',
    );

    // Each page goes to the business on its own.
    const isReturn = (url: URL) => url.origin === target.origin && url.pathname === '/return/customer-1';
    await desktopPage.waitForURL(isReturn, { timeout: STEP_TIMEOUT_MS });
    await page.waitForURL(isReturn, { timeout: STEP_TIMEOUT_MS });
    // The business's query is kept; the outcome is only in the signed poy_result, each page its own.
    const nonces = new Set<string>();
    for (const landed of [desktopPage.url(), page.url()]) {
      const result = await expectRedirectResult(poy, landed, {
        status: 'VERIFIED',
        userId: registered.user_id,
        referenceUserId: 'customer-1',
        keptQuery: { from: 'poy' },
      });
      nonces.add(result.nonce);
    }
    assert.equal(nonces.size, 2, 'a fresh token for each page');
    assert.equal(await textOf(desktopPage, '#done'), 'done');
    assert.equal(target.visits.filter((visit) => visit.pathname === '/return/customer-1').length, 2);
    await desktopPage.close();

    const status = await connect.getStatus('customer-1');
    assert.equal(status.user_id, registered.user_id);
    firstUniqueHumanId = assertVerified(status).uniqueHumanId;
    assertNoPageErrors(desktop, phone);
  });

  test('the same passkey under a second reference_user_id in the same scope: DUPLICATE_HUMAN', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const { poy, target, connect, phone } = setup();
    assert.notEqual(firstUniqueHumanId, '', 'needs the verified person of the previous test');
    const registered = await connect.register({
      reference_user_id: 'customer-2',
      redirect_url: `${target.origin}/return/customer-2`,
    });
    const page = phone.page;
    await page.goto(registered.invite_url, { timeout: STEP_TIMEOUT_MS });
    await continueFromIntro(page);
    await choosePasskey(page, 'existing');
    const result = await waitForPhoneResult(page);
    await saveScreenshot(page, '06-phone-duplicate');
    assert.equal(result.status, 'UNFULFILLABLE', JSON.stringify(result));
    assert.equal(result.title, message('phone.result.failedHeading'));
    assert.deepEqual(result.reasons, [message('reason.DUPLICATE_HUMAN', { projectName: poy.projectName })]);
    // A failed result stays on screen to be read; the way back is a link.
    assert.ok(result.continueHref !== null, JSON.stringify(result));
    await expectRedirectResult(poy, result.continueHref, {
      status: 'UNFULFILLABLE',
      userId: registered.user_id,
      referenceUserId: 'customer-2',
    });

    const status = await connect.getStatus('customer-2');
    assert.equal(status.verification_status, 'UNFULFILLABLE', JSON.stringify(status));
    assert.equal(status.unfulfillable_reason, 'DUPLICATE_HUMAN', JSON.stringify(status));
    assert.equal(status.connection_verified, false);
    assert.equal(status.simple_data_request_response, null);
    assertNoPageErrors(phone);
  });

  test('the same person in a new uniqueness region signs in without a challenge and gets another id', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const { poy, target, connect, phone } = setup();
    assert.notEqual(firstUniqueHumanId, '', 'needs the verified person of the first test');
    const registered = await connect.register({
      reference_user_id: 'customer-3',
      redirect_url: `${target.origin}/return/customer-3`,
      uniqueness_region_id: 'eu-west',
    });
    const page = phone.page;
    const challengeRequests: string[] = [];
    const onRequest = (request: Request): void => {
      if (new URL(request.url()).pathname.endsWith('/challenge')) challengeRequests.push(request.url());
    };
    page.on('request', onRequest);
    try {
      await page.goto(registered.invite_url, { timeout: STEP_TIMEOUT_MS });
      await continueFromIntro(page);
      await choosePasskey(page, 'existing');
      const result = await waitForPhoneResult(page);
      assert.equal(result.status, 'VERIFIED', JSON.stringify(result));
      await page.waitForURL((url) => url.pathname === '/return/customer-3', { timeout: STEP_TIMEOUT_MS });
      await expectRedirectResult(poy, page.url(), {
        status: 'VERIFIED',
        userId: registered.user_id,
        referenceUserId: 'customer-3',
      });
    } finally {
      page.off('request', onRequest);
    }
    assert.deepEqual(challengeRequests, [], 'a verified person joins a new scope without the challenge');

    const status = await connect.getStatus('customer-3');
    const { uniqueHumanId } = assertVerified(status);
    assert.equal(status.simple_data_request_response?.uniqueness_region_id, 'eu-west');
    assert.notEqual(uniqueHumanId, firstUniqueHumanId, 'unique_human_id differs across uniqueness scopes');
    assertNoPageErrors(phone);
  });

  test('typing the short code at /join; without a redirect_url both pages show a clear end state and stay', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const { poy, connect, desktop, phone } = setup();
    const registered = await connect.register({
      reference_user_id: 'customer-4',
      uniqueness_region_id: 'ap-south',
    });
    const desktopPage = await desktop.context.newPage();
    try {
      await desktopPage.goto(registered.invite_url, { timeout: STEP_TIMEOUT_MS });
      const shortCode = await textOf(desktopPage, '.short-code [aria-hidden="true"]');
      // This time the person types the code on the phone, loosely (lower case, a space for the dash).
      const page = phone.page;
      await page.goto(`${poy.baseUrl}/join`, { timeout: STEP_TIMEOUT_MS });
      await page
        .locator('#code')
        .fill(shortCode.toLowerCase().replace('-', ' '), { timeout: STEP_TIMEOUT_MS });
      await saveScreenshot(page, '07-phone-join');
      await page.locator('.join-form button[type="submit"]').tap({ timeout: STEP_TIMEOUT_MS });
      const phoneInviteUrl = `${registered.invite_url}?on=phone`;
      await page.waitForURL(phoneInviteUrl, { timeout: STEP_TIMEOUT_MS, waitUntil: 'commit' });
      // Tapped as soon as the intro shows, possibly before the page script has run: the tap must
      // not be lost (Continue is enabled by the script once it listens).
      await continueFromIntro(page);
      await choosePasskey(page, 'existing');

      const result = await waitForPhoneResult(page);
      assert.equal(result.status, 'VERIFIED', JSON.stringify(result));
      assert.equal(result.continueHref, null);
      assert.equal(
        result.body,
        `${message('phone.result.verifiedBody', { projectName: poy.projectName })} ${message('phone.result.close')}`,
      );
      const end = await waitForEndState(desktopPage);
      assert.deepEqual(end, {
        status: 'VERIFIED',
        title: message('status.VERIFIED.title'),
        body: message('status.VERIFIED.body', { projectName: poy.projectName }),
        continueHref: null,
      });
      assert.equal(await desktopPage.locator('#pending-view').isHidden(), true, 'the QR code is gone');
      await saveScreenshot(desktopPage, '08-desktop-end-no-redirect');
      await saveScreenshot(page, '09-phone-verified-no-redirect');
      // Nothing to go to: both pages stay where they are.
      await sleep(NO_REDIRECT_OBSERVATION_MS);
      assert.equal(desktopPage.url(), registered.invite_url);
      assert.equal(page.url(), phoneInviteUrl);
      assertVerified(await connect.getStatus('customer-4'));
      assertNoPageErrors(desktop, phone);
    } finally {
      await desktopPage.close();
    }
  });

  test('a passkey request that fails shows a recoverable error with a retry button', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const { browser, connect, target } = setup();
    // A phone whose owner does not unlock the passkey: user verification is required, so the
    // ceremony fails the way a cancelled fingerprint prompt does.
    const phone = await openPhonePage(browser, { isUserVerified: false });
    try {
      const registered = await connect.register({
        reference_user_id: 'customer-5',
        redirect_url: `${target.origin}/return/customer-5`,
      });
      const page = phone.page;
      await page.goto(registered.invite_url, { timeout: STEP_TIMEOUT_MS });
      await continueFromIntro(page);
      await choosePasskey(page, 'create');
      const alert = await waitForPhoneAlert(page);
      await saveScreenshot(page, '10-phone-passkey-cancelled');
      assert.equal(alert.message, message('phone.error.cancelled'));
      assert.equal(alert.retryLabel, message('common.tryAgain'));
      assert.equal((await connect.getStatus('customer-5')).verification_status, 'PENDING');

      // The person unlocks it this time: "Try again" repeats the passkey step and the flow goes on.
      await phone.cdp.send('WebAuthn.setUserVerified', {
        authenticatorId: phone.authenticatorId,
        isUserVerified: true,
      });
      await page.locator('#alert-retry').tap({ timeout: STEP_TIMEOUT_MS });
      await waitVisible(page, '#step-consent');
      assert.equal(await page.locator('#alert').isHidden(), true);
      assertNoPageErrors(phone);
    } finally {
      await phone.context.close();
    }
  });
});

describe('an automated browser that says so (HeadlessChrome user agent, navigator.webdriver)', () => {
  // The server reads automation from the requests themselves (the User-Agent header), never from what
  // the page reports: a script would not send navigator.webdriver. This browser keeps Playwright's
  // automation switch and its own "HeadlessChrome" user agent; it declines the camera, as a script
  // without one would.
  test('is refused: UNFULFILLABLE with AUTOMATION_DETECTED among the reasons, FAILED_CHECKS in get_status', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const { poy, connect, target } = setup();
    const browser = await launchChromium({ revealAutomation: true });
    try {
      const phone = await openPhonePage(browser, { userAgent: 'headless' });
      const registered = await connect.register({
        reference_user_id: 'bot-1',
        redirect_url: `${target.origin}/return/bot-1`,
      });
      const page = phone.page;
      // Its user agent is a desktop's, so it asks for the phone view as a typed short code would.
      await page.goto(`${registered.invite_url}?on=phone`, { timeout: STEP_TIMEOUT_MS });
      assert.equal(await page.evaluate(() => navigator.webdriver), true);
      assert.match(await page.evaluate(() => navigator.userAgent), /HeadlessChrome/);
      await continueFromIntro(page);
      await choosePasskey(page, 'create');
      const completes = watchCompleteRequests(page);
      await finishWithoutCamera(page, 'declined');
      const result = await waitForPhoneResult(page);
      completes.stop();
      await saveScreenshot(page, '11-phone-automation-detected');
      assertOneCompleteRequest(completes);
      assert.equal(result.status, 'UNFULFILLABLE', JSON.stringify(result));
      assert.ok(result.reasons.includes(message('reason.AUTOMATION_DETECTED')), JSON.stringify(result));
      assert.ok(result.reasons.includes(message('reason.CAMERA_DECLINED')), JSON.stringify(result));
      assert.ok(result.continueHref !== null, JSON.stringify(result));
      await expectRedirectResult(poy, result.continueHref, {
        status: 'UNFULFILLABLE',
        userId: registered.user_id,
        referenceUserId: 'bot-1',
      });

      const status = await connect.getStatus('bot-1');
      assert.equal(status.verification_status, 'UNFULFILLABLE', JSON.stringify(status));
      assert.equal(status.unfulfillable_reason, 'FAILED_CHECKS', JSON.stringify(status));
      assert.equal(status.connection_verified, false);
      assertNoPageErrors(phone);
    } finally {
      await browser.close();
    }
  });
});
