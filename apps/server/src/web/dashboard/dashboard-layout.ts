// The frame of every dashboard page: the same look as the hosted pages (poy.css) plus dashboard.css,
// a skip link, the account and project navigation, the live/test switch, and sign-out. Which links
// show depends on the member's role, but only as a courtesy: the server checks every action itself.
import type { DashboardAction, MemberRole } from '../../core/members/member-roles.ts';
import { canPerform } from '../../core/members/member-roles.ts';
import type { KeyMode } from '../../store/store.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';
import { renderPageHead } from '../page-head.ts';
import { renderLanguageSwitch } from '../templates/language-switch.ts';

/** The member as the frame shows them; the subset of http/dashboard's DashboardViewer pages need. */
export interface DashboardPageViewer {
  displayName: string;
  accountName: string;
  role: MemberRole;
  csrfToken: string;
}

export interface DashboardProjectRef {
  id: string;
  name: string;
}

/** Sections of a project, each at /dashboard/p/{projectId}/{mode}/{section}. */
export type ProjectSection =
  | 'overview'
  | 'keys'
  | 'webhooks'
  | 'deliveries'
  | 'verifications'
  | 'reviews'
  | 'settings';
/** Sections of the account, each at /dashboard/{section}. */
export type AccountSection = 'projects' | 'team' | 'audit' | 'security';

export interface DashboardLayoutInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  title: string;
  body: SafeHtml;
  /** Every project of the account, for the switcher. */
  projects: readonly DashboardProjectRef[];
  /** The project and mode the page is about; null on account pages. */
  current: { project: DashboardProjectRef; mode: KeyMode } | null;
  section: ProjectSection | AccountSection;
  /**
   * Plain path of a module script under /assets/ (progressive enhancement only: every page works
   * without it); served by its hashed name.
   */
  script?: string;
  config?: unknown;
}

const PROJECT_SECTIONS: ReadonlyArray<{
  section: ProjectSection;
  label: MessageKey;
  needs?: DashboardAction;
}> = [
  { section: 'overview', label: 'dash.nav.overview' },
  { section: 'keys', label: 'dash.nav.keys' },
  { section: 'webhooks', label: 'dash.nav.webhooks' },
  { section: 'deliveries', label: 'dash.nav.deliveries' },
  { section: 'verifications', label: 'dash.nav.verifications' },
  { section: 'reviews', label: 'dash.nav.reviews' },
  { section: 'settings', label: 'dash.nav.settings' },
];

const ACCOUNT_SECTIONS: ReadonlyArray<{
  section: AccountSection;
  label: MessageKey;
  needs?: DashboardAction;
}> = [
  { section: 'projects', label: 'dash.nav.projects' },
  { section: 'team', label: 'dash.nav.team' },
  { section: 'audit', label: 'dash.nav.audit', needs: 'audit.read' },
  { section: 'security', label: 'dash.nav.security' },
];

/** Every dashboard page's look: the hosted pages' stylesheet, then the dashboard's own. */
export const DASHBOARD_STYLESHEETS: readonly string[] = ['/assets/poy.css', '/assets/dashboard.css'];

/** The URL of a project section in a mode: the one place dashboard paths are built. */
export function projectPath(projectId: string, mode: KeyMode, section: ProjectSection): string {
  return `/dashboard/p/${encodeURIComponent(projectId)}/${mode}/${section}`;
}

/** The hidden anti-forgery field every state-changing form carries. */
export function csrfField(viewer: DashboardPageViewer): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${viewer.csrfToken}">`;
}

function navLink(href: string, label: string, active: boolean): SafeHtml {
  return html`<li><a href="${href}"${active ? html` aria-current="page"` : null}>${label}</a></li>`;
}

function renderModeSwitch(input: DashboardLayoutInput): HtmlValue {
  if (input.current === null) return null;
  const { t } = input.translator;
  const { project, mode } = input.current;
  const section = (
    PROJECT_SECTIONS.some((entry) => entry.section === input.section) ? input.section : 'overview'
  ) as ProjectSection;
  return html`<nav class="mode-switch" aria-label="${t('dash.mode.label')}">
<a href="${projectPath(project.id, 'live', section)}" class="mode-switch__option"${mode === 'live' ? html` aria-current="true"` : null}>${t('dash.mode.live')}</a>
<a href="${projectPath(project.id, 'test', section)}" class="mode-switch__option mode-switch__option--test"${mode === 'test' ? html` aria-current="true"` : null}>${t('dash.mode.test')}</a>
</nav>`;
}

function renderProjectSwitcher(input: DashboardLayoutInput): HtmlValue {
  if (input.current === null || input.projects.length < 2) return null;
  const { t } = input.translator;
  const { mode } = input.current;
  return html`<details class="project-switcher">
<summary>${t('dash.project.switch')}</summary>
<ul>${input.projects.map((project) => navLink(projectPath(project.id, mode, 'overview'), project.name, project.id === input.current?.project.id))}</ul>
</details>`;
}

function renderNav(input: DashboardLayoutInput): SafeHtml {
  const { t } = input.translator;
  const allowed = (needs: DashboardAction | undefined) =>
    needs === undefined || canPerform(input.viewer.role, needs);
  const projectNav: HtmlValue =
    input.current === null
      ? null
      : html`<h2 class="dash-nav__heading">${t('dash.nav.project')}: ${input.current.project.name}</h2>
<ul>${PROJECT_SECTIONS.filter((entry) => allowed(entry.needs)).map((entry) =>
          navLink(
            projectPath(input.current?.project.id ?? '', input.current?.mode ?? 'live', entry.section),
            t(entry.label),
            entry.section === input.section,
          ),
        )}</ul>`;
  return html`<nav class="dash-nav" aria-label="${t('dash.nav.label')}">
${projectNav}
<h2 class="dash-nav__heading">${t('dash.nav.account')}: ${input.viewer.accountName}</h2>
<ul>${ACCOUNT_SECTIONS.filter((entry) => allowed(entry.needs)).map((entry) =>
    navLink(`/dashboard/${entry.section}`, t(entry.label), entry.section === input.section),
  )}</ul>
</nav>`;
}

export function renderDashboardPage(input: DashboardLayoutInput): SafeHtml {
  const { t } = input.translator;
  const { viewer } = input;
  const testMode = input.current?.mode === 'test';
  return html`${renderPageHead({
    translator: input.translator,
    title: `${input.title} · ${t('dash.title')} · ${t('common.brand')}`,
    assets: {
      stylesheets: DASHBOARD_STYLESHEETS,
      scripts: input.script === undefined ? ['/assets/dashboard.js'] : ['/assets/dashboard.js', input.script],
    },
    referrer: 'same-origin',
    config: input.config,
  })}<body class="dashboard${testMode ? ' dashboard--test' : ''}">
<a class="skip-link" href="#main">${t('dash.skipToContent')}</a>
<header class="dash-header">
<a class="brand" href="/dashboard"><span class="brand__mark" aria-hidden="true"></span>${t('common.brand')}</a>
${renderProjectSwitcher(input)}
${renderModeSwitch(input)}
${renderLanguageSwitch(input.translator)}
<div class="dash-header__member">
<span>${t('dash.member.signedInAs', { name: viewer.displayName, role: t(`dash.role.${viewer.role}`) })}</span>
<form method="post" action="/dashboard/sign-out">${csrfField(viewer)}<button type="submit" class="button button--link">${t('dash.signOut')}</button></form>
</div>
</header>
${testMode ? html`<p class="sandbox-banner" role="note">${t('dash.mode.testBanner')}</p>` : null}
<div class="dash-body">
${renderNav(input)}
<main id="main" class="dash-main" tabindex="-1">
<h1>${input.title}</h1>
${input.body}
</main>
</div>
</body>
</html>
`;
}

/** A page for a refusal or an error: what happened and the way back, in the same frame-less look. */
export function renderDashboardMessagePage(translator: Translator, title: string, message: string): SafeHtml {
  const { t } = translator;
  return html`${renderPageHead({
    translator,
    title: `${title} · ${t('common.brand')}`,
    assets: { stylesheets: DASHBOARD_STYLESHEETS },
  })}
<body class="dashboard">
<main id="main" class="dash-message">
${renderLanguageSwitch(translator)}
<h1>${title}</h1>
<p>${message}</p>
<p><a class="button" href="/dashboard">${t('dash.error.back')}</a></p>
</main>
</body>
</html>
`;
}
