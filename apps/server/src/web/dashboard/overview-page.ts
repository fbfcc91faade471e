// The usage page of a project in one mode (docs/dashboard.md §7): the plan's limits, then API requests
// by key, rate-limit refusals, verifications by outcome and webhook success rate and latency, per UTC
// day over the last 30 days. Every number is in a table with a caption; the charts drawn above the
// tables by /assets/dashboard-charts.js are aria-hidden decoration of the same numbers.
import type { RateLimitWindow } from '../../core/rate-limit/plan-limits.ts';
import { type UsageReport, VERIFICATION_DAY_OUTCOMES } from '../../core/usage/load-usage-report.ts';
import type { KeyMode, Plan } from '../../store/store.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';
import {
  type DashboardPageViewer,
  type DashboardProjectRef,
  renderDashboardPage,
} from './dashboard-layout.ts';
import {
  type NumberFormats,
  numberFormatsOf,
  renderRateLimitedTable,
  renderRequestsTable,
  renderVerificationsTable,
  renderWebhooksTable,
} from './overview-tables.ts';

/** The chart script, and the one chart library it imports (served from our origin, see pages.ts). */
export const DASHBOARD_CHARTS_SCRIPT = '/assets/dashboard-charts.js';

const PLAN_NAMES: Readonly<Record<Plan, MessageKey>> = {
  free: 'dash.usage.plan.free',
  pro: 'dash.usage.plan.pro',
  enterprise: 'dash.usage.plan.enterprise',
};

const MINUTE_SECONDS = 60;
const DAY_SECONDS = 86_400;

function windowLabel(translator: Translator, window: RateLimitWindow): string {
  if (window.windowSeconds === MINUTE_SECONDS) return translator.t('dash.usage.limits.perMinute');
  if (window.windowSeconds === DAY_SECONDS) return translator.t('dash.usage.limits.perDay');
  return translator.t('dash.usage.limits.perSeconds', { seconds: window.windowSeconds });
}

function renderLimits(translator: Translator, formats: NumberFormats, report: UsageReport): SafeHtml {
  const { t } = translator;
  const plan = t(PLAN_NAMES[report.plan]);
  const dailyLimit = report.limits.find((window) => window.windowSeconds === DAY_SECONDS)?.limit ?? null;
  const limitsTable: HtmlValue =
    report.limits.length === 0
      ? html`<p>${t('dash.usage.limits.none', { plan })}</p>`
      : html`<div class="dash-table-wrap"><table class="dash-table">
<caption>${t('dash.usage.limits.caption', { plan })}</caption>
<thead><tr><th scope="col">${t('dash.usage.limits.window')}</th><th scope="col">${t('dash.usage.limits.allowed')}</th></tr></thead>
<tbody>${report.limits.map(
          (window) =>
            html`<tr><th scope="row">${windowLabel(translator, window)}</th><td>${formats.count(window.limit)}</td></tr>`,
        )}</tbody>
</table></div>`;
  const share = (count: number): string =>
    dailyLimit === null || dailyLimit === 0 ? t('dash.usage.none') : formats.percent(count / dailyLimit);
  const keysTable: HtmlValue =
    report.keyLimits.length === 0
      ? null
      : html`<div class="dash-table-wrap"><table class="dash-table">
<caption>${t('dash.usage.keyLimits.caption')}</caption>
<thead><tr><th scope="col">${t('dash.usage.keyLimits.key')}</th><th scope="col">${t('dash.usage.keyLimits.today')}</th><th scope="col">${t('dash.usage.keyLimits.busiestDay')}</th><th scope="col">${t('dash.usage.keyLimits.dailyLimit')}</th><th scope="col">${t('dash.usage.keyLimits.busiestShare')}</th></tr></thead>
<tbody>${report.keyLimits.map(
          (use) => html`<tr>
<th scope="row">${use.key.name} <code>${use.key.displayPrefix}…</code></th>
<td>${formats.count(use.requestsToday)}</td>
<td>${use.busiestDay === null ? t('dash.usage.none') : t('dash.usage.keyLimits.busiestDayValue', { day: use.busiestDay, count: formats.count(use.busiestDayRequests) })}</td>
<td>${dailyLimit === null ? t('dash.usage.keyLimits.unlimited') : formats.count(dailyLimit)}</td>
<td>${share(use.busiestDayRequests)}</td>
</tr>`,
        )}</tbody>
</table></div>`;
  return html`<section aria-labelledby="usage-limits-heading">
<h2 id="usage-limits-heading">${t('dash.usage.limits.heading')}</h2>
<p>${t('dash.usage.limits.intro', { plan })}</p>
${limitsTable}
${keysTable}
</section>`;
}

function section(id: string, heading: string, intro: string | null, body: HtmlValue): SafeHtml {
  return html`<section class="usage-section" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${heading}</h2>
${intro === null ? null : html`<p>${intro}</p>`}
${body}
</section>`;
}

export interface OverviewPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  project: DashboardProjectRef;
  mode: KeyMode;
  report: UsageReport;
}

export function renderOverviewPage(input: OverviewPageInput): SafeHtml {
  const { translator, report } = input;
  const { t } = translator;
  const formats = numberFormatsOf(translator);
  const first = report.days[0] ?? report.today;
  const body = html`<p>${t('dash.usage.period', { since: first, until: report.today, days: report.days.length })}</p>
${renderLimits(translator, formats, report)}
${section('usage-requests', t('dash.usage.requests.heading'), t('dash.usage.requests.intro'), renderRequestsTable(translator, formats, report))}
${section('usage-rate-limited', t('dash.usage.rateLimited.heading'), null, renderRateLimitedTable(translator, formats, report))}
${section('usage-verifications', t('dash.usage.verifications.heading'), t('dash.usage.verifications.intro'), renderVerificationsTable(translator, formats, report.verifications, VERIFICATION_DAY_OUTCOMES))}
${section('usage-webhooks', t('dash.usage.webhooks.heading'), t('dash.usage.webhooks.intro'), renderWebhooksTable(translator, formats, report.webhooks))}`;
  return renderDashboardPage({
    translator,
    viewer: input.viewer,
    title: t('dash.usage.title'),
    body,
    projects: input.projects,
    current: { project: input.project, mode: input.mode },
    section: 'overview',
    script: DASHBOARD_CHARTS_SCRIPT,
  });
}
