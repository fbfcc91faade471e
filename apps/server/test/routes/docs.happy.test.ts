// The docs home, every guide and the API reference answer as HTML pages in the docs frame: the home
// links every guide and the reference, each guide has its title, a table of contents whose entries
// point at headings that exist, and a skip link to its main content.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loadAssetManifest } from '../../src/web/asset-manifest.ts';
import { SCALAR_BUNDLE_URL } from '../../src/web/docs/docs-pages.ts';
import { GUIDE_SLUGS, GUIDES_DIR } from '../../src/web/docs/guides.ts';
import { escapeHtml } from '../../src/web/html.ts';
import { createTranslator } from '../../src/web/i18n/translate.ts';
import { createTestApp, type TestApp } from '../harness.ts';

/** The first `# ` heading of a guide's Markdown: the title its page must show. */
function markdownTitle(slug: string): string {
  const source = readFileSync(`${GUIDES_DIR}${slug}.md`, 'utf8');
  const title = /^# (.+)$/m.exec(source)?.[1];
  assert.ok(title, `docs/guides/${slug}.md has a title`);
  return title;
}

describe('/docs: happy paths', () => {
  let harness: TestApp;
  const { t } = createTranslator();
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('the docs home links every guide, by its title, and the API reference', async () => {
    const response = await harness.app.inject({ url: '/docs' });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.ok(response.body.includes(`<title>${t('docs.title')} · ${t('docs.brand')}</title>`));
    assert.ok(response.body.includes(`<h1>${t('docs.heading')}</h1>`));
    for (const slug of GUIDE_SLUGS) {
      const link = `<a href="/docs/guides/${slug}">${escapeHtml(markdownTitle(slug))}</a>`;
      assert.ok(response.body.includes(link), `${slug}: ${link}`);
    }
    assert.ok(response.body.includes(`<a href="/docs/reference">${t('docs.reference')}</a>`));
    assert.ok(response.body.includes('<a href="/openapi.json">'));
    assert.ok(response.body.includes(`<a class="skip-link" href="#main">${t('docs.skipToContent')}</a>`));
    assert.ok(response.body.includes('<main id="main"'));
  });

  for (const slug of GUIDE_SLUGS) {
    it(`/docs/guides/${slug} serves its guide with a table of contents`, async () => {
      const response = await harness.app.inject({ url: `/docs/guides/${slug}` });
      assert.equal(response.statusCode, 200, response.body.slice(0, 300));
      assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
      const title = escapeHtml(markdownTitle(slug));
      assert.ok(response.body.includes(`<title>${title} · ${t('docs.brand')}</title>`), title);
      assert.equal([...response.body.matchAll(/<h1>/g)].length, 1, 'one level-1 heading');
      assert.ok(response.body.includes(`<h1>${title}</h1>`));
      assert.ok(response.body.includes('<a class="skip-link" href="#main">'));
      assert.ok(response.body.includes('<main id="main"'));
      const stylesheet = loadAssetManifest().hashedUrls.get('/assets/docs.css');
      assert.ok(response.body.includes(`<link rel="stylesheet" href="${stylesheet}">`));

      // Every table-of-contents entry points at a heading of the page, and every h2 is in it.
      const toc = /<nav class="docs-toc"[\s\S]*?<\/nav>/.exec(response.body)?.[0] ?? '';
      const entries = [...toc.matchAll(/href="#([^"]+)"/g)].map((match) => match[1] ?? '');
      const article = response.body.slice(response.body.indexOf('<main id="main"'));
      const headingIds = [...article.matchAll(/<h[23] id="([^"]+)">/g)].map((match) => match[1] ?? '');
      assert.ok(entries.length >= 2, `${slug}: ${entries.join(', ')}`);
      assert.deepEqual(entries, headingIds);
      assert.equal(new Set(headingIds).size, headingIds.length, 'heading ids are unique');
      // Code blocks scroll with the keyboard too.
      for (const [pre] of response.body.matchAll(/<pre\b[^>]*>/g)) assert.match(pre, /tabindex="0"/);
    });
  }

  it('links between guides point at pages that exist', async () => {
    for (const slug of GUIDE_SLUGS) {
      const response = await harness.app.inject({ url: `/docs/guides/${slug}` });
      for (const [, target = ''] of response.body.matchAll(/href="(\/docs\/guides\/[^"#]+)/g)) {
        const linked = await harness.app.inject({ url: target });
        assert.equal(linked.statusCode, 200, `${slug} links ${target}`);
      }
    }
  });

  it('the API reference page loads Scalar from our assets with its configuration, and the document it names', async () => {
    const response = await harness.app.inject({ url: '/docs/reference' });
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(response.body.includes(`<title>${t('docs.reference')} · ${t('docs.brand')}</title>`));
    const bundle = loadAssetManifest().hashedUrls.get(SCALAR_BUNDLE_URL);
    assert.ok(bundle, 'the bundle is in the asset manifest');
    assert.ok(response.body.includes(`<script src="${bundle}" defer></script>`));
    const config: unknown = JSON.parse(
      /<script type="application\/json" id="scalar-config">([^<]*)<\/script>/.exec(response.body)?.[1] ??
        'null',
    );
    assert.deepEqual(
      { url: Reflect.get(Object(config), 'url'), fonts: Reflect.get(Object(config), 'withDefaultFonts') },
      { url: '/docs/json', fonts: false },
    );
    const spec = await harness.app.inject({ url: '/docs/json' });
    assert.equal(spec.statusCode, 200);
    const bundleResponse = await harness.app.inject({ url: bundle });
    assert.equal(bundleResponse.statusCode, 200);
    assert.match(String(bundleResponse.headers['content-type']), /javascript/);
  });

  it('/openapi.json still serves the document', async () => {
    const response = await harness.app.inject({ url: '/openapi.json' });
    assert.equal(response.statusCode, 200);
    assert.equal(Reflect.get(Object(JSON.parse(response.body)), 'openapi'), '3.1.0');
  });
});
