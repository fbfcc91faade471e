// The frame of the /docs pages: the hosted pages' stylesheet plus docs.css, a skip link, and a header
// whose navigation leads to the docs home, the API reference and the instance's front door. The API
// reference page adds its renderer's script and a nonce other pages do not need (docs-pages.ts).

import { assetUrl } from '../asset-manifest.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { renderPageHead } from '../page-head.ts';

export interface DocsLayoutInput {
  translator: Translator;
  title: string;
  body: SafeHtml;
  /** Which navigation entry is the current page. */
  current: 'home' | 'guide' | 'reference' | 'none';
  /** Extra <head> markup (the reference page's config block and scripts). */
  head?: HtmlValue;
  /** Plain URLs of further stylesheets under /assets/. */
  stylesheets?: readonly string[];
  bodyClass?: string;
}

export function renderDocsLayout(input: DocsLayoutInput): SafeHtml {
  const { t } = input.translator;
  const navLink = (href: string, label: string, current: boolean): SafeHtml =>
    current
      ? html`<li><a href="${href}" aria-current="page">${label}</a></li>`
      : html`<li><a href="${href}">${label}</a></li>`;
  return html`${renderPageHead({
    translator: input.translator,
    title: `${input.title} · ${t('docs.brand')}`,
    assets: { stylesheets: ['/assets/poy.css', '/assets/docs.css', ...(input.stylesheets ?? [])] },
    noindex: false,
    dir: 'ltr',
    extra: input.head,
  })}<body class="docs ${input.bodyClass ?? ''}">
<a class="skip-link" href="#main">${t('docs.skipToContent')}</a>
<header class="docs-header">
<a class="brand" href="/"><span class="brand__mark" aria-hidden="true"></span>${t('common.brand')}</a>
<nav aria-label="${t('docs.navLabel')}">
<ul class="docs-nav">
${navLink('/docs', t('docs.home'), input.current === 'home')}
${navLink('/docs/reference', t('docs.reference'), input.current === 'reference')}
${navLink('/dashboard', t('docs.dashboard'), false)}
</ul>
</nav>
</header>
${input.body}
</body>
</html>
`;
}

/** The classic (non-module) script tag of a vendored bundle, by its hashed URL; deferred, so it runs in order with modules. */
export function renderDeferredScript(plainUrl: string): SafeHtml {
  return html`<script src="${assetUrl(plainUrl)}" defer></script>
`;
}
