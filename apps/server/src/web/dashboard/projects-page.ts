// /dashboard/projects: the account's projects (name, plan, created) and, for members who may, the form
// that creates one. A project opens on its usage overview; its settings are one link away.
import { PLANS, type Plan, type Project } from '../../store/store.ts';
import { html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';
import { formatUtcTime } from '../templates/parts.ts';
import { csrfField, type DashboardPageViewer, projectPath, renderDashboardPage } from './dashboard-layout.ts';

export const PLAN_NAMES: Readonly<Record<Plan, MessageKey>> = {
  free: 'dash.projects.plan.free',
  pro: 'dash.projects.plan.pro',
  enterprise: 'dash.projects.plan.enterprise',
};

export interface ProjectsPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly Project[];
  canCreate: boolean;
  /** The create form after a refused submission: what was typed and which fields were wrong. */
  form: { name: string; plan: string; invalid: ReadonlySet<'name' | 'plan'> } | null;
}

function renderTable(input: ProjectsPageInput): SafeHtml {
  const { t } = input.translator;
  if (input.projects.length === 0) return html`<p>${t('dash.projects.empty')}</p>`;
  return html`<div class="dash-table-wrap"><table class="dash-table">
<caption class="visually-hidden">${t('dash.projects.table.caption')}</caption>
<thead><tr>
<th scope="col">${t('dash.projects.table.name')}</th>
<th scope="col">${t('dash.projects.table.plan')}</th>
<th scope="col">${t('dash.projects.table.created')}</th>
<th scope="col">${t('dash.projects.table.settings')}</th>
</tr></thead>
<tbody>${input.projects.map(
    (project) => html`<tr>
<th scope="row"><a href="${projectPath(project.id, 'test', 'overview')}">${project.name}</a></th>
<td>${t(PLAN_NAMES[project.plan])}</td>
<td><time datetime="${project.createdAt.toISOString()}">${formatUtcTime(project.createdAt)}</time></td>
<td><a href="${projectPath(project.id, 'test', 'settings')}">${t('dash.projects.table.settingsLink', { name: project.name })}</a></td>
</tr>`,
  )}</tbody>
</table></div>`;
}

function renderCreateForm(input: ProjectsPageInput): SafeHtml | null {
  if (!input.canCreate) return null;
  const { t } = input.translator;
  const invalid = input.form?.invalid ?? new Set<'name' | 'plan'>();
  const plan = input.form?.plan ?? 'free';
  const nameDescribedBy = invalid.has('name') ? 'project-name-error project-name-hint' : 'project-name-hint';
  return html`<section aria-labelledby="create-project-title">
<h2 id="create-project-title">${t('dash.projects.create.heading')}</h2>
<p>${t('dash.projects.create.after')}</p>
${invalid.size === 0 ? null : html`<p class="dash-error" role="alert">${t('dash.projects.error.summary')}</p>`}
<form class="dash-form" method="post" action="/dashboard/projects" novalidate>
${csrfField(input.viewer)}
<div class="dash-field${invalid.has('name') ? ' dash-field--invalid' : ''}"><label for="project-name">${t('dash.projects.create.name')}</label>
<span id="project-name-hint" class="hint">${t('dash.projects.create.nameHint')}</span>
${invalid.has('name') ? html`<span id="project-name-error" class="field-error">${t('dash.projects.error.name')}</span>` : null}
<input id="project-name" name="name" type="text" maxlength="200" autocomplete="off" required aria-describedby="${nameDescribedBy}" value="${input.form?.name ?? ''}"${invalid.has('name') ? html` aria-invalid="true"` : null}></div>
<div class="dash-field${invalid.has('plan') ? ' dash-field--invalid' : ''}"><label for="project-plan">${t('dash.projects.table.plan')}</label>
${invalid.has('plan') ? html`<span id="project-plan-error" class="field-error">${t('dash.projects.error.plan')}</span>` : null}
<select id="project-plan" name="plan"${invalid.has('plan') ? html` aria-invalid="true" aria-describedby="project-plan-error"` : null}>${PLANS.map(
    (value) =>
      html`<option value="${value}"${value === plan ? html` selected` : null}>${t(PLAN_NAMES[value])}</option>`,
  )}</select></div>
<p><button type="submit" class="button button--primary">${t('dash.projects.create.submit')}</button></p>
</form>
</section>`;
}

export function renderProjectsPage(input: ProjectsPageInput): SafeHtml {
  const { t } = input.translator;
  const body = html`<p>${t('dash.projects.intro')}</p>
${renderTable(input)}
${renderCreateForm(input)}`;
  return renderDashboardPage({
    translator: input.translator,
    viewer: input.viewer,
    title: t('dash.projects.title'),
    body,
    projects: input.projects.map((project) => ({ id: project.id, name: project.name })),
    current: null,
    section: 'projects',
  });
}
