// Markdown → HTML for the guides served under /docs (docs/guides/*.md). The Markdown is ours, but the
// output still goes into pages people paste API keys next to, so nothing in it is trusted: raw HTML in
// the source is shown as text (never passed through), link targets are limited to http(s), mailto,
// same-site paths and fragments, and images are not rendered at all (the guides have none, and an
// img-src beyond 'self' would widen the CSP). Headings get ids, a visible anchor link and an entry in
// the table of contents; code blocks can take keyboard focus, since a long line scrolls them.
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from '../html.ts';

export interface TocEntry {
  depth: 2 | 3;
  id: string;
  text: string;
}

export interface RenderedMarkdown {
  /** The first level-1 heading, as plain text ('' when there is none). */
  title: string;
  /** The first paragraph, as plain text: the guide's one-line summary on the docs home. */
  summary: string;
  /** HTML of everything after the title. */
  html: string;
  toc: TocEntry[];
}

/** Lower-case words joined by hyphens, ASCII letters and digits only: `Quick start (POY)` → `quick-start-poy`. */
export function slugifyHeading(text: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '-');
  return slug === '' ? 'section' : slug;
}

/** Markdown entities and inline markup stripped down to the text a reader sees. */
function plainText(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const GUIDE_LINK = /^([a-z0-9-]+)\.md(#[a-z0-9-]*)?$/;

/**
 * Where a link in a guide may point, or null to render its text only. Another guide by file name
 * (`webhooks.md#x`) becomes its served address; anything with a scheme other than http(s) or mailto
 * (`javascript:`, `data:`) is dropped.
 */
export function safeLinkTarget(href: string): string | null {
  const guide = GUIDE_LINK.exec(href);
  if (guide) return `/docs/guides/${guide[1]}${guide[2] ?? ''}`;
  if (/^(?:https?:\/\/|mailto:)/i.test(href)) return href;
  if (/^(?:\/(?!\/)|#)/.test(href)) return href;
  return null;
}

/** Renders one guide. `sectionLinkLabel` names the anchor links for screen readers ("Link to this section"). */
export function renderMarkdown(source: string, sectionLinkLabel: string): RenderedMarkdown {
  const toc: TocEntry[] = [];
  const usedIds = new Map<string, number>();
  let title = '';
  let summary = '';

  function uniqueId(text: string): string {
    const base = slugifyHeading(text);
    const seen = usedIds.get(base) ?? 0;
    usedIds.set(base, seen + 1);
    return seen === 0 ? base : `${base}-${seen + 1}`;
  }

  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      heading({ tokens, depth }: Tokens.Heading): string {
        const inner = this.parser.parseInline(tokens);
        const text = plainText(inner);
        if (depth === 1 && title === '') {
          title = text;
          return '';
        }
        const id = uniqueId(text);
        if (depth === 2 || depth === 3) toc.push({ depth, id, text });
        const level = Math.min(depth, 6);
        return `<h${level} id="${id}">${inner} <a class="heading-anchor" href="#${id}"><span aria-hidden="true">#</span><span class="visually-hidden">${escapeHtml(`${sectionLinkLabel}: ${text}`)}</span></a></h${level}>\n`;
      },
      paragraph({ tokens }: Tokens.Paragraph): string {
        const inner = this.parser.parseInline(tokens);
        if (summary === '') summary = plainText(inner);
        return `<p>${inner}</p>\n`;
      },
      html({ text }: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(text);
      },
      link({ href, tokens }: Tokens.Link): string {
        const inner = this.parser.parseInline(tokens);
        const target = safeLinkTarget(href);
        return target === null ? inner : `<a href="${escapeHtml(target)}">${inner}</a>`;
      },
      image({ text }: Tokens.Image): string {
        return escapeHtml(text);
      },
      code({ text, lang }: Tokens.Code): string {
        const language = (lang ?? '').match(/^[a-z0-9+-]+/i)?.[0] ?? '';
        const label = language === '' ? '' : ` data-language="${escapeHtml(language)}"`;
        const className = language === '' ? '' : ` class="language-${escapeHtml(language)}"`;
        return `<pre tabindex="0"${label}><code${className}>${escapeHtml(text)}</code></pre>\n`;
      },
      table(token: Tokens.Table): string {
        // A wide table scrolls inside its own focusable region instead of widening the page.
        const header = token.header
          .map((cell) => `<th scope="col">${this.parser.parseInline(cell.tokens)}</th>`)
          .join('');
        const rows = token.rows
          .map(
            (row) =>
              `<tr>${row.map((cell) => `<td>${this.parser.parseInline(cell.tokens)}</td>`).join('')}</tr>`,
          )
          .join('\n');
        return `<div class="table-scroll" tabindex="0" role="region" aria-label="${escapeHtml(plainText(token.header.map((cell) => cell.text).join(', ')))}"><table><thead><tr>${header}</tr></thead><tbody>${rows}</tbody></table></div>\n`;
      },
    },
  });
  const html = marked.parse(source, { async: false });
  return { title, summary, html, toc };
}
