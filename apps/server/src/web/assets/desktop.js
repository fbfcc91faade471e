// The desktop invite page follows the phone live: server-sent events, or polling every 2 s when
// EventSource is missing or keeps failing. On a terminal state it shows the end state and goes to
// the redirect when there is one. Nothing here ends the session on a timer.
import {
  createTranslator,
  localizeTimes,
  readConfig,
  requestJson,
  showEndState,
  TERMINAL_STATUSES,
} from './common.js';

const POLL_INTERVAL_MS = 2000;
/** EventSource reconnects by itself; after this many errors in a row, polling is more dependable. */
const MAX_EVENT_ERRORS = 3;
/** Long enough to see (and hear) the end state before the page changes. */
const REDIRECT_DELAY_MS = 1200;

const config = readConfig();
const t = createTranslator(config.messages ?? {});
const base = `/i/${encodeURIComponent(config.code)}`;

let finished = false;
let source = null;
let polling = false;
let pollTimer = null;
let eventErrors = 0;

function stopLiveUpdates() {
  source?.close();
  source = null;
  polling = false;
  if (pollTimer !== null) clearTimeout(pollTimer);
  pollTimer = null;
}

function handleState(state) {
  if (finished || !state || !TERMINAL_STATUSES.has(state.status)) return;
  finished = true;
  stopLiveUpdates();
  const pending = document.getElementById('pending-view');
  if (pending) pending.hidden = true;
  const redirectUrl = typeof state.redirectUrl === 'string' ? state.redirectUrl : null;
  showEndState(t, { status: state.status, redirectUrl, projectName: config.projectName });
  if (redirectUrl) setTimeout(() => window.location.assign(redirectUrl), REDIRECT_DELAY_MS);
}

function startPolling() {
  if (polling || finished) return;
  polling = true;
  const poll = async () => {
    pollTimer = null;
    try {
      handleState(await requestJson(`${base}/status`));
    } catch (error) {
      // The invite is gone: nothing further will change, so stop asking.
      if (error?.status === 404) polling = false;
    }
    if (polling && !finished) pollTimer = setTimeout(poll, POLL_INTERVAL_MS);
  };
  poll();
}

function startEvents() {
  if (typeof EventSource !== 'function') {
    startPolling();
    return;
  }
  source = new EventSource(`${base}/events`);
  source.addEventListener('status', (event) => {
    eventErrors = 0;
    try {
      handleState(JSON.parse(event.data));
    } catch {
      // A malformed event is skipped; the next one (or the poll) carries the state again.
    }
  });
  source.addEventListener('error', () => {
    if (finished || source === null) return;
    eventErrors += 1;
    if (source.readyState === EventSource.CLOSED || eventErrors >= MAX_EVENT_ERRORS) {
      source.close();
      source = null;
      startPolling();
    }
  });
}

localizeTimes();
if (TERMINAL_STATUSES.has(config.status)) handleState(config);
else startEvents();
