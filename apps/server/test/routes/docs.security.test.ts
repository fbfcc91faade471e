// /docs (Swagger UI) carries the hosted pages' protections, with a CSP that still lets the page load:
// every script, stylesheet and image it references is on this origin and answers, nothing inline, and
// the CSP has no 'unsafe-eval' or 'unsafe-inline'.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
  assert.deepEqual(csp.get('script-src'), ["'self'"], what);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], what);
  assert.deepEqual(csp.get('object-src'), ["'none'"], what);
  assert.doesNotMatch(String(headers['content-security-policy']), /unsafe-eval|unsafe-inline/, what);
  assert.equal(headers['x-frame-options'], 'DENY', what);
  assert.equal(headers['x-content-type-options'], 'nosniff', what);
  assert.equal(headers['referrer-policy'], 'no-referrer', what);
}

describe('/docs security headers', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('the page, every asset it references and the spec it loads answer, with the docs headers', async () => {
    const page = await harness.app.inject({ method: 'GET', url: '/docs' });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assertDocsHeaders(page.headers, '/docs');

    // Nothing inline for the CSP to block: no inline script, no style element or attribute, no handler.
    assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/);
    assert.doesNotMatch(page.body, /<style|\sstyle=|\son[a-z]+=/i);

    const references = [...page.body.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    const scripts = references.filter((url) => url.endsWith('.js'));
    const styles = references.filter((url) => url.endsWith('.css'));
    assert.ok(scripts.length >= 3, references.join(', '));
    assert.ok(styles.length >= 1, references.join(', '));
    for (const url of references) {
      // 'self': a path on this origin, not another host or a protocol-relative URL.
      assert.match(url, /^\/docs\/static\/[^/]/, url);
      const asset = await harness.app.inject({ method: 'GET', url });
      assert.equal(asset.statusCode, 200, `${url}: ${asset.statusCode}`);
      assertDocsHeaders(asset.headers, url);
      const type = String(asset.headers['content-type']);
      if (url.endsWith('.js')) assert.match(type, /javascript/, url);
      if (url.endsWith('.css')) assert.match(type, /^text\/css/, url);
      if (url.endsWith('.css')) {
        // Stylesheet images and fonts are data: URIs (allowed) or same-origin paths.
        for (const [, target = ''] of asset.body.matchAll(/url\(\s*["']?([^"')]+)/g)) {
          assert.ok(target.startsWith('data:') || !/^[a-z]+:|^\/\//i.test(target), `${url}: ${target}`);
        }
      }
    }

    // The initializer loads the spec from this origin (connect-src 'self').
    const initializer = await harness.app.inject({
      method: 'GET',
      url: '/docs/static/swagger-initializer.js',
    });
    assert.match(initializer.body, /resolveUrl\('\.\/json'\)/);
    // Without the top bar: its logo is an SVG with an inline <style> that style-src 'self' refuses.
    assert.match(initializer.body, /layout"?\s*:\s*"BaseLayout"/);
    const spec = await harness.app.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(spec.statusCode, 200);
    assertDocsHeaders(spec.headers, '/docs/json');
    assert.equal(Reflect.get(Object(JSON.parse(spec.body)), 'openapi'), '3.1.0');
  });

  it('only /docs gets them: the API keeps its own headers', async () => {
    const health = await harness.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.headers['content-security-policy'], undefined);
    assert.equal(health.headers['x-frame-options'], undefined);
  });
});
