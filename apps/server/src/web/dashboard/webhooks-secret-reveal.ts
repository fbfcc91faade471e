// A signing secret shown once, right after it was created or rotated (it arrives in the one-time flash
// cookie, http/dashboard/flash.ts), with a copy button that the dashboard script reveals.
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';

export function renderSecretReveal(translator: Translator, secret: string, subject: string): SafeHtml {
  const { t } = translator;
  return html`<section class="secret-reveal" aria-labelledby="secret-reveal-heading">
<h2 id="secret-reveal-heading">${t('dash.webhooks.secret.revealHeading', { subject })}</h2>
<p>${t('dash.webhooks.secret.revealOnce')}</p>
<p><code id="revealed-secret">${secret}</code>
<button type="button" class="button button--small" data-copy="#revealed-secret" data-copied-label="${t('dash.webhooks.secret.copied')}" hidden>${t('dash.webhooks.secret.copy')}</button></p>
</section>`;
}
