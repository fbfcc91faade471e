// The delivery log and a delivery's page as markup: filters shown back as typed, errors beside their
// fields, the older-page link, response excerpts escaped and cut short, actions only for members
// allowed to replay.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeliveryLogEntry, WebhookAttempt } from '../../store/store.ts';
import { createTranslator } from '../i18n/translate.ts';
import type { DashboardPageViewer } from './dashboard-layout.ts';
import { renderDeliveryDetailPage, SHOWN_EXCERPT_CHARACTERS } from './deliveries-detail-page.ts';
import { type DeliveriesListPageInput, renderDeliveriesListPage } from './deliveries-list-page.ts';

const translator = createTranslator('en');
const viewer: DashboardPageViewer = {
  displayName: 'Ada',
  accountName: 'Acme',
  role: 'developer',
  csrfToken: 't',
};
const NOW = new Date('2030-06-01T12:00:00.000Z');
const project = { id: 'proj_1', name: 'Shop' };

const entry: DeliveryLogEntry = {
  delivery: {
    id: 'msg_1',
    eventId: 'evt_1',
    endpointId: 'we_1',
    projectId: 'proj_1',
    mode: 'test',
    status: 'failed',
    attemptCount: 2,
    nextAttemptAt: null,
    lastAttemptAt: NOW,
    completedAt: NOW,
    createdAt: NOW,
  },
  eventType: 'user.verified',
  surface: 'poy',
  endpointUrl: 'https://hooks.example.com/<a>',
  lastAttempt: { attemptedAt: NOW, statusCode: 502, durationMs: 87, error: null },
};

function listInput(overrides: Partial<DeliveriesListPageInput> = {}): DeliveriesListPageInput {
  return {
    translator,
    viewer,
    projects: [project],
    project,
    mode: 'test',
    endpoints: [],
    filters: { endpoint: '', event: '', status: '', from: '', to: '' },
    filterErrors: {},
    entries: [entry],
    olderHref: null,
    notice: null,
    replay: { values: { endpoint: '', from: '2030-06-01', to: '2030-06-01' }, errors: {} },
    permissions: { manage: true, replay: true },
    ...overrides,
  };
}

describe('delivery log page', () => {
  it('lists each delivery with its status in words, attempts, last HTTP status and latency', () => {
    const page = renderDeliveriesListPage(listInput()).value;
    assert.match(page, /<span class="tag tag--danger">Failed<\/span>/);
    assert.match(page, /<td>2<\/td>/);
    assert.match(page, /<td class="break-all">502<\/td>/);
    assert.match(page, /<td>87 ms<\/td>/);
    assert.ok(page.includes('https://hooks.example.com/&lt;a&gt;'));
    assert.match(page, /href="\/dashboard\/p\/proj_1\/test\/deliveries\/msg_1"/);
    assert.match(page, /<form method="get" action="\/dashboard\/p\/proj_1\/test\/deliveries"/);
    assert.match(page, /action="\/dashboard\/p\/proj_1\/test\/deliveries\/replay-failed"/);
  });

  it('shows refused filters as typed with their messages, and an older page link', () => {
    const page = renderDeliveriesListPage(
      listInput({
        filters: { endpoint: '', event: '', status: 'failed', from: '"><b>', to: '' },
        filterErrors: { from: 'Enter a date as YYYY-MM-DD.' },
        entries: [],
        olderHref: '/dashboard/p/proj_1/test/deliveries?status=failed&before=msg_9',
      }),
    ).value;
    assert.ok(page.includes('value="&quot;&gt;&lt;b&gt;"'));
    assert.match(
      page,
      /<span class="field-error" id="filter-from-error">Enter a date as YYYY-MM-DD\.<\/span>/,
    );
    assert.match(page, /<option value="failed" selected>Failed<\/option>/);
    assert.match(page, /No deliveries match\./);
    assert.match(
      page,
      /href="\/dashboard\/p\/proj_1\/test\/deliveries\?status=failed&amp;before=msg_9" rel="next"/,
    );
  });

  it('offers no replay to members who may not replay', () => {
    const page = renderDeliveriesListPage(listInput({ permissions: { manage: false, replay: false } })).value;
    assert.doesNotMatch(page, /replay-failed/);
  });
});

describe('delivery page', () => {
  const attempt = (overrides: Partial<WebhookAttempt>): WebhookAttempt => ({
    id: 'att_1',
    deliveryId: 'msg_1',
    attemptNumber: 1,
    attemptedAt: NOW,
    durationMs: 15_000,
    statusCode: null,
    error: 'TimeoutError: <timeout>',
    responseExcerpt: null,
    ...overrides,
  });

  it('shows every attempt, escaped, with the excerpt cut short, and the body sent', () => {
    const long = `<h1>${'x'.repeat(2 * SHOWN_EXCERPT_CHARACTERS)}</h1>`;
    const page = renderDeliveryDetailPage({
      translator,
      viewer,
      projects: [project],
      project,
      mode: 'test',
      entry,
      attempts: [
        attempt({}),
        attempt({
          id: 'att_2',
          attemptNumber: 2,
          statusCode: 502,
          error: null,
          responseExcerpt: long,
          durationMs: 87,
        }),
      ],
      body: JSON.stringify({ event: 'user.verified', data: { userId: '</pre><script>' } }, null, 2),
      notice: null,
      permissions: { manage: false, replay: true },
    }).value;
    assert.match(page, /TimeoutError: &lt;timeout&gt;/);
    assert.match(page, /<td>15000 ms<\/td>/);
    assert.match(page, /<td>502<\/td>/);
    assert.ok(page.includes('&lt;h1&gt;'));
    assert.ok(!page.includes('<h1>x'));
    const shown = /<pre class="dash-pre">(&lt;h1&gt;x+)…<\/pre>/.exec(page)?.[1] ?? '';
    assert.equal(shown.replace('&lt;h1&gt;', '<h1>').length, SHOWN_EXCERPT_CHARACTERS);
    assert.ok(page.includes('&lt;/pre&gt;&lt;script&gt;'));
    assert.match(page, /action="\/dashboard\/p\/proj_1\/test\/deliveries\/msg_1\/replay"/);
  });

  it('has no replay button for a viewer', () => {
    const page = renderDeliveryDetailPage({
      translator,
      viewer: { ...viewer, role: 'viewer' },
      projects: [project],
      project,
      mode: 'test',
      entry,
      attempts: [],
      body: null,
      notice: null,
      permissions: { manage: false, replay: false },
    }).value;
    assert.doesNotMatch(page, /\/replay"/);
    assert.match(page, /Not attempted yet\./);
  });
});
