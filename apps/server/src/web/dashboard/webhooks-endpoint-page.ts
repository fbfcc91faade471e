// One endpoint: what it is and how it is doing, its recent deliveries, and (for members allowed to)
// the edit form, the secret rotation, "Send test event" and deletion with a confirmation.
import type { DeliveryLogEntry, KeyMode, WebhookEndpoint } from '../../store/store.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import {
  csrfField,
  type DashboardPageViewer,
  type DashboardProjectRef,
  projectPath,
  renderDashboardPage,
} from './dashboard-layout.ts';
import { renderDeliveryTable } from './deliveries-table.ts';
import { renderEditEndpointForm, type WebhookFormErrors, type WebhookFormValues } from './webhooks-form.ts';
import { surfaceLabel, timeElement } from './webhooks-format.ts';
import {
  describeEvents,
  describeHealth,
  type EndpointRow,
  type WebhookPermissions,
} from './webhooks-list-page.ts';
import { renderSecretReveal } from './webhooks-secret-reveal.ts';

export interface WebhookEndpointPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  project: DashboardProjectRef;
  mode: KeyMode;
  row: EndpointRow;
  recentDeliveries: readonly DeliveryLogEntry[];
  /** The endpoint's new secret, shown once after a rotation. */
  revealedSecret: string | null;
  notice: string | null;
  form: { values: WebhookFormValues; errors: WebhookFormErrors };
  permissions: WebhookPermissions;
  /** To tell whether the previous secret (after a rotation) still signs. */
  now: Date;
}

export function endpointPath(projectId: string, mode: KeyMode, endpointId: string): string {
  return `${projectPath(projectId, mode, 'webhooks')}/${encodeURIComponent(endpointId)}`;
}

function renderFacts(input: WebhookEndpointPageInput): SafeHtml {
  const { t } = input.translator;
  const endpoint: WebhookEndpoint = input.row.endpoint;
  const overlap =
    endpoint.previousSecretExpiresAt !== null && endpoint.previousSecretExpiresAt > input.now
      ? html`<dt>${t('dash.webhooks.endpoint.previousSecret')}</dt><dd>${timeElement(endpoint.previousSecretExpiresAt)}</dd>`
      : null;
  return html`<dl class="dash-facts">
<dt>${t('dash.webhooks.list.surface')}</dt><dd>${surfaceLabel(input.translator, endpoint.surface)}</dd>
<dt>${t('dash.webhooks.list.url')}</dt><dd class="break-all">${endpoint.url}</dd>
<dt>${t('dash.webhooks.list.events')}</dt><dd>${describeEvents(input.translator, endpoint)}</dd>
<dt>${t('dash.webhooks.list.enabled')}</dt><dd>${endpoint.enabled ? t('dash.webhooks.enabled.yes') : t('dash.webhooks.enabled.no')}</dd>
<dt>${t('dash.webhooks.list.health')}</dt><dd>${describeHealth(input.translator, input.row)}</dd>
<dt>${t('dash.webhooks.endpoint.id')}</dt><dd><code>${endpoint.id}</code></dd>
<dt>${t('dash.webhooks.endpoint.created')}</dt><dd>${timeElement(endpoint.createdAt)}</dd>
<dt>${t('dash.webhooks.endpoint.updated')}</dt><dd>${timeElement(endpoint.updatedAt)}</dd>
${overlap}
</dl>`;
}

function renderSecretSection(input: WebhookEndpointPageInput, path: string): SafeHtml {
  const { t } = input.translator;
  if (input.row.endpoint.surface === 'connect') {
    return html`<section aria-labelledby="secret-heading">
<h2 id="secret-heading">${t('dash.webhooks.endpoint.secretHeading')}</h2>
<p>${t('dash.webhooks.endpoint.connectSecret')} <a href="${projectPath(input.project.id, input.mode, 'webhooks')}#connect-secret">${t('dash.webhooks.connectSecret.heading')}</a></p>
</section>`;
  }
  return html`<section aria-labelledby="secret-heading">
<h2 id="secret-heading">${t('dash.webhooks.endpoint.secretHeading')}</h2>
<p>${t('dash.webhooks.endpoint.secretExplain')}</p>
${
  input.permissions.manage
    ? html`<form method="post" action="${path}/rotate-secret" data-confirm="${t('dash.webhooks.endpoint.rotateConfirm')}">
${csrfField(input.viewer)}
<button type="submit" class="button">${t('dash.webhooks.endpoint.rotate')}</button>
</form>`
    : null
}
</section>`;
}

export function renderWebhookEndpointPage(input: WebhookEndpointPageInput): SafeHtml {
  const { t } = input.translator;
  const { endpoint } = input.row;
  const path = endpointPath(input.project.id, input.mode, endpoint.id);
  const deliveriesHref = `${projectPath(input.project.id, input.mode, 'deliveries')}?endpoint=${encodeURIComponent(endpoint.id)}`;
  const test = input.permissions.replay
    ? html`<section aria-labelledby="test-heading">
<h2 id="test-heading">${t('dash.webhooks.test.heading')}</h2>
<p>${endpoint.surface === 'poy' ? t('dash.webhooks.test.explainPoy') : t('dash.webhooks.test.explainConnect')}</p>
<form method="post" action="${path}/test">
${csrfField(input.viewer)}
<button type="submit" class="button">${t('dash.webhooks.test.send')}</button>
</form>
</section>`
    : null;
  const edit = input.permissions.manage
    ? html`<section aria-labelledby="edit-heading">
<h2 id="edit-heading">${t('dash.webhooks.edit.heading')}</h2>
${renderEditEndpointForm({
  translator: input.translator,
  viewer: input.viewer,
  action: path,
  values: input.form.values,
  errors: input.form.errors,
})}
</section>`
    : null;
  const remove = input.permissions.manage
    ? html`<section aria-labelledby="delete-heading">
<h2 id="delete-heading">${t('dash.webhooks.delete.heading')}</h2>
<p>${t('dash.webhooks.delete.explain')}</p>
<form method="post" action="${path}/delete" data-confirm="${t('dash.webhooks.delete.confirm', { url: endpoint.url })}">
${csrfField(input.viewer)}
<button type="submit" class="button button--danger">${t('dash.webhooks.delete.submit')}</button>
</form>
</section>`
    : null;
  const recent =
    input.recentDeliveries.length === 0
      ? html`<p>${t('dash.webhooks.deliveries.none')}</p>`
      : renderDeliveryTable({
          translator: input.translator,
          projectId: input.project.id,
          mode: input.mode,
          entries: input.recentDeliveries,
          caption: t('dash.webhooks.endpoint.recentHeading'),
          showEndpoint: false,
        });
  const body = html`<p><a href="${projectPath(input.project.id, input.mode, 'webhooks')}">${t('dash.webhooks.back')}</a></p>
${input.revealedSecret === null ? null : renderSecretReveal(input.translator, input.revealedSecret, endpoint.url)}
${input.notice === null ? null : html`<p class="dash-notice" role="status">${input.notice}</p>`}
${renderFacts(input)}
${test}
<section aria-labelledby="recent-heading">
<h2 id="recent-heading">${t('dash.webhooks.endpoint.recentHeading')}</h2>
${recent}
<p><a href="${deliveriesHref}">${t('dash.webhooks.endpoint.allDeliveries')}</a></p>
</section>
${edit}
${renderSecretSection(input, path)}
${remove}`;
  return renderDashboardPage({
    translator: input.translator,
    viewer: input.viewer,
    title: t('dash.webhooks.endpoint.title'),
    body,
    projects: input.projects,
    current: { project: input.project, mode: input.mode },
    section: 'webhooks',
  });
}
