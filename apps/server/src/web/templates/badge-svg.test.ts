import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutBadge, measureTextWidth, renderBadgeSvg } from './badge-svg.ts';

interface TextBox {
  x: number;
  length: number;
}

/** Reads back what a viewer lays out: the SVG's width, the left box's width and both texts' boxes. */
function readBadge(svg: string): { width: number; leftBox: number; texts: TextBox[] } {
  const width = Number(/^<svg [^>]*\bwidth="(\d+)"/.exec(svg)?.[1]);
  const rects = [...svg.matchAll(/<rect ([^>]*)\/>/g)].map((match) => match[1] ?? '');
  const leftBox = Number(/\bwidth="(\d+)"/.exec(rects[1] ?? '')?.[1]);
  const texts = [...svg.matchAll(/<text x="(\d+)" y="18" textLength="(\d+)"/g)].map((match) => ({
    x: Number(match[1]),
    length: Number(match[2]),
  }));
  return { width, leftBox, texts };
}

const IDS = ['PoY #00482A1', 'PoY', 'PoY #FFFFFFF'];
const LABELS = [
  'verified human',
  'not verified',
  'unknown id',
  'v',
  'a label far longer than any catalogue would ever use for this badge',
  'menschlich verifiziert',
  'إنسان تم التحقق منه',
  '認証済みの人間',
  'e\u0301te\u0301 ve\u0301rifie\u0301',
];

describe('the badge layout', () => {
  for (const idText of IDS) {
    for (const label of LABELS) {
      it(`${idText} | ${label}: the id's text stays in the left box, the label's in the right one`, () => {
        const svg = renderBadgeSvg({ idText, label, tone: 'verified', alt: 'badge' });
        const { width, leftBox, texts } = readBadge(svg);
        const [id, status] = texts;
        assert.ok(id && status, svg);
        assert.ok(id.x > 0 && id.x + id.length < leftBox, `id overflows its box: ${svg}`);
        assert.ok(status.x > leftBox, `label starts inside the id's box: ${svg}`);
        assert.ok(status.x + status.length < width, `label overflows the badge: ${svg}`);
        assert.ok(id.length >= measureTextWidth(idText) && status.length >= measureTextWidth(label));
        assert.deepEqual(layoutBadge({ idText, label }).width, width);
      });
    }
  }

  it('measures wide scripts wider than Latin and combining marks as nothing', () => {
    assert.equal(measureTextWidth('ab'), measureTextWidth('a\u0301b\u0301'));
    assert.ok(measureTextWidth('認証') > measureTextWidth('ab'));
    assert.equal(measureTextWidth(''), 0);
  });

  it('escapes what it is given', () => {
    const svg = renderBadgeSvg({ idText: '<b>', label: '"&', tone: 'unknown', alt: '<i>' });
    assert.ok(!svg.includes('<b>') && !svg.includes('<i>'), svg);
  });
});
