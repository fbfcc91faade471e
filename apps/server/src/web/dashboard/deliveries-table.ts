// One table of deliveries (the delivery log, and an endpoint's recent deliveries): when, which event,
// where, the status in words, how many attempts, and what the latest one got back and how fast.
import type { DeliveryLogEntry, KeyMode } from '../../store/store.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { projectPath } from './dashboard-layout.ts';
import { formatHttpStatus, formatLatency, statusTag, surfaceLabel, timeElement } from './webhooks-format.ts';

export function deliveryPath(projectId: string, mode: KeyMode, deliveryId: string): string {
  return `${projectPath(projectId, mode, 'deliveries')}/${encodeURIComponent(deliveryId)}`;
}

export function renderDeliveryTable(input: {
  translator: Translator;
  projectId: string;
  mode: KeyMode;
  entries: readonly DeliveryLogEntry[];
  caption: string;
  /** False on an endpoint's own page, where every row has the same endpoint. */
  showEndpoint: boolean;
}): SafeHtml {
  const { t } = input.translator;
  return html`<div class="dash-table-wrap"><table class="dash-table">
<caption class="visually-hidden">${input.caption}</caption>
<thead><tr>
<th scope="col">${t('dash.webhooks.deliveries.created')}</th>
<th scope="col">${t('dash.webhooks.deliveries.event')}</th>
${input.showEndpoint ? html`<th scope="col">${t('dash.webhooks.deliveries.endpoint')}</th>` : null}
<th scope="col">${t('dash.webhooks.deliveries.status')}</th>
<th scope="col">${t('dash.webhooks.deliveries.attempts')}</th>
<th scope="col">${t('dash.webhooks.deliveries.lastStatus')}</th>
<th scope="col">${t('dash.webhooks.deliveries.latency')}</th>
<th scope="col"><span class="visually-hidden">${t('dash.webhooks.deliveries.links')}</span></th>
</tr></thead>
<tbody>${input.entries.map(
    (entry) => html`<tr>
<td>${timeElement(entry.delivery.createdAt)}</td>
<td><code>${entry.eventType}</code></td>
${input.showEndpoint ? html`<td><span class="hint">${surfaceLabel(input.translator, entry.surface)}</span><br><span class="break-all">${entry.endpointUrl}</span></td>` : null}
<td>${statusTag(input.translator, entry.delivery.status)}</td>
<td>${entry.delivery.attemptCount}</td>
<td class="break-all">${entry.lastAttempt === null ? '—' : formatHttpStatus(entry.lastAttempt.statusCode, entry.lastAttempt.error)}</td>
<td>${formatLatency(input.translator, entry.lastAttempt?.durationMs ?? null)}</td>
<td><a href="${deliveryPath(input.projectId, input.mode, entry.delivery.id)}">${t('dash.webhooks.deliveries.view')}<span class="visually-hidden"> ${entry.delivery.id}</span></a></td>
</tr>`,
  )}</tbody>
</table></div>`;
}
