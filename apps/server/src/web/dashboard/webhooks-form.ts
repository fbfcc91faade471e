// The endpoint form (create and edit), shared by the webhooks list and the endpoint page. It works
// without JavaScript: the surface is a radio group, events are checkboxes grouped per surface, and a
// refused submission comes back with the values typed and each problem beside its field.
import { CONNECT_EVENT_TYPES, POY_EVENT_TYPES } from '@poy/wire';
import type { WebhookSurface } from '../../store/store.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { csrfField, type DashboardPageViewer } from './dashboard-layout.ts';

export interface WebhookFormValues {
  surface: WebhookSurface;
  url: string;
  events: readonly string[];
  enabled: boolean;
}

export type WebhookFormField = 'surface' | 'url' | 'events';
/** Translated messages, one per field that was refused. */
export type WebhookFormErrors = Partial<Record<WebhookFormField, string>>;

export const EMPTY_WEBHOOK_FORM: WebhookFormValues = { surface: 'poy', url: '', events: [], enabled: true };

function fieldError(id: string, message: string | undefined): HtmlValue {
  return message === undefined ? null : html`<span class="field-error" id="${id}">${message}</span>`;
}

function describedBy(id: string, message: string | undefined): HtmlValue {
  return message === undefined ? null : html` aria-describedby="${id}" aria-invalid="true"`;
}

function eventCheckboxes(idPrefix: string, types: readonly string[], values: WebhookFormValues): SafeHtml[] {
  return types.map(
    (type) =>
      html`<label class="dash-check"><input type="checkbox" name="events" value="${type}" id="${idPrefix}-${type}"${values.events.includes(type) ? html` checked` : null}> <code>${type}</code></label>`,
  );
}

function errorSummary(translator: Translator, errors: WebhookFormErrors): HtmlValue {
  const messages = Object.values(errors);
  if (messages.length === 0) return null;
  return html`<div class="dash-error" role="alert"><p>${translator.t('dash.webhooks.form.fix')}</p>
<ul>${messages.map((message) => html`<li>${message}</li>`)}</ul></div>`;
}

/**
 * The create form: surface, URL, events of both surfaces (the server keeps those of the chosen one and
 * refuses the others), enabled.
 */
export function renderCreateEndpointForm(input: {
  translator: Translator;
  viewer: DashboardPageViewer;
  action: string;
  values: WebhookFormValues;
  errors: WebhookFormErrors;
}): SafeHtml {
  const { t } = input.translator;
  const { values, errors } = input;
  const surfaceOption = (surface: WebhookSurface, label: string) =>
    html`<label class="dash-check"><input type="radio" name="surface" value="${surface}"${values.surface === surface ? html` checked` : null}> ${label}</label>`;
  return html`<form method="post" action="${input.action}" class="dash-form" novalidate>
${csrfField(input.viewer)}
${errorSummary(input.translator, errors)}
<fieldset${describedBy('surface-error', errors.surface)}>
<legend>${t('dash.webhooks.form.surface')}</legend>
${surfaceOption('poy', t('dash.webhooks.surface.poy'))}
${surfaceOption('connect', t('dash.webhooks.surface.connect'))}
${fieldError('surface-error', errors.surface)}
</fieldset>
<label for="webhook-url">${t('dash.webhooks.form.url')}
<span class="hint" id="webhook-url-hint">${t('dash.webhooks.form.urlHint')}</span></label>
<input id="webhook-url" name="url" type="url" inputmode="url" maxlength="2048" required value="${values.url}"${errors.url === undefined ? html` aria-describedby="webhook-url-hint"` : html` aria-describedby="webhook-url-hint url-error" aria-invalid="true"`}>
${fieldError('url-error', errors.url)}
<fieldset${describedBy('events-error', errors.events)}>
<legend>${t('dash.webhooks.form.events')}</legend>
<p class="hint">${t('dash.webhooks.form.eventsHint')}</p>
<fieldset class="dash-checks"><legend>${t('dash.webhooks.form.poyEvents')}</legend>
${eventCheckboxes('event-poy', POY_EVENT_TYPES, values)}
</fieldset>
<fieldset class="dash-checks"><legend>${t('dash.webhooks.form.connectEvents')}</legend>
${eventCheckboxes('event-connect', CONNECT_EVENT_TYPES, values)}
</fieldset>
${fieldError('events-error', errors.events)}
</fieldset>
<label class="dash-check"><input type="checkbox" name="enabled" value="on"${values.enabled ? html` checked` : null}> ${t('dash.webhooks.form.enabled')}</label>
<p><button type="submit" class="button button--primary">${t('dash.webhooks.form.create')}</button></p>
</form>`;
}

/** The edit form: URL, events (POY endpoints only: a Connect destination keeps its one type), enabled. */
export function renderEditEndpointForm(input: {
  translator: Translator;
  viewer: DashboardPageViewer;
  action: string;
  values: WebhookFormValues;
  errors: WebhookFormErrors;
}): SafeHtml {
  const { t } = input.translator;
  const { values, errors } = input;
  const events =
    values.surface === 'poy'
      ? html`<fieldset class="dash-checks"${describedBy('events-error', errors.events)}>
<legend>${t('dash.webhooks.form.events')}</legend>
<p class="hint">${t('dash.webhooks.form.poyEventsHint')}</p>
${eventCheckboxes('event-poy', POY_EVENT_TYPES, values)}
${fieldError('events-error', errors.events)}
</fieldset>`
      : null;
  return html`<form method="post" action="${input.action}" class="dash-form" novalidate>
${csrfField(input.viewer)}
${errorSummary(input.translator, errors)}
<label for="webhook-url">${t('dash.webhooks.form.url')}
<span class="hint" id="webhook-url-hint">${t('dash.webhooks.form.urlHint')}</span></label>
<input id="webhook-url" name="url" type="url" inputmode="url" maxlength="2048" required value="${values.url}"${errors.url === undefined ? html` aria-describedby="webhook-url-hint"` : html` aria-describedby="webhook-url-hint url-error" aria-invalid="true"`}>
${fieldError('url-error', errors.url)}
${events}
<label class="dash-check"><input type="checkbox" name="enabled" value="on"${values.enabled ? html` checked` : null}> ${t('dash.webhooks.form.enabled')}</label>
<p><button type="submit" class="button button--primary">${t('dash.webhooks.form.save')}</button></p>
</form>`;
}
