// The dashboard's passkey ceremonies (web/dashboard/auth-pages.ts): on /login, sign in with a
// discoverable passkey; on a one-time link, name yourself and create a passkey. The server answers
// JSON; on success it has set the session cookie and says where to go.
import { startAuthentication, startRegistration } from '/assets/vendor/simplewebauthn/index.js';
import { createTranslator, readConfig } from './common.js';

const config = readConfig();
const t = createTranslator(config.messages ?? {});
const form = document.getElementById('auth-form');
const submit = document.getElementById('auth-submit');
const errorBox = document.getElementById('auth-error');
const statusBox = document.getElementById('auth-status');

function showError(text) {
  statusBox.textContent = '';
  errorBox.textContent = text;
  errorBox.hidden = false;
  submit.disabled = false;
}

/** POSTs JSON; resolves to the parsed body, or throws an Error whose message is for the person. */
async function postJson(url, body) {
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    throw new Error(t('dash.auth.client.network'));
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error(data?.error?.message ?? t('dash.auth.client.failed'));
  return data;
}

/** The browser's own errors: a closed prompt is not a failure worth alarming anyone about. */
function describeWebauthnError(error) {
  if (error?.name === 'NotAllowedError' || error?.name === 'AbortError')
    return t('dash.auth.client.cancelled');
  if (error?.name === 'InvalidStateError') return t('dash.auth.client.alreadyRegistered');
  return t('dash.auth.client.failed');
}

async function runCeremony() {
  let body = {};
  if (config.ceremony === 'register') {
    const name = document.getElementById('display-name').value.trim();
    if (name === '') {
      showError(t('dash.auth.client.nameRequired'));
      return;
    }
    body = { displayName: name };
  }
  const options = await postJson(config.optionsUrl, body);
  statusBox.textContent = t('dash.auth.client.waiting');
  let response;
  try {
    response =
      config.ceremony === 'register'
        ? await startRegistration({ optionsJSON: options })
        : await startAuthentication({ optionsJSON: options });
  } catch (error) {
    showError(describeWebauthnError(error));
    return;
  }
  const result = await postJson(config.verifyUrl, { response, next: config.next });
  statusBox.textContent = t('dash.auth.client.signedIn');
  window.location.assign(result.redirect);
}

if (!window.PublicKeyCredential) {
  showError(t('dash.auth.client.unsupported'));
  submit.disabled = true;
} else {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    errorBox.hidden = true;
    submit.disabled = true;
    runCeremony().catch((error) => showError(error.message));
  });
}
