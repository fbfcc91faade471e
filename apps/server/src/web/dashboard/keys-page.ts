// /dashboard/p/{projectId}/{mode}/keys: the project's API keys of the URL's mode only (prefix, creator,
// times, status), the form that creates one, and revoke buttons. A new key is shown here once, right
// after it was made (the flash cookie carries it across the redirect and is cleared by this response);
// nothing the server stores could show it again. Buttons the member's role cannot use are not rendered;
// the server refuses those requests anyway.
import type { ApiKey, KeyMode } from '../../store/store.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { formatUtcTime } from '../templates/parts.ts';
import {
  csrfField,
  type DashboardPageViewer,
  type DashboardProjectRef,
  projectPath,
  renderDashboardPage,
} from './dashboard-layout.ts';

/** Who made a key, as the list shows it. */
export type KeyCreator =
  | { kind: 'member'; displayName: string }
  | { kind: 'cli' }
  | { kind: 'api' }
  | { kind: 'unknown' };

export interface KeysPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  project: DashboardProjectRef;
  mode: KeyMode;
  keys: ReadonlyArray<{ apiKey: ApiKey; creator: KeyCreator }>;
  canCreate: boolean;
  canRevoke: boolean;
  /** The key just made, with its full secret: shown once, on this response only. */
  created: { apiKey: ApiKey; secret: string } | null;
  /** The key just revoked, for the confirmation. */
  revoked: ApiKey | null;
  /** The create form after a refused submission: what was typed, marked wrong. */
  nameError: { value: string } | null;
}

function renderTime(date: Date): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${formatUtcTime(date)}</time>`;
}

function creatorText(translator: Translator, creator: KeyCreator): string {
  switch (creator.kind) {
    case 'member':
      return creator.displayName;
    case 'cli':
      return translator.t('dash.projects.keys.creator.cli');
    case 'api':
      return translator.t('dash.projects.keys.creator.api');
    case 'unknown':
      return translator.t('dash.projects.keys.creator.unknown');
  }
}

function renderStatus(translator: Translator, apiKey: ApiKey): SafeHtml {
  const { t } = translator;
  if (apiKey.revokedAt === null)
    return html`<span class="tag">${t('dash.projects.keys.status.active')}</span>`;
  const time = formatUtcTime(apiKey.revokedAt);
  return html`<span class="tag tag--danger">${t('dash.projects.keys.status.revoked', { time })}</span>`;
}

function renderRevoke(input: KeysPageInput, apiKey: ApiKey): SafeHtml | null {
  if (!input.canRevoke || apiKey.revokedAt !== null) return null;
  const { t } = input.translator;
  const params = { name: apiKey.name };
  const action = `${projectPath(input.project.id, input.mode, 'keys')}/${encodeURIComponent(apiKey.id)}/revoke`;
  return html`<form class="dash-inline-form" method="post" action="${action}" data-confirm="${t('dash.projects.keys.revoke.confirm', params)}">${csrfField(input.viewer)}<button type="submit" class="button button--small" aria-label="${t('dash.projects.keys.revoke.submitLabel', params)}">${t('dash.projects.keys.revoke.submit')}</button></form>`;
}

function renderRows(input: KeysPageInput): SafeHtml {
  const { t } = input.translator;
  return html`${input.keys.map(
    ({ apiKey, creator }) => html`<tr id="key-${apiKey.id}">
<th scope="row">${apiKey.name}</th>
<td><code>${apiKey.displayPrefix}…</code></td>
<td><span class="tag${apiKey.mode === 'test' ? ' tag--test' : ''}">${t(apiKey.mode === 'test' ? 'dash.mode.test' : 'dash.mode.live')}</span></td>
<td>${creatorText(input.translator, creator)}</td>
<td>${renderTime(apiKey.createdAt)}</td>
<td>${apiKey.lastUsedAt === null ? t('dash.projects.keys.neverUsed') : renderTime(apiKey.lastUsedAt)}</td>
<td>${renderStatus(input.translator, apiKey)}</td>
${input.canRevoke ? html`<td>${renderRevoke(input, apiKey)}</td>` : null}
</tr>`,
  )}`;
}

function renderTable(input: KeysPageInput): SafeHtml {
  const { t } = input.translator;
  if (input.keys.length === 0) return html`<p>${t('dash.projects.keys.empty')}</p>`;
  return html`<div class="dash-table-wrap"><table class="dash-table">
<caption class="visually-hidden">${t('dash.projects.keys.table.caption')}</caption>
<thead><tr>
<th scope="col">${t('dash.projects.keys.table.name')}</th>
<th scope="col">${t('dash.projects.keys.table.prefix')}</th>
<th scope="col">${t('dash.projects.keys.table.mode')}</th>
<th scope="col">${t('dash.projects.keys.table.creator')}</th>
<th scope="col">${t('dash.projects.keys.table.created')}</th>
<th scope="col">${t('dash.projects.keys.table.lastUsed')}</th>
<th scope="col">${t('dash.projects.keys.table.status')}</th>
${input.canRevoke ? html`<th scope="col">${t('dash.projects.keys.table.actions')}</th>` : null}
</tr></thead>
<tbody>${renderRows(input)}</tbody>
</table></div>`;
}

function renderReveal(input: KeysPageInput): SafeHtml | null {
  if (input.created === null) return null;
  const { t } = input.translator;
  // The copy button stays hidden until dashboard.js runs: without it, the key is selected by hand.
  return html`<section class="secret-reveal" aria-labelledby="new-key-title" tabindex="-1">
<h2 id="new-key-title">${t('dash.projects.keys.reveal.heading', { name: input.created.apiKey.name })}</h2>
<p><code id="new-key">${input.created.secret}</code></p>
<p><button type="button" class="button" data-copy="#new-key" data-copied-label="${t('dash.projects.keys.reveal.copied')}" hidden>${t('dash.projects.keys.reveal.copy')}</button></p>
<p>${t('dash.projects.keys.reveal.once')}</p>
</section>`;
}

function renderCreateForm(input: KeysPageInput): SafeHtml | null {
  if (!input.canCreate) return null;
  const { t } = input.translator;
  const invalid = input.nameError !== null;
  const describedBy = invalid ? 'key-name-error key-name-hint' : 'key-name-hint';
  return html`<section aria-labelledby="create-key-title">
<h2 id="create-key-title">${t('dash.projects.keys.create.heading')}</h2>
<form class="dash-form" method="post" action="${projectPath(input.project.id, input.mode, 'keys')}" novalidate>
${csrfField(input.viewer)}
<div class="dash-field${invalid ? ' dash-field--invalid' : ''}"><label for="key-name">${t('dash.projects.keys.create.name')}</label>
<span id="key-name-hint" class="hint">${t('dash.projects.keys.create.nameHint')}</span>
${invalid ? html`<span id="key-name-error" class="field-error">${t('dash.projects.keys.create.nameError')}</span>` : null}
<input id="key-name" name="name" type="text" maxlength="100" autocomplete="off" required aria-describedby="${describedBy}" value="${input.nameError?.value ?? ''}"${invalid ? html` aria-invalid="true"` : null}></div>
<p><button type="submit" class="button button--primary">${t('dash.projects.keys.create.submit')}</button></p>
</form>
</section>`;
}

export function renderKeysPage(input: KeysPageInput): SafeHtml {
  const { t } = input.translator;
  const revoked =
    input.revoked === null
      ? null
      : html`<p class="dash-notice" role="status">${t('dash.projects.keys.revoked', { name: input.revoked.name })}</p>`;
  const body = html`<p>${t(input.mode === 'test' ? 'dash.projects.keys.intro.test' : 'dash.projects.keys.intro.live')}</p>
${renderReveal(input)}
${revoked}
${input.nameError === null ? null : html`<p class="dash-error" role="alert">${t('dash.projects.error.summary')}</p>`}
${renderTable(input)}
${renderCreateForm(input)}`;
  return renderDashboardPage({
    translator: input.translator,
    viewer: input.viewer,
    title: t('dash.projects.keys.title'),
    body,
    projects: input.projects,
    current: { project: input.project, mode: input.mode },
    section: 'keys',
  });
}
