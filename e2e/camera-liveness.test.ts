// The camera step in a real browser (live mode, the server's default policy: `unique` required). The
// page runs the face model itself and captures the frames; the server analyses them. Chromium's fake
// camera plays a rendered video, one browser per video: the astronaut's head turning, another person
// turning, the astronaut's photo waved flat, and a browser with no camera at all. Each person here has
// a phone of their own (a fresh virtual authenticator), so the face, not the passkey, decides.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { z } from 'zod';
import { VELOCITY_LIMIT_BOUNDS } from '../apps/server/src/core/velocity/velocity-limits.ts';
import { launchChromium, openPhonePage, type PhoneDevice, saveScreenshot } from './support/browser.ts';
import {
  writeFlatAstronautVideo,
  writeTurningAstronautVideo,
  writeTurningGroupPersonVideo,
} from './support/camera-videos.ts';
import { type ConnectClient, createConnectClient, type StatusAnswer } from './support/connect-api.ts';
import {
  CAMERA_ATTEMPT_TIMEOUT_MS,
  choosePasskey,
  continueFromIntro,
  followCameraStep,
  message,
  type PhoneResult,
  startCameraCheck,
  textOf,
  waitForCameraState,
  waitForPhoneResult,
  waitVisible,
} from './support/pages.ts';
import { type PoyUnderTest, startPoyForE2e } from './support/poy-server.ts';
import { useSuiteHarness } from './support/suite-harness.ts';
import { STEP_TIMEOUT_MS } from './support/timing.ts';

/** One camera attempt and the rest of the flow, on a loaded two-core machine. */
const CAMERA_TEST_TIMEOUT_MS = 300_000;
/** Where a camera attempt ends, one way or the other. */
const CAMERA_END_STATES = ['passed', 'failed', 'timeout', 'no-face', 'expired', 'model-failed'];

interface Harness {
  poy: PoyUnderTest;
  connect: ConnectClient;
}

async function launchWith(videoPath: string | undefined): Promise<Browser> {
  const browser = await launchChromium({
    revealAutomation: false,
    ...(videoPath === undefined ? {} : { fakeCameraVideoPath: videoPath }),
  });
  suite.defer(() => browser.close());
  return browser;
}

const suite = useSuiteHarness<Harness>(async (defer) => {
  // Several new people from 127.0.0.1 within a minute: above the documented per-address default.
  const max = VELOCITY_LIMIT_BOUNDS.max;
  const poy = await startPoyForE2e({
    velocityLimits: {
      newHumansPerIpPerHour: max,
      newHumansPerPrefixPerHour: max,
      newHumansPerDevicePerDay: max,
      startsPerIpPerHour: max,
      startsPerDevicePerHour: max,
      velocityAction: 'fail',
    },
  });
  defer(() => poy.close());
  return { poy, connect: createConnectClient(poy.baseUrl, poy.liveKey) };
});
const setup = suite.get;

/** A new phone (its own passkey) registered as `referenceUserId`, up to the camera step's consent. */
async function openInviteWithNewPasskey(
  browser: Browser,
  referenceUserId: string,
  uniquenessRegionId?: string,
): Promise<PhoneDevice> {
  const { connect } = setup();
  const registered = await connect.register({
    reference_user_id: referenceUserId,
    ...(uniquenessRegionId === undefined ? {} : { uniqueness_region_id: uniquenessRegionId }),
  });
  const phone = await openPhonePage(browser);
  suite.defer(() => phone.context.close());
  await phone.page.goto(registered.invite_url, { timeout: STEP_TIMEOUT_MS });
  await continueFromIntro(phone.page);
  await choosePasskey(phone.page, 'create');
  await waitVisible(phone.page, '#step-consent');
  return phone;
}

/** The camera step with the browser's video, to the result page. */
async function verifyWithCamera(
  browser: Browser,
  referenceUserId: string,
  uniquenessRegionId?: string,
): Promise<{ cameraState: string; result: PhoneResult; phone: PhoneDevice }> {
  const phone = await openInviteWithNewPasskey(browser, referenceUserId, uniquenessRegionId);
  await startCameraCheck(phone.page);
  const cameraState = await followCameraStep(phone.page);
  if (!/passed$/.test(cameraState)) {
    await saveScreenshot(phone.page, `camera-${referenceUserId}-${cameraState}`);
    assert.fail(`the camera step ended in ${cameraState}: ${await textOf(phone.page, '#camera-prompt')}`);
  }
  const result = await waitForPhoneResult(phone.page, CAMERA_ATTEMPT_TIMEOUT_MS);
  return { cameraState, result, phone };
}

function assertVerifiedUnique(status: StatusAnswer): string {
  assert.equal(status.verification_status, 'VERIFIED', JSON.stringify(status));
  assert.equal(status.connection_verified, true, JSON.stringify(status));
  const data = status.simple_data_request_response;
  assert.ok(data !== null, JSON.stringify(status));
  assert.match(data.unique_human_id, /^uh_/, JSON.stringify(status));
  return data.unique_human_id;
}

function assertNoPageErrors(phone: PhoneDevice): void {
  assert.deepEqual(phone.errors.splice(0), []);
}

describe('the camera step with the astronaut turning his head', () => {
  let astronautBrowser: Browser | undefined;
  let astronautHumanId = '';

  function browserOfAstronaut(): Browser {
    if (astronautBrowser === undefined) throw new Error('needs the browser of the first test');
    return astronautBrowser;
  }

  test('passes: VERIFIED with assurance unique', { timeout: CAMERA_TEST_TIMEOUT_MS }, async () => {
    astronautBrowser = await launchWith(await writeTurningAstronautVideo());
    const { cameraState, result, phone } = await verifyWithCamera(astronautBrowser, 'astronaut-1');
    await saveScreenshot(phone.page, '20-camera-astronaut-verified');
    assert.match(cameraState, /passed$/);
    assert.equal(result.status, 'VERIFIED', JSON.stringify(result));
    assert.equal(result.assurance, 'unique', JSON.stringify(result));
    astronautHumanId = assertVerifiedUnique(await setup().connect.getStatus('astronaut-1'));
    assertNoPageErrors(phone);
  });

  test('the same face with a new passkey, another user in the same scope: DUPLICATE_HUMAN', {
    timeout: CAMERA_TEST_TIMEOUT_MS,
  }, async () => {
    assert.notEqual(astronautHumanId, '', 'needs the verified astronaut of the first test');
    const { result, phone } = await verifyWithCamera(browserOfAstronaut(), 'astronaut-2');
    await saveScreenshot(phone.page, '21-camera-astronaut-duplicate');
    assert.equal(result.status, 'UNFULFILLABLE', JSON.stringify(result));
    assert.ok(
      result.reasons.includes(message('reason.DUPLICATE_HUMAN', { projectName: setup().poy.projectName })),
      JSON.stringify(result),
    );
    const status = await setup().connect.getStatus('astronaut-2');
    assert.equal(status.verification_status, 'UNFULFILLABLE', JSON.stringify(status));
    assert.equal(status.unfulfillable_reason, 'DUPLICATE_HUMAN', JSON.stringify(status));
    assert.equal(status.simple_data_request_response, null);
    assertNoPageErrors(phone);
  });

  test('the same face in another uniqueness region: VERIFIED with another unique_human_id', {
    timeout: CAMERA_TEST_TIMEOUT_MS,
  }, async () => {
    assert.notEqual(astronautHumanId, '', 'needs the verified astronaut of the first test');
    const { result, phone } = await verifyWithCamera(browserOfAstronaut(), 'astronaut-3', 'eu-west');
    assert.equal(result.status, 'VERIFIED', JSON.stringify(result));
    assert.equal(result.assurance, 'unique', JSON.stringify(result));
    const status = await setup().connect.getStatus('astronaut-3');
    const uniqueHumanId = assertVerifiedUnique(status);
    assert.equal(status.simple_data_request_response?.uniqueness_region_id, 'eu-west');
    assert.notEqual(uniqueHumanId, astronautHumanId, 'unique_human_id differs across uniqueness scopes');
    assertNoPageErrors(phone);
  });
});

describe('the camera step with other videos', () => {
  test('another face (a group-photo person on a plain wall): VERIFIED as a new human', {
    timeout: CAMERA_TEST_TIMEOUT_MS,
  }, async () => {
    const browser = await launchWith(await writeTurningGroupPersonVideo(2, 0));
    const { cameraState, result, phone } = await verifyWithCamera(browser, 'other-person-1');
    await saveScreenshot(phone.page, '22-camera-other-person-verified');
    assert.match(cameraState, /passed$/);
    assert.equal(result.status, 'VERIFIED', JSON.stringify(result));
    assert.equal(result.assurance, 'unique', JSON.stringify(result));
    const uniqueHumanId = assertVerifiedUnique(await setup().connect.getStatus('other-person-1'));
    const astronaut = await setup().connect.getStatus('astronaut-1');
    assert.notEqual(uniqueHumanId, astronaut.simple_data_request_response?.unique_human_id);
    assertNoPageErrors(phone);
  });
  test('a flat photo waved at the camera does not pass the camera step', {
    timeout: CAMERA_TEST_TIMEOUT_MS,
  }, async () => {
    const browser = await launchWith(await writeFlatAstronautVideo());
    const phone = await openInviteWithNewPasskey(browser, 'flat-photo-1');
    const page = phone.page;
    const livenessAnswers: Array<Promise<unknown>> = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('/liveness') && response.request().method() === 'POST') {
        livenessAnswers.push(response.json());
      }
    });
    await startCameraCheck(page);
    // A sheet of paper does not turn like a head: the page's own pose gate stops the attempt (the move
    // times out), or, when its frames get through, the server refuses them.
    const cameraState = await waitForCameraState(page, CAMERA_END_STATES);
    await saveScreenshot(page, '23-camera-flat-photo');
    assert.ok(['timeout', 'failed'].includes(cameraState), `the camera step ended in ${cameraState}`);
    const answerSchema = z.object({ passed: z.boolean(), reasons: z.array(z.string()) });
    for (const answered of livenessAnswers) {
      const answer = answerSchema.parse(await answered);
      assert.equal(answer.passed, false, JSON.stringify(answer));
      assert.ok(answer.reasons.includes('POSE_NOT_FOLLOWED'), JSON.stringify(answer));
    }
    assert.equal(
      livenessAnswers.length > 0,
      cameraState === 'failed',
      'frames reach the server only when sent',
    );
    assert.equal((await setup().connect.getStatus('flat-photo-1')).verification_status, 'PENDING');
    assertNoPageErrors(phone);
  });

  test('a phone without a camera: the page offers the way without it, which ends at assurance passkey', {
    timeout: CAMERA_TEST_TIMEOUT_MS,
  }, async () => {
    const browser = await launchWith(undefined);
    const phone = await openInviteWithNewPasskey(browser, 'no-camera-1');
    const page = phone.page;
    await startCameraCheck(page);
    const cameraState = await waitForCameraState(
      page,
      ['no-camera', 'denied', 'failed-camera'],
      STEP_TIMEOUT_MS,
    );
    assert.equal(cameraState, 'no-camera');
    assert.equal(await textOf(page, '#camera-prompt'), message('phone.camera.noCamera'));
    await saveScreenshot(page, '24-camera-none');
    await page.locator('#camera-without').tap({ timeout: STEP_TIMEOUT_MS });
    await waitVisible(page, '#step-skip');
    assert.equal(await page.locator('#step-skip').getAttribute('data-policy-met'), 'false');
    assert.equal(
      await textOf(page, '#skip-body'),
      message('phone.skip.notAccepted', { projectName: setup().poy.projectName }),
    );
    await page.locator('#skip-finish').tap({ timeout: STEP_TIMEOUT_MS });
    const result = await waitForPhoneResult(page);
    await saveScreenshot(page, '25-camera-none-result');
    assert.equal(result.assurance, 'passkey', JSON.stringify(result));
    assert.equal(result.status, 'UNFULFILLABLE', JSON.stringify(result));
    assertNoPageErrors(phone);
  });
});
