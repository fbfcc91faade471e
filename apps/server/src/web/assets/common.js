// Shared by the page scripts: the page's JSON config, catalog messages, JSON calls to the server in the
// POY error format, local time display and the end state. Text is only ever set through textContent.

/** The config the server rendered into <script type="application/json" id="poy-config">. */
export function readConfig() {
  const element = document.getElementById('poy-config');
  return JSON.parse(element?.textContent ?? '{}');
}

/** `t(key, params)` over the messages the server picked from its catalog for this page. */
export function createTranslator(messages) {
  return (key, params = {}) => {
    const template = messages[key];
    // A missing key shows itself rather than a blank; the catalog test keeps this from happening.
    if (typeof template !== 'string') return key;
    return template.replace(/\{(\w+)\}/g, (placeholder, name) =>
      Object.hasOwn(params, name) ? String(params[name]) : placeholder,
    );
  };
}

export function hasMessage(messages, key) {
  return Object.hasOwn(messages, key);
}

export const TERMINAL_STATUSES = new Set(['IN_REVIEW', 'VERIFIED', 'UNFULFILLABLE', 'EXPIRED', 'REVOKED']);

/** A failed call: `network` (no answer) or `server` (an answer with an error status). */
export class FlowError extends Error {
  constructor(kind, serverMessage, status) {
    super(serverMessage ?? kind);
    this.name = 'FlowError';
    this.kind = kind;
    this.serverMessage = serverMessage;
    this.status = status;
  }
}

/** GET when body is undefined, else POST JSON. Resolves to the parsed body; rejects with FlowError. */
export async function requestJson(url, body) {
  const init = { method: 'GET', headers: { accept: 'application/json' }, cache: 'no-store' };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new FlowError('network', null, 0);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = data?.error?.message;
    throw new FlowError('server', typeof message === 'string' ? message : null, response.status);
  }
  return data;
}

/** Rewrites server-rendered UTC times (<time data-local-time>) in the reader's own time zone. */
export function localizeTimes() {
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  for (const element of document.querySelectorAll('time[data-local-time]')) {
    const date = new Date(element.dateTime);
    if (!Number.isNaN(date.getTime())) element.textContent = format.format(date);
  }
}

/** Fills and shows the end-state section (rendered hidden by the server) and moves focus to it. */
export function showEndState(t, { status, redirectUrl, projectName }) {
  const section = document.getElementById('end-state');
  if (!section || !TERMINAL_STATUSES.has(status)) return;
  const params = { projectName };
  section.dataset.status = status;
  const title = document.getElementById('end-title');
  const body = document.getElementById('end-body');
  const continueLine = document.getElementById('end-continue');
  const continueLink = document.getElementById('end-continue-link');
  if (title) title.textContent = t(`status.${status}.title`);
  if (body)
    body.textContent = redirectUrl ? t('common.redirecting', params) : t(`status.${status}.body`, params);
  if (continueLine && continueLink) {
    continueLine.hidden = !redirectUrl;
    if (redirectUrl) continueLink.href = redirectUrl;
  }
  section.hidden = false;
  section.focus();
}
