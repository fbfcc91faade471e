// The opening of every HTML page up to </head>: language and direction, viewport, colour schemes, a
// referrer policy (no-referrer unless the page says otherwise, so capability URLs never leak to other
// sites), robots, the title, an empty icon (no favicon request), the asset links and any extra head
// markup. One place, so a policy tag added here reaches the hosted pages, the dashboard and the docs.
import { type PageAssets, renderAssetLinks } from './asset-links.ts';
import { type HtmlValue, html, jsonForScript, type SafeHtml } from './html.ts';
import type { Translator } from './i18n/translate.ts';

export interface PageHeadInput {
  translator: Translator;
  /** The whole <title> text. */
  title: string;
  assets: PageAssets;
  /** Defaults to `no-referrer`. */
  referrer?: 'no-referrer' | 'same-origin';
  /** False for pages search engines may index (the docs); defaults to true. */
  noindex?: boolean;
  /** Overrides the translator's direction (the docs are English prose whatever the chrome's language). */
  dir?: 'ltr' | 'rtl';
  /** Data for the page's script, serialized into `<script type="application/json" id="poy-config">`. */
  config?: unknown;
  /** Markup after the asset links and the config block. */
  extra?: HtmlValue;
}

export function renderPageHead(input: PageHeadInput): SafeHtml {
  const { locale, dir } = input.translator;
  const configBlock: HtmlValue =
    input.config === undefined
      ? null
      : html`<script type="application/json" id="poy-config">${jsonForScript(input.config)}</script>`;
  return html`<!doctype html>
<html lang="${locale}" dir="${input.dir ?? dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="${input.referrer ?? 'no-referrer'}">
${
  input.noindex === false
    ? null
    : html`<meta name="robots" content="noindex, nofollow">
`
}<title>${input.title}</title>
<link rel="icon" href="data:,">
${renderAssetLinks(input.assets)}${configBlock}${input.extra ?? null}
</head>
`;
}
