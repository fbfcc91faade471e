// /docs refusals: a guide that does not exist is the docs' own 404 page (HTML, linking back to the
// guides), whatever the spelling, and never a file read from a path built from the URL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTranslator } from '../../src/web/i18n/translate.ts';
import { createTestApp, type TestApp } from '../harness.ts';

describe('/docs: error paths', () => {
  let harness: TestApp;
  const { t } = createTranslator();
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  for (const slug of ['no-such-guide', 'WEBHOOKS', 'webhooks.md', '..%2F..%2FREADME', 'api']) {
    it(`/docs/guides/${slug} is the docs' 404 page`, async () => {
      const response = await harness.app.inject({ url: `/docs/guides/${slug}` });
      assert.equal(response.statusCode, 404, response.body.slice(0, 200));
      assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.ok(response.body.includes(`<h1>${t('docs.notFoundHeading')}</h1>`));
      assert.ok(response.body.includes(`<a href="/docs">${t('docs.notFoundLink')}</a>`));
      assert.ok(response.headers['content-security-policy']);
    });
  }

  it('a path below a guide is not a page', async () => {
    const response = await harness.app.inject({ url: '/docs/guides/webhooks/extra' });
    assert.equal(response.statusCode, 404);
  });

  it('the old Swagger UI assets are gone', async () => {
    const response = await harness.app.inject({ url: '/docs/static/swagger-initializer.js' });
    assert.equal(response.statusCode, 404);
  });
});
