// The phone flow (docs/flow-api.md): start → passkey (new or returning) → consent → camera check (or
// the way without it) when asked → complete → result and redirect. Every failure is shown with the
// reason and a "Try again" that repeats the step that failed; if the invite ended meanwhile, its end
// state is shown instead. What the first screen does not need is fetched later: the passkey library
// once the person moves past the intro, the camera code (camera.js, and the face model it loads) when
// they start the camera check.
import {
  createTranslator,
  FlowError,
  hasMessage,
  localizeTimes,
  readConfig,
  requestJson,
  showEndState,
  TERMINAL_STATUSES,
} from './common.js';

/** Time to read "You are verified" before the page moves on; the Continue link is there at once. */
const SUCCESS_REDIRECT_DELAY_MS = 2000;
const STEPS = ['step-intro', 'step-passkey', 'step-consent', 'step-camera', 'step-skip', 'step-result'];
/** Time kept back from a camera challenge's expiry for encoding and uploading the frames. */
const UPLOAD_MARGIN_MS = 5000;

const MOVE_PROMPTS = {
  left: 'phone.camera.move.left',
  right: 'phone.camera.move.right',
  up: 'phone.camera.move.up',
  down: 'phone.camera.move.down',
};
const CAMERA_HINTS = {
  hold: 'phone.camera.hint.hold',
  'no-face': 'phone.camera.hint.noFace',
  'turn-left': 'phone.camera.hint.turnLeft',
  'turn-right': 'phone.camera.hint.turnRight',
  'chin-up': 'phone.camera.hint.chinUp',
  'chin-down': 'phone.camera.hint.chinDown',
};
/** Where the capture stopped → what the person is told (each offers "Try again"). */
const CAPTURE_STOPS = {
  timeout: 'phone.camera.timeout',
  'no-face': 'phone.camera.noFace',
  'many-faces': 'phone.camera.manyFaces',
  expired: 'phone.camera.expired',
};
const CAMERA_UNAVAILABLE = {
  denied: 'phone.camera.denied',
  'no-camera': 'phone.camera.noCamera',
  failed: 'phone.camera.failed',
};

const config = readConfig();
const messages = config.messages ?? {};
const t = createTranslator(messages);
const projectParams = { projectName: config.projectName };
const flowUrl = (path) => `/flow/${encodeURIComponent(config.code)}${path}`;
const byId = (id) => document.getElementById(id);

const flow = { started: null, flowToken: null, poyId: null, ended: false };
/** The passkey library's module, once asked for (loadPasskeyLibrary). */
let passkeyLibrary = null;
/** The camera step while it runs: `{ module, device, session, challenge, abort }`, fields set as they come. */
let camera = null;

function environment() {
  return { userAgent: navigator.userAgent, webdriver: navigator.webdriver === true };
}

// ---- presentation -------------------------------------------------------------------------------

function showStep(id, { focus = true } = {}) {
  for (const step of STEPS) byId(step).hidden = step !== id;
  hideAlert();
  setBusy(null);
  if (focus) byId(id).querySelector('h1')?.focus();
}

function setBusy(text) {
  byId('busy-text').textContent = text ?? '';
  byId('busy').querySelector('.spinner').hidden = text === null;
}

function setButtonsDisabled(selector, disabled) {
  for (const button of document.querySelectorAll(selector)) button.disabled = disabled;
}

let retryAction = null;

function showAlert(message, retry) {
  setBusy(null);
  byId('alert-message').textContent = message;
  retryAction = retry;
  byId('alert').hidden = false;
  byId('alert-retry').focus();
}

function hideAlert() {
  byId('alert').hidden = true;
  retryAction = null;
}

function describeError(error) {
  if (error instanceof FlowError) {
    if (error.kind === 'network') return t('phone.error.network');
    return error.serverMessage ?? t('phone.error.server');
  }
  // WebAuthn failures (SimpleWebAuthn's WebAuthnError keeps the browser's DOMException name).
  if (error?.name === 'NotAllowedError' || error?.name === 'AbortError') return t('phone.error.cancelled');
  if (error?.name === 'InvalidStateError') return t('phone.error.alreadyRegistered');
  return t('phone.error.passkeyFailed');
}

/** Shows the error, unless the server says the invite is over, in which case that is what matters. */
async function fail(error, retry) {
  if (error instanceof FlowError && error.kind === 'server') {
    try {
      const state = await requestJson(`/i/${encodeURIComponent(config.code)}/status`);
      if (TERMINAL_STATUSES.has(state?.status)) {
        endFlow(state);
        return;
      }
    } catch {
      // Fall through to the original error.
    }
  }
  showAlert(describeError(error), retry);
}

/** A terminal state reached outside the normal result (expired, revoked, sandbox, already used). */
function endFlow(state) {
  if (flow.ended) return;
  flow.ended = true;
  stopCamera();
  for (const step of STEPS) byId(step).hidden = true;
  hideAlert();
  setBusy(null);
  byId('busy').hidden = true;
  byId('sandbox')?.setAttribute('hidden', '');
  byId('expiry')?.setAttribute('hidden', '');
  const redirectUrl = typeof state.redirectUrl === 'string' ? state.redirectUrl : null;
  showEndState(t, { status: state.status, redirectUrl, projectName: config.projectName });
  if (redirectUrl && state.status === 'VERIFIED') {
    setTimeout(() => window.location.assign(redirectUrl), SUCCESS_REDIRECT_DELAY_MS);
  }
}

function reasonText(code, fallbackText = t('reason.unknown')) {
  const key = `reason.${code}`;
  return hasMessage(messages, key) ? t(key, projectParams) : fallbackText;
}

function showReasons(list, reasons, fallbackText) {
  list.replaceChildren();
  const lines = new Set(
    (Array.isArray(reasons) ? reasons : []).map((code) => reasonText(code, fallbackText)),
  );
  if (lines.size === 0) lines.add(fallbackText);
  for (const line of lines) {
    const item = document.createElement('li');
    item.textContent = line;
    list.append(item);
  }
  list.hidden = false;
}

function showResult(result) {
  const shown = new Set(['VERIFIED', 'UNFULFILLABLE', 'IN_REVIEW']);
  if (!shown.has(result.status)) {
    endFlow(result);
    return;
  }
  flow.ended = true;
  stopCamera();
  byId('sandbox')?.setAttribute('hidden', '');
  byId('expiry')?.setAttribute('hidden', '');
  const verified = result.status === 'VERIFIED';
  const inReview = result.status === 'IN_REVIEW';
  const passkeyOnly = result.assuranceLevel === 'passkey';
  const section = byId('step-result');
  section.dataset.status = result.status;
  section.dataset.assurance = typeof result.assuranceLevel === 'string' ? result.assuranceLevel : '';
  let title = t('phone.result.failedHeading');
  let body = t('phone.result.failedBody');
  if (verified) {
    title = t('phone.result.verifiedHeading');
    body = t('phone.result.verifiedBody', projectParams);
    if (passkeyOnly) body += ` ${t('phone.result.passkeyOnly')}`;
  } else if (inReview) {
    title = t('phone.result.reviewHeading');
    body = t('phone.result.reviewBody', projectParams);
  }
  byId('result-title').textContent = title;
  byId('result-body').textContent = body;
  const list = byId('result-reasons');
  if (verified || inReview) {
    list.replaceChildren();
    list.hidden = true;
  } else {
    showReasons(list, result.reasons, t('reason.unknown'));
  }
  const redirectUrl = typeof result.redirectUrl === 'string' ? result.redirectUrl : null;
  byId('result-continue').hidden = redirectUrl === null;
  if (redirectUrl !== null) byId('result-continue-link').href = redirectUrl;
  showStep('step-result');
  if (redirectUrl === null) {
    byId('result-body').textContent += ` ${t('phone.result.close')}`;
  } else if (verified) {
    setBusy(t('common.redirecting', projectParams));
    setTimeout(() => window.location.assign(redirectUrl), SUCCESS_REDIRECT_DELAY_MS);
  }
  // Other results are not redirected automatically: they need time to be read.
}

// ---- flow steps ---------------------------------------------------------------------------------

/** Fetched on the way to the passkey step; a failed fetch is a network error, tried again on retry. */
function loadPasskeyLibrary() {
  passkeyLibrary ??= import('/assets/vendor/simplewebauthn/index.js').catch(() => {
    passkeyLibrary = null;
    throw new FlowError('network');
  });
  return passkeyLibrary;
}

function start() {
  flow.started = requestJson(flowUrl('/start'), environment());
  // An invite that ended meanwhile shows its end state at once. Errors are reported where the start
  // is awaited (Continue), so this only keeps an early failure from going unobserved.
  flow.started
    .then(async (started) => {
      if (TERMINAL_STATUSES.has(started?.status)) {
        endFlow(await requestJson(`/i/${encodeURIComponent(config.code)}/status`));
      }
    })
    .catch(() => {});
}

async function continueFromIntro() {
  const button = byId('intro-continue');
  button.disabled = true;
  // Loads while the flow starts; awaited (and its failure reported) when a passkey button is tapped.
  loadPasskeyLibrary().catch(() => {});
  try {
    if (flow.started === null) start();
    const started = await flow.started;
    if (TERMINAL_STATUSES.has(started?.status)) {
      const state = await requestJson(`/i/${encodeURIComponent(config.code)}/status`);
      endFlow(state);
      return;
    }
  } catch (error) {
    flow.started = null;
    await fail(error, continueFromIntro);
    return;
  } finally {
    button.disabled = false;
  }
  showPasskeyStep();
}

function showPasskeyStep() {
  showStep('step-passkey');
  if (typeof window.PublicKeyCredential !== 'function') {
    setButtonsDisabled('#step-passkey button', true);
    showAlert(t('phone.error.noWebauthn'), showPasskeyStep);
    return;
  }
  setButtonsDisabled('#step-passkey button', false);
}

async function usePasskey(kind) {
  hideAlert();
  setButtonsDisabled('#step-passkey button', true);
  setBusy(t('phone.passkey.waiting'));
  let result;
  try {
    const { startAuthentication, startRegistration } = await loadPasskeyLibrary();
    if (kind === 'create') {
      const optionsJSON = await requestJson(flowUrl('/passkey/registration-options'), {});
      const response = await startRegistration({ optionsJSON });
      result = await requestJson(flowUrl('/passkey/register'), { response });
    } else {
      const optionsJSON = await requestJson(flowUrl('/passkey/authentication-options'), {});
      const response = await startAuthentication({ optionsJSON });
      result = await requestJson(flowUrl('/passkey/authenticate'), { response });
    }
  } catch (error) {
    setButtonsDisabled('#step-passkey button', false);
    await fail(error, () => usePasskey(kind));
    return;
  }
  flow.flowToken = result.flowToken;
  flow.poyId = result.poyId;
  setBusy(null);
  // A server from before the camera step may still answer "challenge": that step is gone from this page.
  if (result.next === 'liveness') showConsentStep();
  else await complete();
}

// ---- camera check -------------------------------------------------------------------------------

function showConsentStep() {
  showStep('step-consent');
  if (flow.poyId) {
    const confirmed = byId('consent-passkey');
    confirmed.textContent = t('phone.passkey.done', { poyId: flow.poyId });
    confirmed.hidden = false;
  }
  setButtonsDisabled('#step-consent button', false);
}

function stopCamera() {
  if (camera === null) return;
  camera.abort?.abort();
  camera.device?.stop();
  camera.device = null;
}

const CAMERA_BUTTONS = ['camera-retry', 'camera-again', 'camera-finish', 'camera-without'];

/** One state of the camera step: `data-state`, the prompt, and which buttons show (their handlers). */
function setCameraState(state, { prompt = '', buttons = {} } = {}) {
  const section = byId('step-camera');
  section.dataset.state = state;
  byId('camera-prompt').textContent = prompt;
  byId('camera-hint').textContent = '';
  byId('camera-countdown').textContent = '';
  byId('camera-reasons').hidden = true;
  const arrow = byId('camera-arrow');
  const move = state.startsWith('move-') ? state.slice(5) : '';
  arrow.dataset.move = move;
  arrow.hidden = move === '';
  if (move === '') byId('camera-progress').textContent = '';
  for (const id of CAMERA_BUTTONS) {
    const button = byId(id);
    button.hidden = !(id in buttons);
    button.disabled = false;
    // One tap runs one action: a second tap must not start a second capture or request.
    button.onclick =
      id in buttons
        ? () => {
            setButtonsDisabled('#step-camera button', true);
            buttons[id]();
          }
        : null;
  }
  const firstButton = CAMERA_BUTTONS.find((id) => id in buttons);
  if (firstButton !== undefined) byId(firstButton).focus();
}

async function startCameraCheck() {
  setButtonsDisabled('#step-consent button', true);
  stopCamera();
  showStep('step-camera');
  setCameraState('loading', { prompt: t('phone.camera.loading') });
  camera = { module: camera?.module ?? null, device: null, session: null, challenge: null, abort: null };
  try {
    camera.module ??= await import('./camera.js');
  } catch {
    showCameraProblem('model-failed', t('phone.camera.modelFailed'));
    return;
  }
  const { loadFaceModel, openCamera, createCaptureSession } = camera.module;
  // The model downloads while the browser asks for the camera.
  const loadingModel = loadFaceModel();
  loadingModel.catch(() => {});
  const video = byId('camera-video');
  try {
    camera.device = await openCamera(video);
  } catch (error) {
    showCameraUnavailable(error?.kind ?? 'failed');
    return;
  }
  let human;
  try {
    human = await loadingModel;
  } catch {
    stopCamera();
    showCameraProblem('model-failed', t('phone.camera.modelFailed'));
    return;
  }
  if (flow.ended) return stopCamera();
  camera.session = createCaptureSession({ human, video });
  await startCameraAttempt();
}

function showCameraProblem(state, prompt) {
  setCameraState(state, { prompt, buttons: { 'camera-retry': startCameraCheck } });
}

function showCameraUnavailable(kind) {
  const prompt = t(CAMERA_UNAVAILABLE[kind] ?? CAMERA_UNAVAILABLE.failed);
  const state = kind === 'failed' ? 'failed-camera' : kind;
  const buttons = { 'camera-without': () => skipCamera('no_camera') };
  if (kind !== 'no-camera') buttons['camera-retry'] = startCameraCheck;
  setCameraState(state, { prompt, buttons });
}

/** A new challenge (a new set of moves), captured from the centre frame on. */
async function startCameraAttempt() {
  setCameraState('loading', { prompt: t('phone.camera.loading') });
  try {
    camera.challenge = await requestJson(flowUrl('/liveness/challenge'), { flowToken: flow.flowToken });
  } catch (error) {
    stopCamera();
    await fail(error, startCameraCheck);
    return;
  }
  camera.session.restart();
  await captureFrames();
}

async function captureFrames() {
  const { challenge, session } = camera;
  const moves = Array.isArray(challenge.moves)
    ? challenge.moves.filter((move) => Object.hasOwn(MOVE_PROMPTS, move))
    : [];
  const abort = new AbortController();
  camera.abort = abort;
  const outcome = await session.run({
    moves,
    moveTimeoutMs: Number(challenge.moveTimeoutMs) || 10_000,
    deadlineMs: Date.parse(challenge.expiresAt) - UPLOAD_MARGIN_MS,
    maxFrameBytes: Number(challenge.maxFrameBytes) || 0,
    signal: abort.signal,
    onUpdate: showCaptureUpdate,
  });
  if (outcome.outcome === 'stopped' || flow.ended) return;
  if (outcome.outcome === 'done') {
    await uploadFrames(outcome.frames);
    return;
  }
  // A timed-out move is tried again where it stopped; anything else starts again from the centre frame
  // (with a new challenge once this one has run out of time).
  const retry =
    outcome.outcome === 'timeout'
      ? captureFrames
      : outcome.outcome === 'expired'
        ? startCameraAttempt
        : () => {
            session.restart();
            return captureFrames();
          };
  setCameraState(outcome.outcome, {
    prompt: t(CAPTURE_STOPS[outcome.outcome]),
    buttons: { 'camera-retry': retry },
  });
}

function showCaptureUpdate(update) {
  if (update.target !== undefined) {
    if (update.target === 'center') {
      setCameraState('center', { prompt: t('phone.camera.center') });
    } else {
      setCameraState(`move-${update.target}`, { prompt: t(MOVE_PROMPTS[update.target]) });
      byId('camera-progress').textContent = t('phone.camera.progress', {
        current: update.index,
        total: update.total,
      });
    }
  }
  if (update.remainingMs !== undefined) {
    byId('camera-countdown').textContent = t('phone.camera.countdown', {
      seconds: Math.ceil(update.remainingMs / 1000),
    });
  }
  if (update.hint !== undefined) {
    const key =
      update.hint !== null && Object.hasOwn(CAMERA_HINTS, update.hint) ? CAMERA_HINTS[update.hint] : null;
    byId('camera-hint').textContent = key === null ? '' : t(key);
  }
}

async function uploadFrames(frames) {
  // The light goes off as soon as the pictures are taken.
  stopCamera();
  setCameraState('uploading', { prompt: t('phone.camera.uploading') });
  setBusy(t('phone.camera.uploading'));
  let result;
  try {
    result = await requestJson(flowUrl('/liveness'), {
      flowToken: flow.flowToken,
      challengeId: camera.challenge.challengeId,
      consent: true,
      frames,
    });
  } catch (error) {
    // Lost on the way: the same frames again. Refused: the challenge may be used up, so a new attempt.
    const network = error instanceof FlowError && error.kind === 'network';
    await fail(error, network ? () => uploadFrames(frames) : startCameraCheck);
    return;
  }
  setBusy(null);
  if (result.passed === true) {
    setCameraState('passed', { prompt: t('phone.camera.passed') });
    await complete();
    return;
  }
  const attemptsLeft = Number(result.attemptsLeft) || 0;
  const canRetry = attemptsLeft > 0 && result.next === 'liveness';
  setCameraState('failed', {
    prompt: t('phone.camera.notPassed'),
    buttons: canRetry
      ? { 'camera-again': startCameraCheck, 'camera-finish': () => complete() }
      : { 'camera-finish': () => complete() },
  });
  showReasons(byId('camera-reasons'), result.reasons, t('phone.camera.reasonUnknown'));
  byId('camera-hint').textContent = canRetry
    ? t('phone.camera.attemptsLeft', { count: attemptsLeft })
    : t('phone.camera.noAttemptsLeft');
}

async function skipCamera(reason) {
  stopCamera();
  setButtonsDisabled('#step-consent button, #step-camera button', true);
  setBusy(t('phone.working'));
  let result;
  try {
    result = await requestJson(flowUrl('/liveness/skip'), { flowToken: flow.flowToken, reason });
  } catch (error) {
    setButtonsDisabled('#step-consent button, #step-camera button', false);
    await fail(error, () => skipCamera(reason));
    return;
  }
  const policyMet = result.policyMet === true;
  byId('step-skip').dataset.policyMet = String(policyMet);
  byId('skip-body').textContent = policyMet
    ? t('phone.skip.accepted', projectParams)
    : t('phone.skip.notAccepted', projectParams);
  showStep('step-skip');
  byId('skip-finish').disabled = false;
}

async function complete() {
  setButtonsDisabled('#skip-finish, #camera-finish', true);
  setBusy(t('phone.working'));
  let result;
  try {
    result = await requestJson(flowUrl('/complete'), {
      flowToken: flow.flowToken,
      challengeId: null,
      trace: null,
    });
  } catch (error) {
    setButtonsDisabled('#skip-finish, #camera-finish', false);
    await fail(error, complete);
    return;
  }
  showResult(result);
}

async function simulate(outcome) {
  setButtonsDisabled('#sandbox button', true);
  try {
    if (flow.started !== null) await flow.started.catch(() => null);
    endFlow(await requestJson(flowUrl('/sandbox'), { outcome }));
  } catch (error) {
    await fail(error, () => simulate(outcome));
  } finally {
    setButtonsDisabled('#sandbox button', false);
  }
}

// ---- wiring -------------------------------------------------------------------------------------

byId('alert-retry').addEventListener('click', () => {
  const retry = retryAction;
  hideAlert();
  retry?.();
});
byId('intro-continue').addEventListener('click', continueFromIntro);
byId('passkey-create').addEventListener('click', () => usePasskey('create'));
byId('passkey-existing').addEventListener('click', () => usePasskey('existing'));
byId('consent-start').addEventListener('click', startCameraCheck);
for (const button of document.querySelectorAll('#step-consent [data-skip-reason]')) {
  button.addEventListener('click', () => skipCamera(button.dataset.skipReason));
}
byId('skip-finish').addEventListener('click', () => complete());
// Leaving the page (or going back in history) turns the camera off.
window.addEventListener('pagehide', stopCamera);
for (const button of document.querySelectorAll('#sandbox [data-outcome]')) {
  button.addEventListener('click', () => simulate(button.dataset.outcome));
}
// Rendered disabled so that a tap before this script ran is not silently lost (phone-page.ts).
byId('intro-continue').disabled = false;
setButtonsDisabled('#sandbox button', false);

localizeTimes();
showStep('step-intro', { focus: false });
start();
