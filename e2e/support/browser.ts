// Debian Chromium driven by playwright-core (never `npx playwright install`), with the flags a closed
// network needs (no background networking, sync or component updates). One browser holds two devices: a desktop context and a phone
// context (touch, mobile viewport, phone user agent), each with its own cookies, as two real devices
// would have. The phone gets a CDP virtual authenticator that stands in for its platform passkey.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { STEP_TIMEOUT_MS } from './timing.ts';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = '/tmp/poy-e2e';

export interface LaunchOptions {
  /**
   * Playwright's Chromium announces itself as automated (navigator.webdriver === true), which the
   * scorer rightly treats as automation. `false` launches it the way a person's browser runs, without
   * the automation switch; `true` keeps it, for the test that automation is caught.
   */
  revealAutomation: boolean;
  /**
   * Chromium's fake camera belongs to the browser process, so a test that needs another face needs
   * another browser. With a path (an MJPEG file under os.tmpdir()) the camera plays that file in a
   * loop; without one the browser has no camera.
   */
  fakeCameraVideoPath?: string;
}

const FAKE_CAMERA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

export async function launchChromium(options: LaunchOptions): Promise<Browser> {
  // Without a video the browser has no camera at all (this machine has none), like a phone whose
  // camera is missing or broken.
  const cameraArgs =
    options.fakeCameraVideoPath === undefined
      ? []
      : [...FAKE_CAMERA_ARGS, `--use-file-for-fake-video-capture=${resolve(options.fakeCameraVideoPath)}`];
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: options.revealAutomation
      ? [...CHROMIUM_ARGS, ...cameraArgs]
      : [...CHROMIUM_ARGS, ...cameraArgs, '--disable-blink-features=AutomationControlled'],
    ...(options.revealAutomation ? {} : { ignoreDefaultArgs: ['--enable-automation'] }),
  });
}

/** Every Playwright action and navigation without its own timeout gives up after STEP_TIMEOUT_MS. */
function boundWaits(context: BrowserContext): void {
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
}

/** Headless Chromium says "HeadlessChrome"; the devices below report the same version as a normal build. */
function chromeMajorVersion(browser: Browser): string {
  return browser.version().split('.')[0] ?? '0';
}

export interface Device {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the device's pages (see collectPageErrors). */
  errors: string[];
}

export async function openDesktopPage(browser: Browser): Promise<Device> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeMajorVersion(browser)}.0.0.0 Safari/537.36`,
    locale: 'en-US',
  });
  boundWaits(context);
  const errors = collectPageErrors(context);
  return { context, page: await context.newPage(), errors };
}

/**
 * A laptop whose platform authenticator (Touch ID, Windows Hello) holds passkeys: a desktop context with
 * a CDP virtual authenticator, for the dashboard, where members sign in on their own computer.
 */
export async function openDesktopWithPasskeys(browser: Browser): Promise<Device & { cdp: CDPSession }> {
  const device = await openDesktopPage(browser);
  const cdp = await device.context.newCDPSession(device.page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { ...device, cdp };
}

/** The user agent of Chrome on an Android phone, at this browser's version. */
export function phoneUserAgent(browser: Browser): string {
  return `Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeMajorVersion(browser)}.0.0.0 Mobile Safari/537.36`;
}

export interface PhoneDevice extends Device {
  /** CDP session of the phone page: the virtual authenticator and touch input go through it. */
  cdp: CDPSession;
  authenticatorId: string;
}

export interface PhoneOptions {
  isUserVerified?: boolean;
  /**
   * `android` (default): a phone's Chrome user agent. `headless`: the browser's own, which says
   * "HeadlessChrome" in every request, as an unmasked automated browser does.
   */
  userAgent?: 'android' | 'headless';
}

export async function openPhonePage(browser: Browser, options: PhoneOptions = {}): Promise<PhoneDevice> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    ...(options.userAgent === 'headless' ? {} : { userAgent: phoneUserAgent(browser) }),
    locale: 'en-US',
    // The person allows the camera when the browser asks (the fake-UI switch answers the prompt too).
    permissions: ['camera'],
  });
  boundWaits(context);
  const errors = collectPageErrors(context);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // stack.md: a platform ("internal") authenticator with discoverable credentials and user
  // verification, answering without a prompt, like a phone unlocked by fingerprint.
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: options.isUserVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  return { context, page, errors, cdp, authenticatorId };
}

/**
 * Console errors and uncaught exceptions of every page in `context`. A real browser reports what unit
 * tests cannot see: a script the CSP blocks, a module that fails to load, an exception in a handler.
 */
export function collectPageErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  context.on('console', (entry) => {
    if (entry.type() === 'error') errors.push(`console: ${entry.text()} (${entry.location().url})`);
  });
  context.on('weberror', (webError) => errors.push(`uncaught: ${webError.error().message}`));
  return errors;
}

/** Saves a screenshot for people to look at; not compared by the tests. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
