// The delivery log of a project in one mode: filters (endpoint, event, status, dates) in a GET form so
// a filtered view is a link, the deliveries newest first with a link to the older ones, and (for members
// allowed to) "Replay failed deliveries" for a range of dates.
import type { DeliveryLogEntry, KeyMode, WebhookEndpoint } from '../../store/store.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import {
  csrfField,
  type DashboardPageViewer,
  type DashboardProjectRef,
  projectPath,
  renderDashboardPage,
} from './dashboard-layout.ts';
import { renderDeliveryTable } from './deliveries-table.ts';
import {
  CONNECT_LOG_EVENT_TYPES,
  POY_LOG_EVENT_TYPES,
  statusLabel,
  surfaceLabel,
} from './webhooks-format.ts';
import type { WebhookPermissions } from './webhooks-list-page.ts';

/** The filters as typed (strings from the query), so a refused value is shown back as it was. */
export interface DeliveryFilterValues {
  endpoint: string;
  event: string;
  status: string;
  from: string;
  to: string;
}

export type DeliveryFilterField = keyof DeliveryFilterValues | 'before';
export type DeliveryFilterErrors = Partial<Record<DeliveryFilterField, string>>;

export interface ReplayFailedValues {
  endpoint: string;
  from: string;
  to: string;
}
export type ReplayFailedErrors = Partial<Record<keyof ReplayFailedValues, string>>;

export interface DeliveriesListPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  project: DashboardProjectRef;
  mode: KeyMode;
  endpoints: readonly WebhookEndpoint[];
  filters: DeliveryFilterValues;
  filterErrors: DeliveryFilterErrors;
  entries: readonly DeliveryLogEntry[];
  /** The link to the next (older) page; null on the last. */
  olderHref: string | null;
  notice: string | null;
  replay: { values: ReplayFailedValues; errors: ReplayFailedErrors };
  permissions: WebhookPermissions;
}

function errorText(id: string, message: string | undefined): HtmlValue {
  return message === undefined ? null : html`<span class="field-error" id="${id}">${message}</span>`;
}

function invalid(id: string, message: string | undefined): HtmlValue {
  return message === undefined ? null : html` aria-describedby="${id}" aria-invalid="true"`;
}

function endpointOptions(input: DeliveriesListPageInput, selected: string): SafeHtml[] {
  return input.endpoints.map(
    (endpoint) =>
      html`<option value="${endpoint.id}"${endpoint.id === selected ? html` selected` : null}>${surfaceLabel(input.translator, endpoint.surface)}: ${endpoint.url}</option>`,
  );
}

function eventOptions(types: readonly string[], selected: string): SafeHtml[] {
  return types.map(
    (type) => html`<option value="${type}"${type === selected ? html` selected` : null}>${type}</option>`,
  );
}

function errorSummary(
  translator: Translator,
  errors: Readonly<Record<string, string | undefined>>,
): HtmlValue {
  const messages = Object.values(errors).filter((message): message is string => message !== undefined);
  if (messages.length === 0) return null;
  return html`<div class="dash-error" role="alert"><p>${translator.t('dash.webhooks.form.fix')}</p>
<ul>${messages.map((message) => html`<li>${message}</li>`)}</ul></div>`;
}

function renderFilters(input: DeliveriesListPageInput): SafeHtml {
  const { t } = input.translator;
  const { filters, filterErrors: errors } = input;
  const base = projectPath(input.project.id, input.mode, 'deliveries');
  const statuses = (['pending', 'succeeded', 'failed'] as const).map(
    (status) =>
      html`<option value="${status}"${filters.status === status ? html` selected` : null}>${statusLabel(input.translator, status)}</option>`,
  );
  return html`<form method="get" action="${base}" class="dash-filters" aria-labelledby="filters-heading">
<h2 id="filters-heading" class="visually-hidden">${t('dash.webhooks.filters.heading')}</h2>
${errorSummary(input.translator, errors)}
<div class="dash-filters__field"><label for="filter-endpoint">${t('dash.webhooks.deliveries.endpoint')}
<select id="filter-endpoint" name="endpoint"${invalid('filter-endpoint-error', errors.endpoint)}>
<option value="">${t('dash.webhooks.filters.allEndpoints')}</option>
${endpointOptions(input, filters.endpoint)}
</select></label>
${errorText('filter-endpoint-error', errors.endpoint)}</div>
<div class="dash-filters__field"><label for="filter-event">${t('dash.webhooks.deliveries.event')}
<select id="filter-event" name="event"${invalid('filter-event-error', errors.event)}>
<option value="">${t('dash.webhooks.filters.allEvents')}</option>
<optgroup label="${t('dash.webhooks.surface.poy')}">${eventOptions(POY_LOG_EVENT_TYPES, filters.event)}</optgroup>
<optgroup label="${t('dash.webhooks.surface.connect')}">${eventOptions(CONNECT_LOG_EVENT_TYPES, filters.event)}</optgroup>
</select></label>
${errorText('filter-event-error', errors.event)}</div>
<div class="dash-filters__field"><label for="filter-status">${t('dash.webhooks.deliveries.status')}
<select id="filter-status" name="status"${invalid('filter-status-error', errors.status)}>
<option value="">${t('dash.webhooks.filters.allStatuses')}</option>
${statuses}
</select></label>
${errorText('filter-status-error', errors.status)}</div>
<div class="dash-filters__field"><label for="filter-from">${t('dash.webhooks.filters.from')}
<input id="filter-from" name="from" type="date" value="${filters.from}"${invalid('filter-from-error', errors.from)}></label>
${errorText('filter-from-error', errors.from)}</div>
<div class="dash-filters__field"><label for="filter-to">${t('dash.webhooks.filters.to')}
<input id="filter-to" name="to" type="date" value="${filters.to}"${invalid('filter-to-error', errors.to)}></label>
${errorText('filter-to-error', errors.to)}</div>
<p class="dash-filters__actions"><button type="submit" class="button">${t('dash.webhooks.filters.apply')}</button>
<a href="${base}">${t('dash.webhooks.filters.clear')}</a></p>
</form>`;
}

function renderReplayFailed(input: DeliveriesListPageInput): HtmlValue {
  if (!input.permissions.replay) return null;
  const { t } = input.translator;
  const { values, errors } = input.replay;
  return html`<section aria-labelledby="replay-failed-heading">
<h2 id="replay-failed-heading">${t('dash.webhooks.replayFailed.heading')}</h2>
<p>${t('dash.webhooks.replayFailed.explain')}</p>
<form method="post" action="${projectPath(input.project.id, input.mode, 'deliveries')}/replay-failed" class="dash-form" data-confirm="${t('dash.webhooks.replayFailed.confirm')}" novalidate>
${csrfField(input.viewer)}
${errorSummary(input.translator, errors)}
<label for="replay-from">${t('dash.webhooks.filters.from')}
<input id="replay-from" name="from" type="date" required value="${values.from}"${invalid('replay-from-error', errors.from)}></label>
${errorText('replay-from-error', errors.from)}
<label for="replay-to">${t('dash.webhooks.filters.to')}
<input id="replay-to" name="to" type="date" required value="${values.to}"${invalid('replay-to-error', errors.to)}></label>
${errorText('replay-to-error', errors.to)}
<label for="replay-endpoint">${t('dash.webhooks.deliveries.endpoint')}
<select id="replay-endpoint" name="endpoint"${invalid('replay-endpoint-error', errors.endpoint)}>
<option value="">${t('dash.webhooks.filters.allEndpoints')}</option>
${endpointOptions(input, values.endpoint)}
</select></label>
${errorText('replay-endpoint-error', errors.endpoint)}
<p><button type="submit" class="button">${t('dash.webhooks.replayFailed.submit')}</button></p>
</form>
</section>`;
}

export function renderDeliveriesListPage(input: DeliveriesListPageInput): SafeHtml {
  const { t } = input.translator;
  const results =
    input.entries.length === 0
      ? html`<p class="dash-notice">${t('dash.webhooks.deliveries.none')}</p>`
      : renderDeliveryTable({
          translator: input.translator,
          projectId: input.project.id,
          mode: input.mode,
          entries: input.entries,
          caption: t('dash.webhooks.deliveries.caption'),
          showEndpoint: true,
        });
  const body = html`${input.notice === null ? null : html`<p class="dash-notice" role="status">${input.notice}</p>`}
<p>${t('dash.webhooks.deliveries.intro')}</p>
${renderFilters(input)}
<section aria-labelledby="log-heading">
<h2 id="log-heading">${t('dash.webhooks.deliveries.heading')}</h2>
${results}
${input.olderHref === null ? null : html`<p><a href="${input.olderHref}" rel="next">${t('dash.webhooks.deliveries.older')}</a></p>`}
</section>
${renderReplayFailed(input)}`;
  return renderDashboardPage({
    translator: input.translator,
    viewer: input.viewer,
    title: t('dash.webhooks.deliveries.title'),
    body,
    projects: input.projects,
    current: { project: input.project, mode: input.mode },
    section: 'deliveries',
  });
}
