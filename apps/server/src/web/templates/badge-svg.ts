// The embeddable badge: `PoY #…` on the left, the status on the right. Other sites show it at its own
// size, so the boxes are laid out from the text's measured width, and each text is pinned to that
// width with `textLength`: whatever font the viewer substitutes, a text fills its box and no more, so
// the two never overlap (the same technique as the shields.io badges).
import { html } from '../html.ts';

export type BadgeTone = 'verified' | 'unverified' | 'unknown';

export interface BadgeContent {
  /** Left part: the PoY id, or just `PoY` when the id could not be read. */
  idText: string;
  /** Right part: the status, in the reader's language. */
  label: string;
  tone: BadgeTone;
  /** The accessible name (and `<title>`). */
  alt: string;
}

export const BADGE_HEIGHT = 28;
const FONT_SIZE = 12;
const PADDING = 8;
const FONT_FAMILY =
  "ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace";
const TONE_COLOURS: Record<BadgeTone, string> = {
  verified: '#1a7f37',
  unverified: '#57606a',
  unknown: '#9a3412',
};

// Advance widths in em. Monospaced Latin fonts advance 0.6 em (Menlo, DejaVu Sans Mono, SF Mono;
// Consolas 0.55); wide scripts and emoji take a full em; combining marks take none.
const NARROW_EM = 0.6;
const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u{FF01}-\u{FF60}\p{Extended_Pictographic}]/u;
const ZERO_WIDTH = /[\p{M}\u{200B}-\u{200F}\u{2060}\u{FEFF}]/u;

/** The width in pixels that `text` is given at `fontSize`. */
export function measureTextWidth(text: string, fontSize = FONT_SIZE): number {
  let ems = 0;
  for (const character of text) {
    if (ZERO_WIDTH.test(character)) continue;
    ems += WIDE.test(character) ? 1 : NARROW_EM;
  }
  return Math.ceil(ems * fontSize);
}

export interface BadgeLayout {
  width: number;
  /** The left box spans 0…idBoxWidth; the right box idBoxWidth…width. */
  idBoxWidth: number;
  idText: { x: number; length: number };
  labelText: { x: number; length: number };
}

export function layoutBadge(content: Pick<BadgeContent, 'idText' | 'label'>): BadgeLayout {
  const idLength = measureTextWidth(content.idText);
  const labelLength = measureTextWidth(content.label);
  const idBoxWidth = PADDING + idLength + PADDING;
  return {
    width: idBoxWidth + PADDING + labelLength + PADDING,
    idBoxWidth,
    idText: { x: PADDING, length: idLength },
    labelText: { x: idBoxWidth + PADDING, length: labelLength },
  };
}

/** A small, self-contained SVG (no external fonts or images), safe to embed anywhere. */
export function renderBadgeSvg(content: BadgeContent): string {
  const layout = layoutBadge(content);
  const { width, idBoxWidth, idText, labelText } = layout;
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(BADGE_HEIGHT)}" viewBox="0 0 ${String(width)} ${String(BADGE_HEIGHT)}" role="img" aria-label="${content.alt}">
<title>${content.alt}</title>
<rect width="${String(width)}" height="${String(BADGE_HEIGHT)}" rx="6" fill="${TONE_COLOURS[content.tone]}"/>
<rect width="${String(idBoxWidth)}" height="${String(BADGE_HEIGHT)}" rx="6" fill="#24292f"/>
<rect x="${String(idBoxWidth - 8)}" width="8" height="${String(BADGE_HEIGHT)}" fill="#24292f"/>
<g fill="#fff" font-family="${FONT_FAMILY}" font-size="${String(FONT_SIZE)}">
<text x="${String(idText.x)}" y="18" textLength="${String(idText.length)}" lengthAdjust="spacingAndGlyphs">${content.idText}</text>
<text x="${String(labelText.x)}" y="18" textLength="${String(labelText.length)}" lengthAdjust="spacingAndGlyphs">${content.label}</text>
</g>
</svg>`.value;
}
