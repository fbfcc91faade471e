// One delivery: its event and destination, its status, every attempt (time, HTTP status, latency, the
// error and the first bytes of the answer, all escaped), the body that was sent, and "Replay" for
// members allowed to. The body is what the receiver got; it holds no secret (signatures are computed
// per attempt and never stored).
import type { DeliveryLogEntry, KeyMode, WebhookAttempt } from '../../store/store.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import {
  csrfField,
  type DashboardPageViewer,
  type DashboardProjectRef,
  projectPath,
  renderDashboardPage,
} from './dashboard-layout.ts';
import { deliveryPath } from './deliveries-table.ts';
import { endpointPath } from './webhooks-endpoint-page.ts';
import { formatLatency, statusTag, surfaceLabel, timeElement } from './webhooks-format.ts';
import type { WebhookPermissions } from './webhooks-list-page.ts';

/** How much of a stored response excerpt the page shows (the store keeps up to 1 KiB). */
export const SHOWN_EXCERPT_CHARACTERS = 512;

export interface DeliveryDetailPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  project: DashboardProjectRef;
  mode: KeyMode;
  entry: DeliveryLogEntry;
  attempts: readonly WebhookAttempt[];
  /** The body as delivered, pretty-printed; null if its event is gone. */
  body: string | null;
  notice: string | null;
  permissions: WebhookPermissions;
}

function excerptOf(text: string): string {
  return text.length > SHOWN_EXCERPT_CHARACTERS ? `${text.slice(0, SHOWN_EXCERPT_CHARACTERS)}…` : text;
}

function renderAttempts(input: DeliveryDetailPageInput): SafeHtml {
  const { t } = input.translator;
  if (input.attempts.length === 0) return html`<p>${t('dash.webhooks.attempts.none')}</p>`;
  return html`<div class="dash-table-wrap"><table class="dash-table">
<caption class="visually-hidden">${t('dash.webhooks.attempts.heading')}</caption>
<thead><tr>
<th scope="col">${t('dash.webhooks.attempts.number')}</th>
<th scope="col">${t('dash.webhooks.attempts.time')}</th>
<th scope="col">${t('dash.webhooks.attempts.httpStatus')}</th>
<th scope="col">${t('dash.webhooks.deliveries.latency')}</th>
<th scope="col">${t('dash.webhooks.attempts.error')}</th>
<th scope="col">${t('dash.webhooks.attempts.response')}</th>
</tr></thead>
<tbody>${input.attempts.map(
    (attempt) => html`<tr>
<td>${attempt.attemptNumber}</td>
<td>${timeElement(attempt.attemptedAt)}</td>
<td>${attempt.statusCode === null ? '—' : attempt.statusCode}</td>
<td>${formatLatency(input.translator, attempt.durationMs)}</td>
<td class="break-all">${attempt.error ?? '—'}</td>
<td>${attempt.responseExcerpt === null ? '—' : html`<pre class="dash-pre">${excerptOf(attempt.responseExcerpt)}</pre>`}</td>
</tr>`,
  )}</tbody>
</table></div>`;
}

export function renderDeliveryDetailPage(input: DeliveryDetailPageInput): SafeHtml {
  const { t } = input.translator;
  const { delivery } = input.entry;
  const replay = input.permissions.replay
    ? html`<form method="post" action="${deliveryPath(input.project.id, input.mode, delivery.id)}/replay">
${csrfField(input.viewer)}
<button type="submit" class="button">${t('dash.webhooks.replay.submit')}</button>
<span class="hint">${t('dash.webhooks.replay.explain')}</span>
</form>`
    : null;
  const body = html`<p><a href="${projectPath(input.project.id, input.mode, 'deliveries')}">${t('dash.webhooks.deliveries.back')}</a></p>
${input.notice === null ? null : html`<p class="dash-notice" role="status">${input.notice}</p>`}
<dl class="dash-facts">
<dt>${t('dash.webhooks.delivery.id')}</dt><dd><code>${delivery.id}</code></dd>
<dt>${t('dash.webhooks.deliveries.event')}</dt><dd><code>${input.entry.eventType}</code></dd>
<dt>${t('dash.webhooks.deliveries.endpoint')}</dt><dd>${surfaceLabel(input.translator, input.entry.surface)}: <a class="break-all" href="${endpointPath(input.project.id, input.mode, delivery.endpointId)}">${input.entry.endpointUrl}</a></dd>
<dt>${t('dash.webhooks.deliveries.status')}</dt><dd>${statusTag(input.translator, delivery.status)}</dd>
<dt>${t('dash.webhooks.deliveries.attempts')}</dt><dd>${delivery.attemptCount}</dd>
<dt>${t('dash.webhooks.deliveries.created')}</dt><dd>${timeElement(delivery.createdAt)}</dd>
${delivery.completedAt === null ? null : html`<dt>${t('dash.webhooks.delivery.completed')}</dt><dd>${timeElement(delivery.completedAt)}</dd>`}
${delivery.status === 'pending' && delivery.nextAttemptAt !== null ? html`<dt>${t('dash.webhooks.delivery.nextAttempt')}</dt><dd>${timeElement(delivery.nextAttemptAt)}</dd>` : null}
</dl>
${replay}
<section aria-labelledby="attempts-heading">
<h2 id="attempts-heading">${t('dash.webhooks.attempts.heading')}</h2>
${renderAttempts(input)}
</section>
<section aria-labelledby="body-heading">
<h2 id="body-heading">${t('dash.webhooks.delivery.body')}</h2>
${input.body === null ? html`<p>—</p>` : html`<pre class="dash-pre">${input.body}</pre>`}
</section>`;
  return renderDashboardPage({
    translator: input.translator,
    viewer: input.viewer,
    title: t('dash.webhooks.delivery.title'),
    body,
    projects: input.projects,
    current: { project: input.project, mode: input.mode },
    section: 'deliveries',
  });
}
