// The usage page's tables: the numbers themselves, one row per UTC day, newest first. Each table is
// the source of its chart: /assets/dashboard-charts.js reads the cells' `data-value` (raw numbers, not
// the formatted text) and draws an aria-hidden chart above it, so the page needs no script to be
// complete and a screen reader meets only the table.
import type {
  RequestsDay,
  UsageKey,
  UsageReport,
  VerificationsByOutcomeDay,
  WebhooksDay,
} from '../../core/usage/load-usage-report.ts';
import type { VerificationDayOutcome } from '../../store/store.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';

/** What a chart's y axis measures; one axis per unit. */
type ChartUnit = 'count' | 'percent' | 'ms';

const OUTCOME_LABELS: Readonly<Record<VerificationDayOutcome, MessageKey>> = {
  verified: 'dash.usage.outcome.verified',
  failed: 'dash.usage.outcome.failed',
  duplicate: 'dash.usage.outcome.duplicate',
  review: 'dash.usage.outcome.review',
  expired: 'dash.usage.outcome.expired',
  pending: 'dash.usage.outcome.pending',
};

export interface NumberFormats {
  count(value: number): string;
  percent(value: number): string;
  milliseconds(value: number): string;
}

export function numberFormatsOf(translator: Translator): NumberFormats {
  const count = new Intl.NumberFormat(translator.locale);
  const percent = new Intl.NumberFormat(translator.locale, { style: 'percent', maximumFractionDigits: 1 });
  const whole = new Intl.NumberFormat(translator.locale, { maximumFractionDigits: 0 });
  return {
    count: (value) => count.format(value),
    percent: (value) => percent.format(value),
    milliseconds: (value) => translator.t('dash.usage.milliseconds', { value: whole.format(value) }),
  };
}

/** A column of a day table: its header, and how to read and show its value on one day. */
interface Column<Day> {
  label: string;
  /** Charted when set; the total column is not, it would dwarf the rest. */
  unit?: ChartUnit;
  value(day: Day): number | null;
  show(value: number): string;
}

function dayTable<Day extends { day: string }>(input: {
  id: string;
  caption: string;
  days: readonly Day[];
  columns: ReadonlyArray<Column<Day>>;
  translator: Translator;
}): SafeHtml {
  const { t } = input.translator;
  const charted = input.columns.some((column) => column.unit !== undefined);
  const rows = [...input.days].reverse();
  return html`<div class="dash-table-wrap" role="region" aria-labelledby="${input.id}-caption" tabindex="0">
<table class="dash-table usage-table" id="${input.id}"${charted ? html` data-chart="${input.id}"` : null}>
<caption id="${input.id}-caption">${input.caption}</caption>
<thead><tr><th scope="col">${t('dash.usage.day')}</th>${input.columns.map(
    (column) =>
      html`<th scope="col"${column.unit === undefined ? null : html` data-series="${column.unit}"`}>${column.label}</th>`,
  )}</tr></thead>
<tbody>${rows.map(
    (day) =>
      html`<tr><th scope="row" data-day="${day.day}"><time datetime="${day.day}">${day.day}</time></th>${input.columns.map(
        (column) => {
          const value = column.value(day);
          return value === null
            ? html`<td data-value="">${t('dash.usage.none')}</td>`
            : html`<td data-value="${value}">${column.show(value)}</td>`;
        },
      )}</tr>`,
  )}</tbody>
</table>
</div>`;
}

function keyLabel(translator: Translator, key: UsageKey): string {
  const label = `${key.name} (${key.displayPrefix}…)`;
  return key.revoked ? translator.t('dash.usage.keyRevoked', { key: label }) : label;
}

function perKeyColumns(
  translator: Translator,
  formats: NumberFormats,
  keys: readonly UsageKey[],
  pick: (day: RequestsDay) => readonly number[],
  total: (day: RequestsDay) => number,
): Column<RequestsDay>[] {
  return [
    ...keys.map(
      (key, index): Column<RequestsDay> => ({
        label: keyLabel(translator, key),
        unit: 'count',
        value: (day) => pick(day)[index] ?? 0,
        show: formats.count,
      }),
    ),
    { label: translator.t('dash.usage.total'), value: total, show: formats.count },
  ];
}

export function renderRequestsTable(
  translator: Translator,
  formats: NumberFormats,
  report: UsageReport,
): HtmlValue {
  if (report.keys.length === 0) return html`<p>${translator.t('dash.usage.requests.empty')}</p>`;
  return dayTable({
    id: 'usage-requests',
    caption: translator.t('dash.usage.requests.caption'),
    days: report.requests,
    columns: perKeyColumns(
      translator,
      formats,
      report.keys,
      (day) => day.requestsByKey,
      (day) => day.requests,
    ),
    translator,
  });
}

export function renderRateLimitedTable(
  translator: Translator,
  formats: NumberFormats,
  report: UsageReport,
): HtmlValue {
  if (report.requests.every((day) => day.rateLimited === 0)) {
    return html`<p>${translator.t('dash.usage.rateLimited.empty')}</p>`;
  }
  return dayTable({
    id: 'usage-rate-limited',
    caption: translator.t('dash.usage.rateLimited.caption'),
    days: report.requests,
    columns: perKeyColumns(
      translator,
      formats,
      report.keys,
      (day) => day.rateLimitedByKey,
      (day) => day.rateLimited,
    ),
    translator,
  });
}

export function renderVerificationsTable(
  translator: Translator,
  formats: NumberFormats,
  days: readonly VerificationsByOutcomeDay[],
  outcomes: readonly VerificationDayOutcome[],
): HtmlValue {
  if (days.every((day) => day.total === 0))
    return html`<p>${translator.t('dash.usage.verifications.empty')}</p>`;
  return dayTable({
    id: 'usage-verifications',
    caption: translator.t('dash.usage.verifications.caption'),
    days,
    columns: [
      ...outcomes.map(
        (outcome): Column<VerificationsByOutcomeDay> => ({
          label: translator.t(OUTCOME_LABELS[outcome]),
          unit: 'count',
          value: (day) => day.counts[outcome],
          show: formats.count,
        }),
      ),
      { label: translator.t('dash.usage.total'), value: (day) => day.total, show: formats.count },
    ],
    translator,
  });
}

export function renderWebhooksTable(
  translator: Translator,
  formats: NumberFormats,
  days: readonly WebhooksDay[],
): HtmlValue {
  const { t } = translator;
  if (days.every((day) => day.attempts === 0)) return html`<p>${t('dash.usage.webhooks.empty')}</p>`;
  return dayTable({
    id: 'usage-webhooks',
    caption: t('dash.usage.webhooks.caption'),
    days,
    columns: [
      { label: t('dash.usage.webhooks.attempts'), value: (day) => day.attempts, show: formats.count },
      { label: t('dash.usage.webhooks.succeeded'), value: (day) => day.succeeded, show: formats.count },
      {
        label: t('dash.usage.webhooks.successRate'),
        unit: 'percent',
        value: (day) => day.successRate,
        show: formats.percent,
      },
      {
        label: t('dash.usage.webhooks.averageLatency'),
        unit: 'ms',
        value: (day) => day.averageDurationMs,
        show: formats.milliseconds,
      },
      {
        label: t('dash.usage.webhooks.p95Latency'),
        unit: 'ms',
        value: (day) => day.p95DurationMs,
        show: formats.milliseconds,
      },
    ],
    translator,
  });
}
