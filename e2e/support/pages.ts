// What a person does and sees on the hosted pages. Expected texts come from the English catalog the
// server renders, so wording changes do not break the tests but a wrong or missing message does.
import type { Page } from 'playwright-core';
import { en } from '../../apps/server/src/web/i18n/en.ts';
import { formatMessage, type MessageParams } from '../../apps/server/src/web/i18n/translate.ts';
import { STEP_TIMEOUT_MS } from './timing.ts';

export function message(key: keyof typeof en, params: MessageParams = {}): string {
  return formatMessage(en[key], params);
}

export async function waitVisible(page: Page, selector: string): Promise<void> {
  await page.locator(selector).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
}

export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).textContent({ timeout: STEP_TIMEOUT_MS })) ?? '').trim();
}

/** waitForFunction resolves on a truthy value, so null here means the page changed under us. */
function nonNull<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`The page no longer shows ${what}`);
  return value;
}

// ---- desktop ------------------------------------------------------------------------------------

export interface EndState {
  status: string;
  title: string;
  body: string;
  continueHref: string | null;
}

/** Waits for the end state the page shows itself (desktop.js, or phone.js for an invite that ended). */
export async function waitForEndState(page: Page): Promise<EndState> {
  const handle = await page.waitForFunction(
    () => {
      const section = document.getElementById('end-state');
      if (section === null || section.hidden) return null;
      const continueLine = document.getElementById('end-continue');
      const link = document.getElementById('end-continue-link');
      return {
        status: section.dataset.status ?? '',
        title: document.getElementById('end-title')?.textContent?.trim() ?? '',
        body: document.getElementById('end-body')?.textContent?.trim() ?? '',
        continueHref:
          continueLine !== null && !continueLine.hidden && link instanceof HTMLAnchorElement
            ? link.href
            : null,
      };
    },
    undefined,
    { timeout: STEP_TIMEOUT_MS },
  );
  return nonNull(await handle.jsonValue(), 'the end state');
}

// ---- phone --------------------------------------------------------------------------------------

export async function continueFromIntro(page: Page): Promise<void> {
  await waitVisible(page, '#step-intro');
  await page.locator('#intro-continue').tap({ timeout: STEP_TIMEOUT_MS });
  await waitVisible(page, '#step-passkey');
}

export async function choosePasskey(page: Page, choice: 'create' | 'existing'): Promise<void> {
  await page
    .locator(choice === 'create' ? '#passkey-create' : '#passkey-existing')
    .tap({ timeout: STEP_TIMEOUT_MS });
}

export type CameraSkipReason = 'declined' | 'no_camera' | 'cannot_move';

const SKIP_BUTTONS: Record<CameraSkipReason, string> = {
  declined: '#consent-declined',
  no_camera: '#consent-no-camera',
  cannot_move: '#consent-cannot-move',
};

/**
 * After the passkey, the camera check's consent screen: the person chooses the way without the camera,
 * reads what that means for the business, and finishes. Returns that explanation.
 */
export async function finishWithoutCamera(page: Page, reason: CameraSkipReason): Promise<string> {
  await waitVisible(page, '#step-consent');
  await page.locator(SKIP_BUTTONS[reason]).tap({ timeout: STEP_TIMEOUT_MS });
  await waitVisible(page, '#step-skip');
  const explanation = await textOf(page, '#skip-body');
  await page.locator('#skip-finish').tap({ timeout: STEP_TIMEOUT_MS });
  return explanation;
}

/**
 * The in-browser face model runs on a loaded CI machine, and a move may need a whole loop of the fake
 * video (about 12 s) before the head turns that way: one camera attempt gets this long.
 */
export const CAMERA_ATTEMPT_TIMEOUT_MS = 150_000;

/** After the passkey: the person allows the camera and starts the check. */
export async function startCameraCheck(page: Page): Promise<void> {
  await waitVisible(page, '#step-consent');
  await page.locator('#consent-start').tap({ timeout: STEP_TIMEOUT_MS });
  await waitVisible(page, '#step-camera');
}

/** Waits until the camera step reaches one of `states` (its `data-state`) and returns it. */
export async function waitForCameraState(
  page: Page,
  states: readonly string[],
  timeoutMs = CAMERA_ATTEMPT_TIMEOUT_MS,
): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const state = document.getElementById('step-camera')?.dataset.state ?? '';
      const result = document.getElementById('step-result');
      if (result !== null && !result.hidden) return `result:${state}`;
      return wanted.includes(state) ? state : null;
    },
    states,
    { timeout: timeoutMs, polling: 250 },
  );
  return nonNull(await handle.jsonValue(), 'the camera step');
}

/** Where one camera attempt ends: the server's answer, or a stop the page offers to try again. */
const CAMERA_END_STATES = ['passed', 'failed', 'timeout', 'no-face', 'expired', 'model-failed'];
/** Stops a person simply tries again ("Try again"): the video's loop may not reach a move in time. */
const CAMERA_RETRY_STATES = new Set(['timeout', 'no-face', 'expired']);
const CAMERA_RETRIES = 4;

/**
 * Follows the camera step to its end as a patient person would: a move that timed out (the fake
 * video turns the head on its own schedule, about every 12 s) is tried again with the page's retry
 * button. Returns the state it ended in (`passed`, `failed`, … or `result:<state>` when the result
 * page came straight away).
 */
export async function followCameraStep(page: Page): Promise<string> {
  for (let retry = 0; ; retry++) {
    const state = await waitForCameraState(page, CAMERA_END_STATES);
    if (!CAMERA_RETRY_STATES.has(state) || retry >= CAMERA_RETRIES) return state;
    await page.locator('#camera-retry').tap({ timeout: STEP_TIMEOUT_MS });
    // The retry leaves the stopped state at once; wait for that so the next wait sees the new attempt.
    await page.waitForFunction(
      (stopped) => document.getElementById('step-camera')?.dataset.state !== stopped,
      state,
      { timeout: STEP_TIMEOUT_MS },
    );
  }
}

export interface PhoneResult {
  status: string;
  /** `data-assurance` of the result: the assurance the person reached (`unique`, `passkey`, …). */
  assurance: string;
  title: string;
  body: string;
  reasons: string[];
  continueHref: string | null;
}

export async function waitForPhoneResult(page: Page, timeoutMs = STEP_TIMEOUT_MS): Promise<PhoneResult> {
  const handle = await page.waitForFunction(
    () => {
      const section = document.getElementById('step-result');
      if (section === null || section.hidden) return null;
      const reasons = document.getElementById('result-reasons');
      const continueLine = document.getElementById('result-continue');
      const link = document.getElementById('result-continue-link');
      return {
        status: section.dataset.status ?? '',
        assurance: section.dataset.assurance ?? '',
        title: document.getElementById('result-title')?.textContent?.trim() ?? '',
        body: document.getElementById('result-body')?.textContent?.trim() ?? '',
        reasons:
          reasons === null || reasons.hidden
            ? []
            : [...reasons.querySelectorAll('li')].map((item) => item.textContent?.trim() ?? ''),
        continueHref:
          continueLine !== null && !continueLine.hidden && link instanceof HTMLAnchorElement
            ? link.href
            : null,
      };
    },
    undefined,
    { timeout: timeoutMs },
  );
  return nonNull(await handle.jsonValue(), 'the result');
}

export interface PhoneAlert {
  message: string;
  retryLabel: string;
}

export async function waitForPhoneAlert(page: Page): Promise<PhoneAlert> {
  await waitVisible(page, '#alert');
  await waitVisible(page, '#alert-retry');
  return { message: await textOf(page, '#alert-message'), retryLabel: await textOf(page, '#alert-retry') };
}
