// The language switcher in every page frame (hosted pages and dashboard): one link per language, named
// in that language, to the same page with `?lang=xx` added to its other parameters. The server stores
// the choice and redirects to the clean address (http/page-language.ts).
import { html, type SafeHtml } from '../html.ts';
import { LOCALE_CODES, LOCALE_INFO, type Translator } from '../i18n/translate.ts';

export function renderLanguageSwitch(translator: Translator): SafeHtml {
  const prefix = translator.keptQuery === '' ? '?' : `?${translator.keptQuery}&`;
  // `dir` only where a name runs against the page: the Arabic name's direction is set on the link.
  return html`<nav class="language-switch" aria-label="${translator.t('common.language')}"><ul>${LOCALE_CODES.map(
    (code) =>
      html`<li><a href="${prefix}lang=${code}" lang="${code}" hreflang="${code}"${LOCALE_INFO[code].dir === 'rtl' ? html` dir="rtl"` : null}${code === translator.locale ? html` aria-current="true"` : null}>${LOCALE_INFO[code].name}</a></li>`,
  )}</ul></nav>`;
}
