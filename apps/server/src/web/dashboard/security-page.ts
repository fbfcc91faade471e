// /dashboard/security: where the member is signed in (this session marked), sign-out of this session,
// and sign-out everywhere (with a confirmation when scripts run).
import type { DashboardSession } from '../../store/store.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { csrfField, type DashboardPageViewer } from './dashboard-layout.ts';

/** A time for people: `2026-01-01 09:30 UTC` inside a machine-readable <time>. */
function renderTime(at: Date): SafeHtml {
  const iso = at.toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

export function renderSecurityBody(input: {
  translator: Translator;
  viewer: DashboardPageViewer & { sessionId: string };
  sessions: readonly DashboardSession[];
}): SafeHtml {
  const { t } = input.translator;
  const rows = input.sessions.map((session) => {
    const current = session.id === input.viewer.sessionId;
    return html`<tr>
<td>${session.userAgent === '' ? t('dash.auth.security.unknownBrowser') : session.userAgent}${current ? html` <span class="tag">${t('dash.auth.security.thisSession')}</span>` : null}</td>
<td>${renderTime(session.createdAt)}</td>
<td>${renderTime(session.lastSeenAt)}</td>
</tr>`;
  });
  return html`<p>${t('dash.auth.security.intro')}</p>
<div class="dash-table-wrap">
<table class="dash-table">
<caption>${t('dash.auth.security.caption')}</caption>
<thead><tr><th scope="col">${t('dash.auth.security.col.browser')}</th><th scope="col">${t('dash.auth.security.col.started')}</th><th scope="col">${t('dash.auth.security.col.lastSeen')}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>
<h2>${t('dash.auth.security.signOutHeading')}</h2>
<form method="post" action="/dashboard/sign-out" class="dash-inline-form">${csrfField(input.viewer)}<button type="submit" class="button">${t('dash.auth.security.signOut')}</button></form>
<form method="post" action="/dashboard/security/sign-out-everywhere" class="dash-inline-form" data-confirm="${t('dash.auth.security.confirmEverywhere')}">${csrfField(input.viewer)}<button type="submit" class="button">${t('dash.auth.security.signOutEverywhere')}</button></form>
<p class="hint">${t('dash.auth.security.signOutEverywhereHint')}</p>`;
}
