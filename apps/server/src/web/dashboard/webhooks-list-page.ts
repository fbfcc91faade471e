// The webhooks page of a project in one mode: its endpoints on both surfaces (POY API endpoints and
// Connect destinations) with their health, the form to add one, and the project's Connect signing
// secret. Members who may not change webhooks see everything but no form or button (the server
// refuses those requests anyway).
import type { EndpointDeliveryCounts, KeyMode, WebhookEndpoint } from '../../store/store.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import {
  csrfField,
  type DashboardPageViewer,
  type DashboardProjectRef,
  projectPath,
  renderDashboardPage,
} from './dashboard-layout.ts';
import { renderCreateEndpointForm, type WebhookFormErrors, type WebhookFormValues } from './webhooks-form.ts';
import { surfaceLabel, timeElement } from './webhooks-format.ts';
import { renderSecretReveal } from './webhooks-secret-reveal.ts';

export interface WebhookPermissions {
  /** Create, change, delete endpoints and rotate secrets (webhook.manage). */
  manage: boolean;
  /** Replay deliveries and send test events (webhook.replay). */
  replay: boolean;
}

export interface EndpointRow {
  endpoint: WebhookEndpoint;
  /** Its deliveries of the last 24 hours, by status; null when there were none. */
  recent: EndpointDeliveryCounts | null;
}

export interface WebhooksListPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  project: DashboardProjectRef;
  mode: KeyMode;
  endpoints: readonly EndpointRow[];
  /** The project's Connect signing secret in this mode (never its value); null before the first. */
  connectSecret: { createdAt: Date; rotatedAt: Date | null } | null;
  /** A secret to show once: an endpoint's, or the Connect secret (`subjectId` = `connect`). */
  revealed: { subjectId: string; secret: string } | null;
  notice: string | null;
  form: { values: WebhookFormValues; errors: WebhookFormErrors };
  permissions: WebhookPermissions;
}

/** The endpoint's health in words: disabled (and why), failing since when, or its last 24 hours. */
export function describeHealth(translator: Translator, row: EndpointRow): SafeHtml {
  const { t } = translator;
  const { endpoint, recent } = row;
  if (!endpoint.enabled) {
    return endpoint.disabledReason === 'failing'
      ? html`<span class="tag tag--danger">${t('dash.webhooks.health.disabledFailing')}</span>`
      : html`<span class="tag">${t('dash.webhooks.health.disabled')}</span>`;
  }
  const counts =
    recent === null
      ? t('dash.webhooks.health.noRecent')
      : t('dash.webhooks.health.recent', {
          succeeded: recent.succeeded,
          failed: recent.failed,
          pending: recent.pending,
        });
  if (endpoint.failingSince !== null) {
    return html`<span class="tag tag--danger">${t('dash.webhooks.health.failing')}</span> ${t('dash.webhooks.health.failingSince')} ${timeElement(endpoint.failingSince)}<br><span class="hint">${counts}</span>`;
  }
  return html`<span class="tag tag--ok">${t('dash.webhooks.health.healthy')}</span><br><span class="hint">${counts}</span>`;
}

export function describeEvents(translator: Translator, endpoint: WebhookEndpoint): HtmlValue {
  if (endpoint.eventTypes.length === 0) return translator.t('dash.webhooks.events.all');
  return html`<ul class="plain-list">${endpoint.eventTypes.map((type) => html`<li><code>${type}</code></li>`)}</ul>`;
}

function renderEndpointTable(input: WebhooksListPageInput): SafeHtml {
  const { t } = input.translator;
  const base = projectPath(input.project.id, input.mode, 'webhooks');
  const deliveries = projectPath(input.project.id, input.mode, 'deliveries');
  if (input.endpoints.length === 0) {
    return html`<p class="dash-notice">${t('dash.webhooks.list.empty')}</p>`;
  }
  return html`<div class="dash-table-wrap"><table class="dash-table">
<caption class="visually-hidden">${t('dash.webhooks.list.caption')}</caption>
<thead><tr>
<th scope="col">${t('dash.webhooks.list.surface')}</th>
<th scope="col">${t('dash.webhooks.list.url')}</th>
<th scope="col">${t('dash.webhooks.list.events')}</th>
<th scope="col">${t('dash.webhooks.list.enabled')}</th>
<th scope="col">${t('dash.webhooks.list.health')}</th>
<th scope="col"><span class="visually-hidden">${t('dash.webhooks.list.links')}</span></th>
</tr></thead>
<tbody>${input.endpoints.map(
    (row) => html`<tr>
<td>${surfaceLabel(input.translator, row.endpoint.surface)}</td>
<td class="break-all">${row.endpoint.url}</td>
<td>${describeEvents(input.translator, row.endpoint)}</td>
<td>${row.endpoint.enabled ? t('dash.webhooks.enabled.yes') : t('dash.webhooks.enabled.no')}</td>
<td>${describeHealth(input.translator, row)}</td>
<td><a href="${base}/${encodeURIComponent(row.endpoint.id)}">${t('dash.webhooks.list.details')}<span class="visually-hidden"> ${row.endpoint.url}</span></a><br>
<a href="${deliveries}?endpoint=${encodeURIComponent(row.endpoint.id)}">${t('dash.webhooks.list.deliveries')}<span class="visually-hidden"> ${row.endpoint.url}</span></a></td>
</tr>`,
  )}</tbody>
</table></div>`;
}

function renderConnectSecret(input: WebhooksListPageInput): SafeHtml {
  const { t } = input.translator;
  const secret = input.connectSecret;
  const state =
    secret === null
      ? html`<p>${t('dash.webhooks.connectSecret.none')}</p>`
      : html`<p>${t('dash.webhooks.connectSecret.created')} ${timeElement(secret.createdAt)}${
          secret.rotatedAt === null
            ? null
            : html`; ${t('dash.webhooks.connectSecret.rotated')} ${timeElement(secret.rotatedAt)}`
        }.</p>`;
  const rotate = input.permissions.manage
    ? html`<form method="post" action="${projectPath(input.project.id, input.mode, 'webhooks')}/connect-secret/rotate"${secret === null ? null : html` data-confirm="${t('dash.webhooks.connectSecret.rotateConfirm')}"`}>
${csrfField(input.viewer)}
<button type="submit" class="button">${secret === null ? t('dash.webhooks.connectSecret.create') : t('dash.webhooks.connectSecret.rotate')}</button>
</form>`
    : null;
  return html`<section aria-labelledby="connect-secret-heading" id="connect-secret">
<h2 id="connect-secret-heading">${t('dash.webhooks.connectSecret.heading')}</h2>
<p>${t('dash.webhooks.connectSecret.explain')}</p>
${state}
${rotate}
</section>`;
}

export function renderWebhooksListPage(input: WebhooksListPageInput): SafeHtml {
  const { t } = input.translator;
  const revealed = input.revealed;
  const subject =
    revealed === null
      ? null
      : revealed.subjectId === 'connect'
        ? t('dash.webhooks.secret.connectSubject')
        : (input.endpoints.find((row) => row.endpoint.id === revealed.subjectId)?.endpoint.url ??
          revealed.subjectId);
  const create = input.permissions.manage
    ? html`<section aria-labelledby="create-heading">
<h2 id="create-heading">${t('dash.webhooks.create.heading')}</h2>
${renderCreateEndpointForm({
  translator: input.translator,
  viewer: input.viewer,
  action: projectPath(input.project.id, input.mode, 'webhooks'),
  values: input.form.values,
  errors: input.form.errors,
})}
</section>`
    : null;
  const body = html`${revealed === null || subject === null ? null : renderSecretReveal(input.translator, revealed.secret, subject)}
${input.notice === null ? null : html`<p class="dash-notice" role="status">${input.notice}</p>`}
<p>${t('dash.webhooks.list.intro')}</p>
<section aria-labelledby="endpoints-heading">
<h2 id="endpoints-heading">${t('dash.webhooks.list.heading')}</h2>
${renderEndpointTable(input)}
</section>
${create}
${renderConnectSecret(input)}`;
  return renderDashboardPage({
    translator: input.translator,
    viewer: input.viewer,
    title: t('dash.webhooks.title'),
    body,
    projects: input.projects,
    current: { project: input.project, mode: input.mode },
    section: 'webhooks',
  });
}
