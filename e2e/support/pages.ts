// What a person does and sees on the hosted pages. Expected texts come from the English catalog the
// server renders, so wording changes do not break the tests but a wrong or missing message does.
import type { Page } from 'playwright-core';
import { en } from '../../apps/server/src/web/i18n/en.ts';
import { formatMessage, type MessageParams } from '../../apps/server/src/web/i18n/translate.ts';
import { type PhoneDevice, saveScreenshot } from './browser.ts';
import { type Point, performTouchDrag, planHandDrag } from './hand-drag.ts';
import type { Random } from './random.ts';
import { STEP_TIMEOUT_MS, sleep } from './timing.ts';

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

interface RoundGeometry {
  label: string;
  dot: Point;
  ring: Point & { radius: number };
}

/** Waits until a round other than `previousLabel` is on screen and reads where its dot and ring are. */
async function waitForRound(page: Page, previousLabel: string): Promise<RoundGeometry> {
  const handle = await page
    .waitForFunction(
      ({ previous, loading }) => {
        const label = document.getElementById('challenge-round')?.textContent?.trim() ?? '';
        const dot = document.getElementById('dot');
        const ring = document.getElementById('ring');
        if (dot === null || ring === null || dot.hidden || ring.hidden) return null;
        if (label === previous || label === loading) return null;
        // A person scrolls the exercise into view before touching it.
        document.getElementById('arena')?.scrollIntoView({ block: 'center', behavior: 'instant' });
        const dotBox = dot.getBoundingClientRect();
        const ringBox = ring.getBoundingClientRect();
        return {
          label,
          dot: { x: dotBox.left + dotBox.width / 2, y: dotBox.top + dotBox.height / 2 },
          ring: {
            x: ringBox.left + ringBox.width / 2,
            y: ringBox.top + ringBox.height / 2,
            radius: ringBox.width / 2,
          },
        };
      },
      { previous: previousLabel, loading: message('phone.challenge.loading') },
      { timeout: STEP_TIMEOUT_MS },
    )
    .catch(async (error: unknown) => {
      const feedback = await textOf(page, '#challenge-feedback').catch(() => '');
      throw new Error(`The next round did not appear (feedback: "${feedback}")`, { cause: error });
    });
  return nonNull(await handle.jsonValue(), 'the round');
}

function parseRoundLabel(label: string): { current: number; total: number } {
  const pattern = new RegExp(
    `^${en['phone.challenge.round']
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace('{current}', '(\\d+)')
      .replace('{total}', '(\\d+)')}$`,
  );
  const match = pattern.exec(label);
  if (!match) throw new Error(`Unexpected round label "${label}"`);
  return { current: Number(match[1]), total: Number(match[2]) };
}

/**
 * Plays every round like a person: sees the round, waits a human reaction time, presses the dot
 * slightly off-centre and drags it to a point inside the ring (not its exact centre). Returns the
 * number of rounds played.
 */
export async function solveDragChallenge(
  phone: PhoneDevice,
  random: Random,
  options: { screenshotName?: string } = {},
): Promise<number> {
  await waitVisible(phone.page, '#step-challenge');
  let previousLabel = '';
  let played = 0;
  for (;;) {
    const round = await waitForRound(phone.page, previousLabel);
    const { current, total } = parseRoundLabel(round.label);
    if (current !== played + 1)
      throw new Error(`Expected round ${played + 1}, the page shows "${round.label}"`);
    if (current === 1 && options.screenshotName) await saveScreenshot(phone.page, options.screenshotName);
    await sleep(random.between(320, 650));
    const press = { x: round.dot.x + random.wobble(5), y: round.dot.y + random.wobble(5) };
    const angle = random.between(0, 2 * Math.PI);
    const offset = random.between(0, 0.3) * round.ring.radius;
    const aim = { x: round.ring.x + Math.cos(angle) * offset, y: round.ring.y + Math.sin(angle) * offset };
    // The dot follows the finger at the offset where it was grabbed.
    const release = { x: aim.x + press.x - round.dot.x, y: aim.y + press.y - round.dot.y };
    await performTouchDrag(phone.cdp, planHandDrag(random, press, release));
    played = current;
    previousLabel = round.label;
    if (current === total) return played;
  }
}

export interface PhoneResult {
  status: string;
  title: string;
  body: string;
  reasons: string[];
  continueHref: string | null;
}

export async function waitForPhoneResult(page: Page): Promise<PhoneResult> {
  const handle = await page.waitForFunction(
    () => {
      const section = document.getElementById('step-result');
      if (section === null || section.hidden) return null;
      const reasons = document.getElementById('result-reasons');
      const continueLine = document.getElementById('result-continue');
      const link = document.getElementById('result-continue-link');
      return {
        status: section.dataset.status ?? '',
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
    { timeout: STEP_TIMEOUT_MS },
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
