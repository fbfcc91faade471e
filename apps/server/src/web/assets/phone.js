// The phone flow (docs/flow-api.md): start → passkey (new or returning) → drag challenge when asked →
// complete → result and redirect. Every failure is shown with the reason and a "Try again" that repeats
// the step that failed; if the invite ended meanwhile, its end state is shown instead.
import { startAuthentication, startRegistration } from '/assets/vendor/simplewebauthn/index.js';
import { runChallenge } from './challenge.js';
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
const STEPS = ['step-intro', 'step-passkey', 'step-challenge', 'step-result'];

const config = readConfig();
const messages = config.messages ?? {};
const t = createTranslator(messages);
const projectParams = { projectName: config.projectName };
const flowUrl = (path) => `/flow/${encodeURIComponent(config.code)}${path}`;
const byId = (id) => document.getElementById(id);

const flow = { started: null, flowToken: null, poyId: null, challenge: null, ended: false };

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
  flow.challenge?.abandon();
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

function reasonText(code) {
  const key = `reason.${code}`;
  return hasMessage(messages, key) ? t(key, projectParams) : t('reason.unknown');
}

function showResult(result) {
  if (result.status !== 'VERIFIED' && result.status !== 'UNFULFILLABLE') {
    endFlow(result);
    return;
  }
  flow.ended = true;
  byId('sandbox')?.setAttribute('hidden', '');
  byId('expiry')?.setAttribute('hidden', '');
  const verified = result.status === 'VERIFIED';
  const section = byId('step-result');
  section.dataset.status = result.status;
  byId('result-title').textContent = verified
    ? t('phone.result.verifiedHeading')
    : t('phone.result.failedHeading');
  byId('result-body').textContent = verified
    ? t('phone.result.verifiedBody', projectParams)
    : t('phone.result.failedBody');
  const list = byId('result-reasons');
  list.replaceChildren();
  if (!verified) {
    const lines = new Set((Array.isArray(result.reasons) ? result.reasons : []).map(reasonText));
    if (lines.size === 0) lines.add(t('reason.unknown'));
    for (const line of lines) {
      const item = document.createElement('li');
      item.textContent = line;
      list.append(item);
    }
  }
  list.hidden = verified;
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
  // A failed result is not redirected automatically: the reasons need time to be read.
}

// ---- flow steps ---------------------------------------------------------------------------------

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
  if (result.next === 'challenge') await runChallengeStep();
  else await complete(null, null);
}

async function runChallengeStep() {
  showStep('step-challenge');
  if (flow.poyId) {
    const confirmed = byId('challenge-passkey');
    confirmed.textContent = t('phone.passkey.done', { poyId: flow.poyId });
    confirmed.hidden = false;
  }
  const roundLabel = byId('challenge-round');
  const feedback = byId('challenge-feedback');
  roundLabel.textContent = t('phone.challenge.loading');
  let challenge;
  try {
    challenge = await requestJson(flowUrl('/challenge'), { flowToken: flow.flowToken });
  } catch (error) {
    await fail(error, runChallengeStep);
    return;
  }
  if (flow.ended) return;
  const run = runChallenge({
    arena: byId('arena'),
    dot: byId('dot'),
    ring: byId('ring'),
    rounds: Array.isArray(challenge.rounds) ? challenge.rounds : [],
    onRound(index, total) {
      roundLabel.textContent = t('phone.challenge.round', { current: index + 1, total });
      feedback.textContent = '';
    },
    onMiss() {
      feedback.textContent = t('phone.challenge.missed');
    },
  });
  flow.challenge = run;
  const skip = byId('challenge-skip');
  const onSkip = () => run.abandon();
  skip.addEventListener('click', onSkip);
  const trace = await run.done;
  skip.removeEventListener('click', onSkip);
  flow.challenge = null;
  if (flow.ended) return;
  await complete(challenge.challengeId ?? null, trace);
}

async function complete(challengeId, trace) {
  setButtonsDisabled('#challenge-skip', true);
  setBusy(t('phone.working'));
  let result;
  try {
    result = await requestJson(flowUrl('/complete'), {
      flowToken: flow.flowToken,
      challengeId,
      ...environment(),
      trace,
    });
  } catch (error) {
    await fail(error, () => complete(challengeId, trace));
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
for (const button of document.querySelectorAll('#sandbox [data-outcome]')) {
  button.addEventListener('click', () => simulate(button.dataset.outcome));
}
// Rendered disabled so that a tap before this script ran is not silently lost (phone-page.ts).
byId('intro-continue').disabled = false;
setButtonsDisabled('#sandbox button', false);

localizeTimes();
showStep('step-intro', { focus: false });
start();
