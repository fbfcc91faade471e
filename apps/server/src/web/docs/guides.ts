// The guides served under /docs/guides/<slug>: Markdown files in the repository's docs/guides/ folder,
// in the order the docs home lists them. Only slugs on this list are served (a URL is looked up here,
// never joined onto a path). Each file is read and rendered once per process, on first request; an edit
// shows after a restart, like the page assets.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVER_ROOT } from '../../server-root.ts';
import type { Translator } from '../i18n/translate.ts';
import { type RenderedMarkdown, renderMarkdown } from './render-markdown.ts';

// From the package root, so it holds from the sources (tsx) and from the compiled bundle alike.
export const GUIDES_DIR = fileURLToPath(new URL('../../docs/guides/', SERVER_ROOT));

/** Slugs in reading order; each names docs/guides/<slug>.md. */
export const GUIDE_SLUGS = [
  'quick-start-poy',
  'quick-start-connect',
  'webhooks',
  'sandbox',
  'assurance-and-reasons',
  'self-hosting',
  'privacy',
] as const;

export type GuideSlug = (typeof GUIDE_SLUGS)[number];

export interface Guide extends RenderedMarkdown {
  slug: GuideSlug;
}

export function isGuideSlug(value: string): value is GuideSlug {
  return (GUIDE_SLUGS as readonly string[]).includes(value);
}

const rendered = new Map<string, Guide>();

/** A guide rendered to HTML; throws when its file is missing or has no title (a broken deployment). */
export function loadGuide(slug: GuideSlug, translator: Translator): Guide {
  const sectionLinkLabel = translator.t('docs.sectionLink');
  const key = `${slug}\n${sectionLinkLabel}`;
  const cached = rendered.get(key);
  if (cached !== undefined) return cached;
  const source = readFileSync(`${GUIDES_DIR}${slug}.md`, 'utf8');
  const guide = { slug, ...renderMarkdown(source, sectionLinkLabel) };
  if (guide.title === '') throw new Error(`docs/guides/${slug}.md has no level-1 heading`);
  rendered.set(key, guide);
  return guide;
}

export function loadAllGuides(translator: Translator): Guide[] {
  return GUIDE_SLUGS.map((slug) => loadGuide(slug, translator));
}
