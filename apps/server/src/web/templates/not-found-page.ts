// An unknown or malformed invite: say so kindly and point to /join, without revealing which it was.
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { renderLayout } from './layout.ts';

export function renderNotFoundPage(translator: Translator): SafeHtml {
  const { t } = translator;
  const body = html`<main id="main" class="page page--not-found">
<h1>${t('notFound.heading')}</h1>
<p class="lead">${t('notFound.body')}</p>
<p><a href="/join">${t('notFound.join')}</a></p>
</main>`;
  return renderLayout({ translator, title: t('notFound.title'), body, sandbox: false });
}
