// The pages' assets on the real app: every file under a content-hashed name cached for a year as
// immutable and under its plain name revalidated (web/asset-manifest.ts, http/routes/assets.ts); every
// page, hosted or dashboard, referencing hashed names only, and every module those load importing
// hashed names only, so nothing cached for a year can pull in a file of another version.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loadAssetManifest } from '../../src/web/asset-manifest.ts';
import { listAssetSources } from '../../src/web/assets-dir.ts';
import { createFlowTestApp, PHONE_USER_AGENT, registerUser } from '../flow/flow-driver.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { assetUrlsOf, moduleReferencesOf } from '../support/content-coding.ts';
import { getDashboardPage, signInMember } from '../support/dashboard-session.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED_ASSET = /^\/assets\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_.-]+\.[0-9a-f]{8}\.(?:js|css)$/;
const DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

describe('page assets: hashed names and caching', () => {
  let harness: TestApp;
  let pages: Array<{ url: string; body: string }>;
  before(async () => {
    harness = await createFlowTestApp();
    const tenant = await createTestTenant(harness);
    const invite = await registerUser(harness, tenant.liveKey, { reference_user_id: 'assets-1' });
    const member = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const hosted = [
      { url: '/', userAgent: DESKTOP },
      { url: `/i/${invite.code}`, userAgent: DESKTOP },
      { url: `/i/${invite.code}`, userAgent: PHONE_USER_AGENT },
      { url: '/join', userAgent: PHONE_USER_AGENT },
      { url: '/login', userAgent: DESKTOP },
    ];
    pages = [];
    for (const page of hosted) {
      const response = await harness.app.inject({ url: page.url, headers: { 'user-agent': page.userAgent } });
      assert.equal(response.statusCode, 200, `${page.url}: ${response.body}`);
      pages.push({ url: page.url, body: response.body });
    }
    const overview = `/dashboard/p/${tenant.project.id}/test/overview`;
    const dashboard = await getDashboardPage(harness.app, overview, member);
    assert.equal(dashboard.statusCode, 200, dashboard.body);
    pages.push({ url: overview, body: dashboard.body });
  });
  after(async () => {
    await harness.close();
  });

  it('serves every asset under its hashed name as immutable and under its plain name revalidated', async () => {
    const manifest = loadAssetManifest();
    const sources = listAssetSources();
    assert.ok(sources.length > 20, 'our modules, the passkey library and uPlot');
    for (const source of sources) {
      const hashedUrl = manifest.hashedUrls.get(source.url) ?? '';
      assert.match(hashedUrl, HASHED_ASSET, source.url);
      const hashed = await harness.app.inject({ url: hashedUrl });
      assert.equal(hashed.statusCode, 200, hashedUrl);
      assert.equal(hashed.headers['cache-control'], IMMUTABLE, hashedUrl);
      assert.equal(hashed.headers['x-content-type-options'], 'nosniff', hashedUrl);
      assert.match(
        String(hashed.headers['content-type']),
        source.url.endsWith('.css') ? /^text\/css/ : /javascript/,
      );

      const plain = await harness.app.inject({ url: source.url });
      assert.equal(plain.statusCode, 200, source.url);
      assert.equal(plain.headers['cache-control'], 'no-cache', source.url);
      assert.equal(plain.headers['x-content-type-options'], 'nosniff', source.url);
      assert.equal(plain.headers['content-type'], hashed.headers['content-type'], source.url);
      assert.ok(plain.rawPayload.equals(readFileSync(source.path)), `${source.url} is the file on disk`);
      assert.notEqual(plain.headers.etag, undefined, source.url);
    }
  });

  it('answers a revalidation with 304 under either name', async () => {
    for (const url of ['/assets/poy.css', loadAssetManifest().hashedUrls.get('/assets/poy.css') ?? '']) {
      const first = await harness.app.inject({ url });
      const etag = String(first.headers.etag);
      const again = await harness.app.inject({ url, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '', url);
      assert.equal(again.headers.etag, etag, url);
      assert.equal(again.headers['cache-control'], first.headers['cache-control'], url);
      const changed = await harness.app.inject({ url, headers: { 'if-none-match': '"something-else"' } });
      assert.equal(changed.statusCode, 200, url);
    }
  });

  it('pages reference hashed names only, and every module they load imports hashed names only', async () => {
    const visited = new Set<string>();
    const pending: string[] = [];
    for (const page of pages) {
      const urls = assetUrlsOf(page.body);
      assert.ok(
        urls.some((url) => url.includes('/poy.')),
        `${page.url} has the hosted pages' stylesheet`,
      );
      for (const url of urls) {
        assert.match(url, HASHED_ASSET, `${page.url} references ${url}`);
        pending.push(url);
      }
    }
    for (let url = pending.pop(); url !== undefined; url = pending.pop()) {
      if (visited.has(url)) continue;
      visited.add(url);
      const response = await harness.app.inject({ url });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers['cache-control'], IMMUTABLE, url);
      if (!url.endsWith('.js')) continue;
      for (const reference of moduleReferencesOf(response.body)) {
        // The face model is loaded by a path built at run time, under names that never change.
        if (reference.startsWith('/assets/face/')) continue;
        assert.match(reference, HASHED_ASSET, `${url} imports ${reference}`);
        pending.push(reference);
      }
    }
    // Reached from the pages: the camera step and the passkey library (import()), and uPlot.
    for (const name of [
      '/camera-pose.',
      '/simplewebauthn/methods/startRegistration.',
      '/uPlot.esm.',
      '/uPlot.min.',
    ]) {
      assert.ok(
        [...visited].some((url) => url.includes(name)),
        `${name} is reachable`,
      );
    }
  });

  it('a page preloads what its scripts import statically, and the phone page does not load the passkey library up front', async () => {
    const urls = loadAssetManifest().hashedUrls;
    const phone = pages[2]?.body ?? '';
    assert.ok(phone.includes(`<script type="module" src="${urls.get('/assets/phone.js')}"></script>`));
    assert.ok(phone.includes(`<link rel="modulepreload" href="${urls.get('/assets/common.js')}">`));
    assert.ok(!phone.includes('simplewebauthn'), 'loaded with import() once the person moves past the intro');
    const login = pages[4]?.body ?? '';
    assert.ok(
      login.includes(`<script type="module" src="${urls.get('/assets/dashboard-auth.js')}"></script>`),
    );
    for (const name of ['index.js', 'methods/startAuthentication.js', 'helpers/webAuthnError.js']) {
      const preload = `<link rel="modulepreload" href="${urls.get(`/assets/vendor/simplewebauthn/${name}`)}">`;
      assert.ok(login.includes(preload), `the sign-in page preloads ${name}`);
    }
  });

  it('a hashed module names its imports by hashed URL; the plain module keeps the names on disk', async () => {
    const urls = loadAssetManifest().hashedUrls;
    const hashed = (await harness.app.inject({ url: urls.get('/assets/phone.js') ?? '' })).body;
    assert.ok(hashed.includes(`from '${urls.get('/assets/common.js')}'`), 'static import');
    assert.ok(hashed.includes(`import('${urls.get('/assets/camera.js')}')`), 'import()');
    assert.ok(hashed.includes(`import('${urls.get('/assets/vendor/simplewebauthn/index.js')}')`), 'import()');
    const plain = (await harness.app.inject({ url: '/assets/phone.js' })).body;
    assert.ok(plain.includes("from './common.js'"));
    assert.ok(plain.includes("import('./camera.js')"));
    const charts = (await harness.app.inject({ url: urls.get('/assets/dashboard-charts.js') ?? '' })).body;
    assert.ok(charts.includes(`from '${urls.get('/assets/vendor/uplot/uPlot.esm.js')}'`));
    assert.ok(
      charts.includes(`'${urls.get('/assets/vendor/uplot/uPlot.min.css')}'`),
      'the stylesheet it links',
    );
  });

  it('a hashed name that is not the current content, or any file off the list, is a 404', async () => {
    for (const url of [
      '/assets/poy.00000000.css',
      '/assets/poy.css.map',
      '/assets/poy',
      '/assets/assets-dir.ts',
      '/assets/../asset-manifest.ts',
      '/assets/vendor/simplewebauthn/index.d.ts',
      '/assets/vendor/simplewebauthn/../package.json',
      '/assets/vendor/uplot/uPlot.cjs.js',
      '/assets/%2e%2e/%2e%2e/package.json',
    ]) {
      const response = await harness.app.inject({ url });
      assert.equal(response.statusCode, 404, url);
      assert.ok(!String(response.headers['cache-control'] ?? '').includes('immutable'), url);
    }
  });
});
