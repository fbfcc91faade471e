// The <head> tags that load a page's assets, by their content-hashed URLs (web/asset-manifest.ts):
// its stylesheets, its module scripts, and a modulepreload link for every module those import
// statically, so the browser fetches the whole module graph at once instead of one level of imports
// per round trip. No inline script or style (the CSP allows neither).
import { assetUrl, staticImportUrls } from './asset-manifest.ts';
import { html, type SafeHtml } from './html.ts';

export interface PageAssets {
  /** Plain URLs of the stylesheets, in cascade order, e.g. `/assets/poy.css`. */
  stylesheets: readonly string[];
  /** Plain URLs of the module scripts (each runs after parsing, in this order). */
  scripts?: readonly string[];
}

export function renderAssetLinks(assets: PageAssets): SafeHtml {
  const scripts = assets.scripts ?? [];
  const scriptUrls = new Set(scripts.map(assetUrl));
  const preloads = new Set(scripts.flatMap((script) => staticImportUrls(script)));
  return html`${assets.stylesheets.map(
    (href) => html`<link rel="stylesheet" href="${assetUrl(href)}">
`,
  )}${[...scriptUrls].map(
    (src) => html`<script type="module" src="${src}"></script>
`,
  )}${[...preloads]
    .filter((href) => !scriptUrls.has(href))
    .map(
      (href) => html`<link rel="modulepreload" href="${href}">
`,
    )}`;
}
