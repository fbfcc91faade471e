// The account's audit log (docs/dashboard.md §8): a GET form of filters (who, what, project, days),
// then one row per change, newest first: who made it, what it was, what it touched, when and from
// where, with its recorded facts. Pages are keyset pages ("Older changes" carries the last row's time
// and id), so a page never shifts when new changes arrive.
import type { AuditActorKind, AuditEvent } from '../../store/store.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';
import {
  type DashboardPageViewer,
  type DashboardProjectRef,
  renderDashboardPage,
} from './dashboard-layout.ts';

export const AUDIT_ACTOR_LABELS: Readonly<Record<AuditActorKind, MessageKey>> = {
  member: 'dash.audit.actor.member',
  api_key: 'dash.audit.actor.apiKey',
  cli: 'dash.audit.actor.cli',
  system: 'dash.audit.actor.system',
};

/** The filters as the member typed them, shown back in the form. */
export interface AuditFilterValues {
  actor: string;
  action: string;
  project: string;
  from: string;
  to: string;
}

export type AuditFilterField = keyof AuditFilterValues | 'before';

export interface AuditPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  filters: AuditFilterValues;
  /** Problems with the filters, by field; the page then lists no events. */
  errors: ReadonlyArray<{ field: AuditFilterField; message: MessageKey }>;
  events: readonly AuditEvent[];
  /** The query string of the next (older) page, or null on the last. */
  olderQuery: string | null;
  /** On a later page, the query string of the first page with the same filters; null on the first. */
  newestQuery: string | null;
}

function formatUtc(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function fieldError(input: AuditPageInput, field: AuditFilterField): MessageKey | null {
  return input.errors.find((error) => error.field === field)?.message ?? null;
}

/** aria-invalid and the ids of the hint and of the message describing the problem, when there are. */
function fieldAttributes(input: AuditPageInput, field: AuditFilterField, hintId?: string): HtmlValue {
  const invalid = fieldError(input, field) !== null;
  const described = [hintId, invalid ? `audit-${field}-error` : undefined].filter((id) => id !== undefined);
  return html`${invalid ? html` aria-invalid="true"` : null}${described.length > 0 ? html` aria-describedby="${described.join(' ')}"` : null}`;
}

function errorText(input: AuditPageInput, field: AuditFilterField): HtmlValue {
  const message = fieldError(input, field);
  return message === null
    ? null
    : html`<span class="field-error" id="audit-${field}-error">${input.translator.t(message)}</span>`;
}

function renderFilters(input: AuditPageInput): SafeHtml {
  const { t } = input.translator;
  const { filters } = input;
  const actorOptions: ReadonlyArray<[string, string]> = [
    ['', t('dash.audit.filter.anyone')],
    ...Object.entries(AUDIT_ACTOR_LABELS).map(([kind, label]): [string, string] => [kind, t(label)]),
  ];
  const projectOptions: ReadonlyArray<[string, string]> = [
    ['', t('dash.audit.filter.anyProject')],
    ...input.projects.map((project): [string, string] => [project.id, project.name]),
  ];
  const options = (choices: ReadonlyArray<[string, string]>, selected: string) =>
    choices.map(
      ([value, label]) =>
        html`<option value="${value}"${value === selected ? html` selected` : null}>${label}</option>`,
    );
  return html`<form class="dash-form audit-filters" method="get" action="/dashboard/audit" role="search" aria-labelledby="audit-filters-heading">
<h2 id="audit-filters-heading">${t('dash.audit.filter.heading')}</h2>
<label>${t('dash.audit.filter.actor')}
<select name="actor" class="audit-filter-field"${fieldAttributes(input, 'actor')}>${options(actorOptions, filters.actor)}</select>
${errorText(input, 'actor')}</label>
<label>${t('dash.audit.filter.action')}
<input name="action" class="audit-filter-field" value="${filters.action}" maxlength="64" autocomplete="off" spellcheck="false"${fieldAttributes(input, 'action', 'audit-action-hint')}>
<span class="hint" id="audit-action-hint">${t('dash.audit.filter.actionHint')}</span>
${errorText(input, 'action')}</label>
<label>${t('dash.audit.filter.project')}
<select name="project" class="audit-filter-field"${fieldAttributes(input, 'project')}>${options(projectOptions, filters.project)}</select>
${errorText(input, 'project')}</label>
<label>${t('dash.audit.filter.from')}
<input type="date" name="from" class="audit-filter-field" value="${filters.from}"${fieldAttributes(input, 'from')}>
${errorText(input, 'from')}</label>
<label>${t('dash.audit.filter.to')}
<input type="date" name="to" class="audit-filter-field" value="${filters.to}"${fieldAttributes(input, 'to')}>
${errorText(input, 'to')}</label>
<p><button type="submit" class="button">${t('dash.audit.filter.apply')}</button> <a href="/dashboard/audit">${t('dash.audit.filter.clear')}</a></p>
</form>`;
}

function renderDetails(event: AuditEvent): HtmlValue {
  const entries = Object.entries(event.details);
  if (entries.length === 0) return null;
  return html`<ul class="audit-details">${entries.map(
    ([name, value]) => html`<li><code>${name}</code>: ${value === null ? '—' : String(value)}</li>`,
  )}</ul>`;
}

function renderRow(input: AuditPageInput, event: AuditEvent): SafeHtml {
  const { t } = input.translator;
  const project = input.projects.find((each) => each.id === event.projectId);
  const projectCell: HtmlValue =
    event.projectId === null
      ? t('dash.audit.account')
      : html`${project?.name ?? event.projectId}${event.mode === null ? null : html` <span class="tag${event.mode === 'test' ? ' tag--test' : ''}">${t(event.mode === 'test' ? 'dash.mode.test' : 'dash.mode.live')}</span>`}`;
  return html`<tr>
<td><time datetime="${event.createdAt.toISOString()}">${formatUtc(event.createdAt)}</time></td>
<td>${event.actorLabel}<br><span class="tag">${t(AUDIT_ACTOR_LABELS[event.actorKind])}</span></td>
<td><code class="audit-action">${event.action}</code>${renderDetails(event)}</td>
<td>${event.targetKind === null ? '—' : html`${event.targetKind} <code>${event.targetId ?? ''}</code>`}</td>
<td>${projectCell}</td>
<td>${event.ip ?? t('dash.audit.noAddress')}</td>
</tr>`;
}

function renderEvents(input: AuditPageInput): HtmlValue {
  const { t } = input.translator;
  if (input.errors.length > 0) return null;
  if (input.events.length === 0) return html`<p>${t('dash.audit.empty')}</p>`;
  return html`<div class="dash-table-wrap" role="region" aria-labelledby="audit-caption" tabindex="0">
<table class="dash-table audit-table">
<caption id="audit-caption">${t('dash.audit.caption')}</caption>
<thead><tr>
<th scope="col">${t('dash.audit.column.when')}</th>
<th scope="col">${t('dash.audit.column.who')}</th>
<th scope="col">${t('dash.audit.column.what')}</th>
<th scope="col">${t('dash.audit.column.target')}</th>
<th scope="col">${t('dash.audit.column.project')}</th>
<th scope="col">${t('dash.audit.column.from')}</th>
</tr></thead>
<tbody>${input.events.map((event) => renderRow(input, event))}</tbody>
</table>
</div>`;
}

function renderPager(input: AuditPageInput): HtmlValue {
  const { t } = input.translator;
  if (input.errors.length > 0 || (input.olderQuery === null && input.newestQuery === null)) return null;
  return html`<nav class="pager" aria-label="${t('dash.audit.pages')}"><ul>
${input.newestQuery === null ? null : html`<li><a href="/dashboard/audit?${input.newestQuery}">${t('dash.audit.newest')}</a></li>`}
${input.olderQuery === null ? null : html`<li><a href="/dashboard/audit?${input.olderQuery}" rel="next">${t('dash.audit.older')}</a></li>`}
</ul></nav>`;
}

export function renderAuditPage(input: AuditPageInput): SafeHtml {
  const { t } = input.translator;
  const summary: HtmlValue =
    input.errors.length === 0
      ? null
      : html`<div class="dash-error" role="alert"><p>${t('dash.audit.invalid')}</p><ul>${input.errors.map(
          // The page cursor has no field of its own to point at.
          (error) =>
            error.field === 'before'
              ? html`<li>${t(error.message)}</li>`
              : html`<li><a href="#audit-${error.field}-error">${t(error.message)}</a></li>`,
        )}</ul></div>`;
  const body = html`<p>${t('dash.audit.intro')}</p>
${summary}
${renderFilters(input)}
${renderEvents(input)}
${renderPager(input)}`;
  return renderDashboardPage({
    translator: input.translator,
    viewer: input.viewer,
    title: t('dash.audit.title'),
    body,
    projects: input.projects,
    current: null,
    section: 'audit',
  });
}
