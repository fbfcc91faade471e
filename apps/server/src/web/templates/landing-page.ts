// The instance's front door at /: what this server is, and where its API reference, its dashboard and
// its health checks are. A person who arrived with a code from another screen is pointed to /join.
import { html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';
import { renderLayout } from './layout.ts';

const LINKS: ReadonlyArray<{ href: string; label: MessageKey; description: MessageKey }> = [
  { href: '/docs', label: 'landing.docs', description: 'landing.docsHint' },
  { href: '/dashboard', label: 'landing.dashboard', description: 'landing.dashboardHint' },
  { href: '/healthz', label: 'landing.health', description: 'landing.healthHint' },
  { href: '/readyz', label: 'landing.readiness', description: 'landing.readinessHint' },
];

export function renderLandingPage(translator: Translator): SafeHtml {
  const { t } = translator;
  const body = html`<main id="main" class="page page--landing">
<h1>${t('landing.heading')}</h1>
<p class="lead">${t('landing.intro')}</p>
<nav class="facts" aria-labelledby="landing-links-title">
<h2 id="landing-links-title">${t('landing.linksHeading')}</h2>
<ul>${LINKS.map(
    (link) => html`
<li><a href="${link.href}">${t(link.label)}</a><p class="hint">${t(link.description)}</p></li>`,
  )}
</ul>
</nav>
<p><a href="/join">${t('landing.join')}</a></p>
</main>`;
  return renderLayout({ translator, title: t('landing.title'), body, sandbox: false });
}
