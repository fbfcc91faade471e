// The delivery log's filters and the "replay failed deliveries" range as they arrive (query strings and
// form fields), checked field by field: dates are whole UTC days written YYYY-MM-DD, the range includes
// its last day, and an endpoint must be one of this project's in this mode. A refused value is shown
// back beside its field with a 400, and nothing is listed or replayed.
import type { DeliveryLogQuery, DeliveryStatus, Store } from '../../../store/store.ts';
import type {
  DeliveryFilterErrors,
  DeliveryFilterValues,
  ReplayFailedErrors,
  ReplayFailedValues,
} from '../../../web/dashboard/deliveries-list-page.ts';
import { CONNECT_LOG_EVENT_TYPES, POY_LOG_EVENT_TYPES } from '../../../web/dashboard/webhooks-format.ts';
import type { Translator } from '../../../web/i18n/translate.ts';
import type { WebhookPageContext } from './webhooks-context.ts';
import { formFields, singleField } from './webhooks-form-input.ts';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const STATUSES: readonly DeliveryStatus[] = ['pending', 'succeeded', 'failed'];
const LOG_EVENT_TYPES = new Set([...POY_LOG_EVENT_TYPES, ...CONNECT_LOG_EVENT_TYPES]);

/** Midnight UTC of a `YYYY-MM-DD` day that exists (no 2030-02-31), else null. */
export function parseUtcDay(value: string): Date | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

type DateRange = { since?: Date; until?: Date };

/** A [since, until) range from two day fields (the last day included); errors name the bad field. */
function parseDayRange(
  translator: Translator,
  from: string | null,
  to: string | null,
  required: boolean,
): { range: DateRange; errors: { from?: string; to?: string } } {
  const { t } = translator;
  const errors: { from?: string; to?: string } = {};
  const range: DateRange = {};
  const read = (value: string | null, field: 'from' | 'to'): Date | null => {
    if (value === '' || value === null) {
      if (required || value === null)
        errors[field] = t(value === null ? 'dash.webhooks.error.date' : 'dash.webhooks.error.dateRequired');
      return null;
    }
    const day = parseUtcDay(value);
    if (day === null) errors[field] = t('dash.webhooks.error.date');
    return day;
  };
  const since = read(from, 'from');
  const lastDay = read(to, 'to');
  if (since !== null) range.since = since;
  if (lastDay !== null) range.until = new Date(lastDay.getTime() + DAY_MS);
  if (since !== null && lastDay !== null && since.getTime() > lastDay.getTime()) {
    errors.to = t('dash.webhooks.error.dateOrder');
  }
  return { range, errors };
}

async function checkEndpoint(
  store: Store,
  context: WebhookPageContext,
  endpointId: string,
): Promise<boolean> {
  const endpoint = await store.findWebhookEndpoint({ ...context.tenant, id: endpointId });
  return endpoint !== null;
}

export type ParsedFilters =
  | { ok: true; values: DeliveryFilterValues; query: Omit<DeliveryLogQuery, 'limit'> }
  | { ok: false; values: DeliveryFilterValues; errors: DeliveryFilterErrors };

/** The log's query string: endpoint, event, status, from, to (all optional) and the page cursor. */
export async function parseDeliveryFilters(
  store: Store,
  context: WebhookPageContext,
  rawQuery: unknown,
): Promise<ParsedFilters> {
  const { t } = context.translator;
  const fields = formFields(rawQuery);
  const endpoint = singleField(fields, 'endpoint');
  const event = singleField(fields, 'event');
  const status = singleField(fields, 'status');
  const from = singleField(fields, 'from');
  const to = singleField(fields, 'to');
  const before = singleField(fields, 'before');
  const values: DeliveryFilterValues = {
    endpoint: endpoint ?? '',
    event: event ?? '',
    status: status ?? '',
    from: from ?? '',
    to: to ?? '',
  };
  const errors: DeliveryFilterErrors = {};
  const query: Omit<DeliveryLogQuery, 'limit'> = { ...context.tenant };
  if (endpoint === null || (endpoint !== '' && !(await checkEndpoint(store, context, endpoint)))) {
    errors.endpoint = t('dash.webhooks.error.endpoint');
  } else if (endpoint !== '') {
    query.endpointId = endpoint;
  }
  if (event === null || (event !== '' && !LOG_EVENT_TYPES.has(event))) {
    errors.event = t('dash.webhooks.error.eventUnknown');
  } else if (event !== '') {
    query.eventType = event;
  }
  const knownStatus = STATUSES.find((each) => each === status);
  if (status === null || (status !== '' && knownStatus === undefined)) {
    errors.status = t('dash.webhooks.error.status');
  } else if (knownStatus !== undefined) {
    query.status = knownStatus;
  }
  const dates = parseDayRange(context.translator, from, to, false);
  Object.assign(errors, dates.errors);
  Object.assign(query, dates.range);
  if (before === null) {
    errors.before = t('dash.webhooks.error.before');
  } else if (before !== '') {
    const anchor = await store.findDeliveryLogEntry({ ...context.tenant, id: before });
    if (anchor === null) errors.before = t('dash.webhooks.error.before');
    else query.before = { createdAt: anchor.delivery.createdAt, id: anchor.delivery.id };
  }
  return Object.keys(errors).length > 0 ? { ok: false, values, errors } : { ok: true, values, query };
}

export type ParsedReplayFailed =
  | { ok: true; values: ReplayFailedValues; since: Date; until: Date; endpointId?: string }
  | { ok: false; values: ReplayFailedValues; errors: ReplayFailedErrors };

/** The "replay failed deliveries" form: from and to (required), endpoint (optional). */
export async function parseReplayFailedForm(
  store: Store,
  context: WebhookPageContext,
  body: unknown,
): Promise<ParsedReplayFailed> {
  const fields = formFields(body);
  const endpoint = singleField(fields, 'endpoint');
  const from = singleField(fields, 'from');
  const to = singleField(fields, 'to');
  const values: ReplayFailedValues = { endpoint: endpoint ?? '', from: from ?? '', to: to ?? '' };
  const errors: ReplayFailedErrors = {};
  if (endpoint === null || (endpoint !== '' && !(await checkEndpoint(store, context, endpoint)))) {
    errors.endpoint = context.translator.t('dash.webhooks.error.endpoint');
  }
  const { range, errors: dateErrors } = parseDayRange(context.translator, from, to, true);
  Object.assign(errors, dateErrors);
  const { since, until } = range;
  if (Object.keys(errors).length > 0 || since === undefined || until === undefined) {
    return { ok: false, values, errors };
  }
  return { ok: true, values, since, until, ...(endpoint ? { endpointId: endpoint } : {}) };
}
