// The pages under /docs: the docs home (every guide and the API reference), one guide with its table
// of contents, the API reference (rendered in the browser by Scalar's standalone bundle, served from
// /assets/ like our own scripts), and the page for a guide that does not exist.

import { renderAssetLinks } from '../asset-links.ts';
import { type HtmlValue, html, jsonForScript, type SafeHtml, trustedHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { renderDeferredScript, renderDocsLayout } from './docs-layout.ts';
import type { Guide } from './guides.ts';

/** Scalar's browser bundle as served under /assets/ (web/assets-dir.ts). */
export const SCALAR_BUNDLE_URL = '/assets/vendor/scalar/standalone.js';

export function renderDocsHome(translator: Translator, guides: readonly Guide[]): SafeHtml {
  const { t } = translator;
  const body = html`<main id="main" class="page docs-page" tabindex="-1">
<h1>${t('docs.heading')}</h1>
<p class="lead">${t('docs.intro')}</p>
<section aria-labelledby="docs-guides-title">
<h2 id="docs-guides-title">${t('docs.guidesHeading')}</h2>
<ul class="docs-cards">${guides.map(
    (guide) => html`
<li><a href="/docs/guides/${guide.slug}">${guide.title}</a><p class="hint">${guide.summary}</p></li>`,
  )}
</ul>
</section>
<section aria-labelledby="docs-reference-title">
<h2 id="docs-reference-title">${t('docs.referenceHeading')}</h2>
<ul class="docs-cards">
<li><a href="/docs/reference">${t('docs.reference')}</a><p class="hint">${t('docs.referenceHint')}</p></li>
<li><a href="/openapi.json">${t('docs.openapiDocument')}</a><p class="hint">${t('docs.openapiHint')}</p></li>
</ul>
</section>
</main>`;
  return renderDocsLayout({ translator, title: t('docs.title'), body, current: 'home' });
}

export function renderGuidePage(translator: Translator, guide: Guide): SafeHtml {
  const { t } = translator;
  const toc: HtmlValue =
    guide.toc.length === 0
      ? null
      : html`<nav class="docs-toc" aria-labelledby="docs-toc-title">
<h2 id="docs-toc-title">${t('docs.tocHeading')}</h2>
<ol>${guide.toc.map(
          (entry) => html`
<li class="docs-toc__depth-${entry.depth}"><a href="#${entry.id}">${entry.text}</a></li>`,
        )}
</ol>
</nav>`;
  // The guide's HTML comes from render-markdown.ts, which escapes every raw HTML fragment of the source.
  const body = html`<div class="docs-guide">
${toc}
<main id="main" class="docs-article" tabindex="-1">
<p class="docs-breadcrumb"><a href="/docs">${t('docs.home')}</a></p>
<h1>${guide.title}</h1>
${trustedHtml(guide.html)}
</main>
</div>`;
  return renderDocsLayout({ translator, title: guide.title, body, current: 'guide' });
}

/**
 * The API reference. Scalar reads its configuration from a JSON block (no inline script), and injects
 * its stylesheet as a <style> element carrying the nonce it finds in `meta[property=csp-nonce]`, which
 * is the only inline style the page's CSP admits.
 */
export function renderReferencePage(
  translator: Translator,
  input: { specUrl: string; styleNonce: string },
): SafeHtml {
  const { t } = translator;
  const config = {
    url: input.specUrl,
    // No fonts from Scalar's CDN: the system fonts of docs-reference.css instead.
    withDefaultFonts: false,
    // Our own theme (docs-reference.css): Scalar's built-in theme arrives as an inline <style> without
    // the nonce, and its muted grey fails contrast.
    theme: 'none',
    hideClientButton: true,
    showDeveloperTools: 'never',
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    documentDownloadType: 'json',
    persistAuth: false,
  };
  const head = html`<meta property="csp-nonce" content="${input.styleNonce}">
<script type="application/json" id="scalar-config">${jsonForScript(config)}</script>
${renderDeferredScript(SCALAR_BUNDLE_URL)}${renderAssetLinks({ stylesheets: [], scripts: ['/assets/docs-reference.js'] })}`;
  const body = html`<main id="main" class="docs-reference" tabindex="-1">
<h1 class="visually-hidden">${t('docs.reference')}</h1>
<div id="poy-api-reference"><p class="page docs-loading">${t('docs.referenceLoading')}</p></div>
</main>`;
  return renderDocsLayout({
    translator,
    title: t('docs.reference'),
    body,
    current: 'reference',
    head,
    stylesheets: ['/assets/docs-reference.css'],
    bodyClass: 'docs--reference',
  });
}

export function renderGuideNotFoundPage(translator: Translator): SafeHtml {
  const { t } = translator;
  const body = html`<main id="main" class="page docs-page" tabindex="-1">
<h1>${t('docs.notFoundHeading')}</h1>
<p class="lead">${t('docs.notFoundBody')}</p>
<p><a href="/docs">${t('docs.notFoundLink')}</a></p>
</main>`;
  return renderDocsLayout({ translator, title: t('docs.notFoundHeading'), body, current: 'none' });
}
