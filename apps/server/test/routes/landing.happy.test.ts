// The landing page at / on the real app: the hosted pages' look, in the catalog's words, linking the
// docs, the dashboard (its sign-in when signed out), the health checks and /join, each of which answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadAssetManifest } from '../../src/web/asset-manifest.ts';
import { createTranslator } from '../../src/web/i18n/translate.ts';
import { createTestApp, type TestApp } from '../harness.ts';

describe('landing page: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('answers / with a page in the hosted pages’ frame', async () => {
    const response = await harness.app.inject({ url: '/' });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
    const { t } = createTranslator();
    assert.ok(response.body.startsWith('<!doctype html>\n<html lang="en"'));
    assert.ok(response.body.includes(`<title>${t('landing.title')} · ${t('common.brand')}</title>`));
    assert.ok(response.body.includes(`<h1>${t('landing.heading')}</h1>`));
    assert.ok(response.body.includes('<header class="site-header">'), 'the hosted pages’ header');
    const stylesheet = loadAssetManifest().hashedUrls.get('/assets/poy.css');
    assert.ok(response.body.includes(`<link rel="stylesheet" href="${stylesheet}">`), 'their stylesheet');
    assert.ok(!response.body.includes('<script type="module"'), 'no script: nothing to run');
  });

  it('links the docs, the dashboard, the health checks and /join, and each answers', async () => {
    const response = await harness.app.inject({ url: '/' });
    const links = [...response.body.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => match[1]);
    assert.deepEqual(links, ['/docs', '/dashboard', '/healthz', '/readyz', '/join']);
    const { t } = createTranslator();
    for (const key of ['landing.docs', 'landing.dashboard', 'landing.health', 'landing.readiness'] as const) {
      assert.ok(response.body.includes(`>${t(key)}</a>`), key);
    }
    for (const href of links) {
      const target = await harness.app.inject({ url: href ?? '' });
      if (href === '/dashboard') {
        // Signed out, the dashboard sends the visitor to its sign-in page, and back afterwards.
        assert.equal(target.statusCode, 303, `${href}: ${target.body.slice(0, 200)}`);
        assert.equal(target.headers.location, '/login?next=%2Fdashboard');
        continue;
      }
      assert.equal(target.statusCode, 200, `${href}: ${target.body.slice(0, 200)}`);
    }
  });

  it('HEAD answers like GET, without a body', async () => {
    const response = await harness.app.inject({ method: 'HEAD', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, '');
    assert.match(String(response.headers['content-type']), /^text\/html/);
  });
});
