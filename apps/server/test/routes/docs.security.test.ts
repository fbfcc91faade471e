// /docs (the guides and the API reference) carries the hosted pages' protections, with a CSP that still
// lets each page load: every script and stylesheet it references is on this origin and answers, no
// script is inline, the CSP has no 'unsafe-eval' or 'unsafe-inline', and the one inline style admitted
// (the reference renderer's, by nonce) is admitted on the reference page only, by a nonce that changes
// with every response. Guide Markdown cannot smuggle markup into a page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderMarkdown, safeLinkTarget } from '../../src/web/docs/render-markdown.ts';
import { createTestApp, type TestApp } from '../harness.ts';

/** The CSP as directive → sources. */
function parseCsp(header: unknown): Map<string, string[]> {
  assert.equal(typeof header, 'string', 'a content-security-policy header');
  const directives = new Map<string, string[]>();
  for (const part of String(header).split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

function assertDocsHeaders(headers: Record<string, unknown>, what: string): void {
  const csp = parseCsp(headers['content-security-policy']);
  assert.deepEqual(csp.get('default-src'), ["'none'"], what);
  assert.deepEqual(csp.get('script-src'), ["'self'"], what);
  assert.deepEqual(csp.get('connect-src'), ["'self'"], what);
  assert.deepEqual(csp.get('font-src'), ["'self'", 'data:'], what);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], what);
  assert.deepEqual(csp.get('object-src'), ["'none'"], what);
  assert.doesNotMatch(
    String(headers['content-security-policy']),
    /unsafe-eval|unsafe-inline|\*|https?:/,
    what,
  );
  assert.equal(headers['x-frame-options'], 'DENY', what);
  assert.equal(headers['x-content-type-options'], 'nosniff', what);
  assert.equal(headers['referrer-policy'], 'no-referrer', what);
}

const PAGES = ['/docs', '/docs/guides/webhooks', '/docs/reference', '/docs/guides/no-such-guide'];

describe('/docs security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  for (const url of PAGES) {
    it(`${url}: docs headers, nothing inline, every reference same-origin and answering`, async () => {
      const page = await harness.app.inject({ method: 'GET', url });
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assertDocsHeaders(page.headers, url);

      // Nothing inline for the CSP to block: no inline script (only the JSON config block), no style
      // element or attribute, no handler.
      for (const [tag] of page.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)) {
        assert.match(tag, /type="application\/json"/, `${url}: ${tag}`);
      }
      assert.doesNotMatch(page.body, /<style|\sstyle=|\son[a-z]+=/i, url);

      const references = [...page.body.matchAll(/<(?:script|link)\b[^>]*\s(?:src|href)="([^"]+)"/g)]
        .map((match) => match[1] ?? '')
        .filter((href) => href !== 'data:,');
      assert.ok(references.length >= 2, references.join(', '));
      for (const reference of references) {
        assert.match(reference, /^\/assets\/[^/]/, `${url} references ${reference}`);
        const asset = await harness.app.inject({ method: 'GET', url: reference });
        assert.equal(asset.statusCode, 200, `${reference}: ${asset.statusCode}`);
        if (reference.endsWith('.css')) {
          for (const [, target = ''] of asset.body.matchAll(/url\(\s*["']?([^"')]+)/g)) {
            assert.ok(
              target.startsWith('data:') || !/^[a-z]+:|^\/\//i.test(target),
              `${reference}: ${target}`,
            );
          }
        }
      }
      // Links lead to this origin or, in a guide's text, to an https page.
      for (const [, href = ''] of page.body.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)) {
        assert.match(href, /^(?:\/(?!\/)|#|https:\/\/)/, `${url} links ${href}`);
      }
    });
  }

  it('admits an inline style on the reference page only, by a fresh nonce that its meta tag carries', async () => {
    const first = await harness.app.inject({ url: '/docs/reference' });
    const second = await harness.app.inject({ url: '/docs/reference' });
    const nonceOf = (response: typeof first): string => {
      const styleSrc = parseCsp(response.headers['content-security-policy']).get('style-src') ?? [];
      assert.equal(styleSrc.length, 2, styleSrc.join(' '));
      assert.equal(styleSrc[0], "'self'");
      const nonce = /^'nonce-([A-Za-z0-9+/]{22}==)'$/.exec(styleSrc[1] ?? '')?.[1];
      assert.ok(nonce, styleSrc.join(' '));
      assert.ok(response.body.includes(`<meta property="csp-nonce" content="${nonce}">`));
      return nonce;
    };
    assert.notEqual(nonceOf(first), nonceOf(second));
    assert.equal(first.headers['cache-control'], 'no-store');

    const guide = await harness.app.inject({ url: '/docs/guides/webhooks' });
    assert.deepEqual(parseCsp(guide.headers['content-security-policy']).get('style-src'), ["'self'"]);
  });

  it('the OpenAPI document the reference loads carries the docs headers', async () => {
    const spec = await harness.app.inject({ url: '/docs/json' });
    assert.equal(spec.statusCode, 200);
    assertDocsHeaders(spec.headers, '/docs/json');
    assert.equal(Reflect.get(Object(JSON.parse(spec.body)), 'openapi'), '3.1.0');
  });

  it('Markdown cannot inject markup: raw HTML is text, scripts in links and images are dropped', () => {
    const rendered = renderMarkdown(
      [
        '# Title',
        '',
        'Hello <script>alert(1)</script> <img src=x onerror=alert(1)>',
        '',
        '<div onclick="x()">block</div>',
        '',
        '[click](javascript:alert(1)) [data](data:text/html,hi) ![pic](https://tracker.example/p.png)',
        '',
        '[ok](https://example.com) [guide](sandbox.md#outcomes) [page](/docs) [protocol-relative](//evil.example)',
      ].join('\n'),
      'Link to this section',
    );
    // Every tag in the output is one Markdown makes, and no attribute runs script or loads anything.
    const tags = [...rendered.html.matchAll(/<([a-z0-9]+)\b[^>]*>/g)].map((match) => match[1]);
    assert.deepEqual([...new Set(tags)].sort(), ['a', 'p']);
    assert.doesNotMatch(rendered.html, /<[^>]*\s(?:on[a-z]+|src|style)=/);
    assert.doesNotMatch(rendered.html, /href="(?:javascript|data):|tracker\.example|evil\.example/);
    assert.match(rendered.html, /&lt;script&gt;/);
    assert.match(rendered.html, /<a href="https:\/\/example.com">ok<\/a>/);
    assert.match(rendered.html, /<a href="\/docs\/guides\/sandbox#outcomes">guide<\/a>/);
    assert.match(rendered.html, /<a href="\/docs">page<\/a>/);
    assert.equal(safeLinkTarget('//evil.example'), null);
    assert.equal(safeLinkTarget('JavaScript:alert(1)'), null);
  });

  it('only /docs gets them: the API keeps its own headers', async () => {
    const health = await harness.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.headers['content-security-policy'], undefined);
    assert.equal(health.headers['x-frame-options'], undefined);
  });
});
