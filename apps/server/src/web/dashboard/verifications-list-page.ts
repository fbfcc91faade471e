// /dashboard/p/{projectId}/{mode}/verifications: a GET filter form and the results, newest first, a
// page at a time. The form echoes what was asked, so a refused filter (400) can be corrected in place.
import {
  encodeVerificationCursor,
  REPORTED_REASON_CODES,
  type VerificationPage,
} from '../../core/verification/verification-search.ts';
import {
  type KeyMode,
  type ReachedAssuranceLevel,
  VERIFICATION_STATES,
  type VerificationState,
} from '../../store/store.ts';
import { html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';
import {
  type DashboardPageViewer,
  type DashboardProjectRef,
  projectPath,
  renderDashboardPage,
} from './dashboard-layout.ts';
import {
  levelLabel,
  renderFinished,
  renderReasons,
  renderStateTag,
  renderTime,
  stateLabel,
} from './verifications-parts.ts';

/** The filter form's fields as the member sent them (strings, possibly invalid). */
export interface VerificationFilterForm {
  q: string;
  state: string;
  level: string;
  reason: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER_FORM: VerificationFilterForm = {
  q: '',
  state: '',
  level: '',
  reason: '',
  from: '',
  to: '',
};

const LEVELS: readonly ReachedAssuranceLevel[] = ['none', 'passkey', 'liveness', 'unique'];

export interface VerificationsListPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  project: DashboardProjectRef;
  mode: KeyMode;
  form: VerificationFilterForm;
  /** Why the filters were refused; the results are then not shown. */
  errors: readonly MessageKey[];
  /** Null when the filters were refused. */
  page: VerificationPage | null;
  /** True past the first page. */
  paged: boolean;
  notice: MessageKey | null;
}

/** The list's URL with these filters (empty ones left out) and, for a next page, where it starts. */
export function verificationsListHref(
  projectId: string,
  mode: KeyMode,
  form: VerificationFilterForm,
  after: string | null = null,
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) if (value !== '') query.set(name, value);
  if (after !== null) query.set('after', after);
  const search = query.toString();
  return `${projectPath(projectId, mode, 'verifications')}${search === '' ? '' : `?${search}`}`;
}

export function verificationPath(projectId: string, mode: KeyMode, verificationId: string): string {
  return `${projectPath(projectId, mode, 'verifications')}/${encodeURIComponent(verificationId)}`;
}

function option(value: string, label: string, selected: string): SafeHtml {
  return html`<option value="${value}"${value === selected ? html` selected` : null}>${label}</option>`;
}

function renderFilters(input: VerificationsListPageInput): SafeHtml {
  const { t } = input.translator;
  const { form } = input;
  const any = t('dash.verifications.filters.any');
  return html`<section aria-labelledby="filters-heading">
<h2 id="filters-heading">${t('dash.verifications.filters.heading')}</h2>
<form method="get" action="${projectPath(input.project.id, input.mode, 'verifications')}" class="dash-form dash-filters">
<label for="filter-q">${t('dash.verifications.filters.text')}
<span class="hint" id="filter-q-hint">${t('dash.verifications.filters.textHint')}</span>
<input id="filter-q" name="q" type="search" maxlength="256" value="${form.q}" aria-describedby="filter-q-hint"></label>
<label for="filter-state">${t('dash.verifications.filters.state')}
<select id="filter-state" name="state">${option('', any, form.state)}${VERIFICATION_STATES.map((state: VerificationState) => option(state, stateLabel(input.translator, state), form.state))}</select></label>
<label for="filter-level">${t('dash.verifications.filters.level')}
<select id="filter-level" name="level">${option('', any, form.level)}${LEVELS.map((level) => option(level, levelLabel(input.translator, level), form.level))}</select></label>
<label for="filter-reason">${t('dash.verifications.filters.reason')}
<select id="filter-reason" name="reason">${option('', any, form.reason)}${REPORTED_REASON_CODES.map((code) => option(code, code, form.reason))}</select></label>
<label for="filter-from">${t('dash.verifications.filters.from')}
<span class="hint" id="filter-date-hint">${t('dash.verifications.filters.dateHint')}</span>
<input id="filter-from" name="from" type="date" value="${form.from}" aria-describedby="filter-date-hint"></label>
<label for="filter-to">${t('dash.verifications.filters.to')}
<input id="filter-to" name="to" type="date" value="${form.to}" aria-describedby="filter-date-hint"></label>
<div class="dash-form__actions"><button type="submit" class="button button--primary">${t('dash.verifications.filters.apply')}</button>
<a href="${projectPath(input.project.id, input.mode, 'verifications')}">${t('dash.verifications.filters.clear')}</a></div>
</form>
</section>`;
}

function renderErrors(input: VerificationsListPageInput): SafeHtml | null {
  if (input.errors.length === 0) return null;
  const { t } = input.translator;
  return html`<div class="dash-error" role="alert"><p>${t('dash.verifications.filters.errorsHeading')}</p>
<ul>${input.errors.map((key) => html`<li>${t(key)}</li>`)}</ul></div>`;
}

function renderUser(translator: Translator, item: VerificationPage['items'][number]): SafeHtml {
  const { t } = translator;
  if (item.user === null) return html`<span>${t('dash.verifications.enrollment')}</span>`;
  return html`<span class="user-ref">${item.user.referenceUserId}</span><br><small>${t('dash.verifications.userId', { id: item.user.id })}</small>`;
}

function renderResults(input: VerificationsListPageInput, page: VerificationPage): SafeHtml {
  const { translator, project, mode } = input;
  const { t } = translator;
  if (page.items.length === 0) return html`<p>${t('dash.verifications.table.empty')}</p>`;
  const rows = page.items.map(
    (item) => html`<tr>
<th scope="row"><a href="${verificationPath(project.id, mode, item.session.id)}"><code>${item.session.id}</code></a></th>
<td>${renderUser(translator, item)}</td>
<td>${renderStateTag(translator, item.state)}</td>
<td>${levelLabel(translator, item.session.assuranceLevel)}</td>
<td>${renderReasons(translator, item.report.reasons, project.name)}</td>
<td>${renderTime(item.session.createdAt)}</td>
<td>${renderFinished(translator, item.state, item.session.completedAt)}</td>
</tr>`,
  );
  return html`<div class="dash-table-wrap"><table class="dash-table">
<caption>${t('dash.verifications.table.caption')}</caption>
<thead><tr>
<th scope="col">${t('dash.verifications.table.id')}</th>
<th scope="col">${t('dash.verifications.table.user')}</th>
<th scope="col">${t('dash.verifications.table.state')}</th>
<th scope="col">${t('dash.verifications.table.level')}</th>
<th scope="col">${t('dash.verifications.table.reasons')}</th>
<th scope="col">${t('dash.verifications.table.created')}</th>
<th scope="col">${t('dash.verifications.table.finished')}</th>
</tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function renderPager(input: VerificationsListPageInput, page: VerificationPage): SafeHtml | null {
  if (!input.paged && page.next === null) return null;
  const { t } = input.translator;
  const { project, mode, form } = input;
  return html`<nav class="dash-pager" aria-label="${t('dash.verifications.page.label')}"><ul>
${input.paged ? html`<li><a href="${verificationsListHref(project.id, mode, form)}">${t('dash.verifications.page.first')}</a></li>` : null}
${page.next === null ? null : html`<li><a href="${verificationsListHref(project.id, mode, form, encodeVerificationCursor(page.next))}" rel="next">${t('dash.verifications.page.next')}</a></li>`}
</ul></nav>`;
}

export function renderVerificationsListPage(input: VerificationsListPageInput): SafeHtml {
  const { t } = input.translator;
  const body = html`<p>${t('dash.verifications.intro')}</p>
${input.notice === null ? null : html`<p class="dash-notice" role="status">${t(input.notice)}</p>`}
${renderFilters(input)}
${renderErrors(input)}
${input.page === null ? null : html`${renderResults(input, input.page)}${renderPager(input, input.page)}`}`;
  return renderDashboardPage({
    translator: input.translator,
    viewer: input.viewer,
    title: t('dash.verifications.title'),
    body,
    projects: input.projects,
    current: { project: input.project, mode: input.mode },
    section: 'verifications',
  });
}
