// The page frame shared by every hosted page: language, viewport, one stylesheet, at most one module
// script, and a JSON config block the script reads (no inline script or style: the CSP forbids both).
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { renderPageHead } from '../page-head.ts';
import { renderLanguageSwitch } from './language-switch.ts';

export interface LayoutInput {
  translator: Translator;
  title: string;
  body: SafeHtml;
  sandbox: boolean;
  /** Plain path of the page's module script under /assets/, if it has one (served by its hashed name). */
  script?: string;
  /** Data for the script, serialized into `<script type="application/json" id="poy-config">`. */
  config?: unknown;
  bodyClass?: string;
}

export function renderLayout(input: LayoutInput): SafeHtml {
  const { t } = input.translator;
  return html`${renderPageHead({
    translator: input.translator,
    title: `${input.title} · ${t('common.brand')}`,
    assets: { stylesheets: ['/assets/poy.css'], scripts: input.script === undefined ? [] : [input.script] },
    config: input.config,
  })}<body class="${input.bodyClass ?? ''}">
${input.sandbox ? html`<p class="sandbox-banner">${t('common.sandboxBanner')}</p>` : null}
<header class="site-header"><span class="brand"><span class="brand__mark" aria-hidden="true"></span>${t('common.brand')}</span>${renderLanguageSwitch(input.translator)}</header>
${input.body}
</body>
</html>
`;
}
