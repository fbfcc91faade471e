// The webhook pages as markup: values escaped, health in words, forms only for members allowed to use
// them, refused forms shown back with their problems, every field labelled.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebhookEndpoint } from '../../store/store.ts';
import { createTranslator } from '../i18n/translate.ts';
import type { DashboardPageViewer } from './dashboard-layout.ts';
import { renderWebhookEndpointPage } from './webhooks-endpoint-page.ts';
import { EMPTY_WEBHOOK_FORM } from './webhooks-form.ts';
import { formatTime, statusTag } from './webhooks-format.ts';
import {
  type EndpointRow,
  renderWebhooksListPage,
  type WebhooksListPageInput,
} from './webhooks-list-page.ts';

const translator = createTranslator('en');
const viewer: DashboardPageViewer = {
  displayName: 'Ada',
  accountName: 'Acme',
  role: 'developer',
  csrfToken: 'csrf-token-value',
};
const NOW = new Date('2030-06-01T12:00:00.000Z');
const project = { id: 'proj_1', name: 'Shop' };

function endpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: 'we_1',
    projectId: 'proj_1',
    mode: 'test',
    surface: 'poy',
    url: 'https://hooks.example.com/a',
    eventTypes: [],
    enabled: true,
    disabledReason: null,
    secretEncrypted: 'sealed',
    previousSecretEncrypted: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

function listInput(overrides: Partial<WebhooksListPageInput> = {}): WebhooksListPageInput {
  return {
    translator,
    viewer,
    projects: [project],
    project,
    mode: 'test',
    endpoints: [],
    connectSecret: null,
    revealed: null,
    notice: null,
    form: { values: EMPTY_WEBHOOK_FORM, errors: {} },
    permissions: { manage: true, replay: true },
    ...overrides,
  };
}

/** Every text-like input and select has a label pointing at it; boxes are wrapped in theirs. */
function assertLabelled(page: string): void {
  for (const match of page.matchAll(/<(input|select)\b([^>]*)>/g)) {
    const attributes = match[2] ?? '';
    if (/type="(hidden|checkbox|radio)"/.test(attributes)) continue;
    const id = /\bid="([^"]+)"/.exec(attributes)?.[1];
    assert.ok(id, `unlabelled field: ${match[0]}`);
    assert.ok(page.includes(`<label for="${id}"`), `no label for #${id}`);
  }
  for (const match of page.matchAll(/<input type="(checkbox|radio)"[^>]*>/g)) {
    const before = page.slice(Math.max(0, (match.index ?? 0) - 40), match.index);
    assert.match(before, /<label class="dash-check">$/, `box outside a label: ${match[0]}`);
  }
}

describe('webhooks list page', () => {
  it('escapes what members and receivers wrote and states health in words', () => {
    const rows: EndpointRow[] = [
      { endpoint: endpoint({ url: 'https://x.example/"><script>alert(1)</script>' }), recent: null },
      {
        endpoint: endpoint({ id: 'we_2', failingSince: NOW, eventTypes: ['user.verified'] }),
        recent: { endpointId: 'we_2', succeeded: 1, failed: 4, pending: 2 },
      },
      { endpoint: endpoint({ id: 'we_3', enabled: false, disabledReason: 'failing' }), recent: null },
      {
        endpoint: endpoint({
          id: 'we_4',
          surface: 'connect',
          eventTypes: ['USER_DELETED'],
          enabled: false,
          disabledReason: 'manual',
        }),
        recent: null,
      },
    ];
    const page = renderWebhooksListPage(listInput({ endpoints: rows })).value;
    assert.ok(!page.includes('<script>alert(1)</script>'));
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.match(page, /All events, including types added later/);
    assert.match(
      page,
      /Failing<\/span> every attempt has failed since <time datetime="2030-06-01T12:00:00.000Z">/,
    );
    assert.match(page, /Last 24 hours: 1 delivered, 4 failed, 2 pending/);
    assert.match(page, /Disabled after 5 days of failed deliveries/);
    assert.match(page, /Disabled by a member or the API/);
    assert.match(page, /<td>Connect API<\/td>/);
    assert.match(page, /href="\/dashboard\/p\/proj_1\/test\/deliveries\?endpoint=we_2"/);
    assertLabelled(page);
  });

  it('offers the form and the Connect rotation only to members who may manage webhooks', () => {
    const manager = renderWebhooksListPage(listInput()).value;
    assert.match(manager, /<form method="post" action="\/dashboard\/p\/proj_1\/test\/webhooks"/);
    assert.match(manager, /connect-secret\/rotate/);
    assert.match(manager, /name="_csrf" value="csrf-token-value"/);
    const reader = renderWebhooksListPage(
      listInput({
        permissions: { manage: false, replay: false },
        connectSecret: { createdAt: NOW, rotatedAt: null },
      }),
    ).value;
    assert.doesNotMatch(reader, /<form method="post" action="\/dashboard\/p/);
    assert.match(reader, /Created <time/);
  });

  it('shows a refused form back with what was typed and each problem beside its field', () => {
    const page = renderWebhooksListPage(
      listInput({
        form: {
          values: { surface: 'connect', url: 'ftp://"x', events: ['USER_DELETED'], enabled: false },
          errors: { url: 'Bad URL <here>' },
        },
      }),
    ).value;
    assert.match(page, /role="alert"/);
    assert.ok(page.includes('value="ftp://&quot;x"'));
    assert.ok(page.includes('Bad URL &lt;here&gt;'));
    assert.match(page, /aria-describedby="webhook-url-hint url-error" aria-invalid="true"/);
    assert.match(page, /value="connect" checked/);
    assert.match(page, /value="USER_DELETED" id="event-connect-USER_DELETED" checked/);
    assert.doesNotMatch(page, /name="enabled" value="on" checked/);
  });

  it('shows a secret once with a copy button, named by what it signs', () => {
    const page = renderWebhooksListPage(
      listInput({ revealed: { subjectId: 'connect', secret: 'whsec_abc' } }),
    ).value;
    assert.match(page, /New signing secret for the Connect API destinations of this project/);
    assert.match(page, /<code id="revealed-secret">whsec_abc<\/code>/);
    assert.match(page, /data-copy="#revealed-secret" data-copied-label="Copied" hidden>Copy</);
  });
});

describe('webhook endpoint page', () => {
  const base = {
    translator,
    viewer,
    projects: [project],
    project,
    mode: 'live' as const,
    recentDeliveries: [],
    revealedSecret: null,
    notice: null,
    permissions: { manage: true, replay: true },
    now: NOW,
  };

  it('a POY endpoint: its facts, test, edit with events, rotation and deletion with a confirmation', () => {
    const poy = endpoint({ previousSecretExpiresAt: new Date(NOW.getTime() + 3_600_000) });
    const page = renderWebhookEndpointPage({
      ...base,
      row: { endpoint: poy, recent: null },
      form: { values: { surface: 'poy', url: poy.url, events: [], enabled: true }, errors: {} },
    }).value;
    assert.match(page, /action="\/dashboard\/p\/proj_1\/live\/webhooks\/we_1\/test"/);
    assert.match(page, /action="\/dashboard\/p\/proj_1\/live\/webhooks\/we_1\/rotate-secret"/);
    assert.match(
      page,
      /action="\/dashboard\/p\/proj_1\/live\/webhooks\/we_1\/delete" data-confirm="Delete the endpoint https:\/\/hooks.example.com\/a and its delivery log\?"/,
    );
    assert.match(page, /POY API events|name="events"/);
    assert.match(page, /Previous secret signs until/);
    assert.match(page, /No deliveries match\./);
    const later = renderWebhookEndpointPage({
      ...base,
      now: new Date(NOW.getTime() + 2 * 3_600_000),
      row: { endpoint: poy, recent: null },
      form: { values: EMPTY_WEBHOOK_FORM, errors: {} },
    }).value;
    assert.doesNotMatch(later, /Previous secret signs until/, 'not once the previous secret has expired');
    assertLabelled(page);
  });

  it('a Connect destination: no events to change and no secret of its own', () => {
    const connect = endpoint({ surface: 'connect', eventTypes: ['USER_DELETED'], secretEncrypted: null });
    const page = renderWebhookEndpointPage({
      ...base,
      row: { endpoint: connect, recent: null },
      form: { values: { surface: 'connect', url: connect.url, events: [], enabled: true }, errors: {} },
    }).value;
    assert.doesNotMatch(page, /name="events"/);
    assert.doesNotMatch(page, /rotate-secret/);
    assert.match(page, /webhooks#connect-secret/);
  });

  it('a viewer: everything to read, nothing to press', () => {
    const page = renderWebhookEndpointPage({
      ...base,
      permissions: { manage: false, replay: false },
      row: { endpoint: endpoint(), recent: null },
      form: { values: EMPTY_WEBHOOK_FORM, errors: {} },
    }).value;
    assert.deepEqual(
      [...page.matchAll(/<form method="post" action="([^"]+)"/g)].map((match) => match[1]),
      ['/dashboard/sign-out'],
    );
    assert.match(page, /https:\/\/hooks.example.com\/a/);
  });
});

describe('webhook formats', () => {
  it('writes times in UTC and statuses in words', () => {
    assert.equal(formatTime(new Date('2030-06-01T12:00:05.123Z')), '2030-06-01 12:00:05 UTC');
    assert.equal(statusTag(translator, 'failed').value, '<span class="tag tag--danger">Failed</span>');
    assert.equal(statusTag(translator, 'pending').value, '<span class="tag">Pending</span>');
  });
});
