// Compression on the real app: hosted pages, the dashboard's sign-in page, the assets and the face
// model come compressed (brotli preferred, then gzip) to a client that accepts it, and decompress to
// exactly the bytes an identity request gets; small answers and the face model's weights are sent as
// they are; the invite's event stream is never compressed (it must reach the desktop page event by
// event); headers other than the coding's are the same either way.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadAssetManifest } from '../../src/web/asset-manifest.ts';
import { listFaceAssetFiles } from '../../src/web/face-assets.ts';
import { createFlowTestApp, PHONE_USER_AGENT, registerUser } from '../flow/flow-driver.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { BROWSER_ACCEPT_ENCODING, decodedBody } from '../support/content-coding.ts';

/** Headers that legitimately differ between a compressed and an identity answer, or per request. */
const PER_ANSWER_HEADERS = new Set([
  'content-encoding',
  'content-length',
  'date',
  'x-request-id',
  'etag',
  'vary',
  'ratelimit-remaining',
  'ratelimit-reset',
]);

function varies(headers: Record<string, unknown>): string[] {
  return String(headers.vary ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
}

describe('compression', () => {
  let harness: TestApp;
  let inviteCode: string;
  before(async () => {
    harness = await createFlowTestApp();
    const tenant = await createTestTenant(harness);
    inviteCode = (await registerUser(harness, tenant.liveKey, { reference_user_id: 'compressed-1' })).code;
  });
  after(async () => {
    await harness.close();
  });

  function compressible(): Array<{ url: string; userAgent?: string }> {
    const urls = loadAssetManifest().hashedUrls;
    return [
      { url: '/' },
      { url: `/i/${inviteCode}` },
      { url: `/i/${inviteCode}`, userAgent: PHONE_USER_AGENT },
      { url: '/join' },
      { url: '/login' },
      { url: urls.get('/assets/poy.css') ?? '' },
      { url: urls.get('/assets/phone.js') ?? '' },
      { url: '/assets/phone.js' },
      { url: urls.get('/assets/vendor/uplot/uPlot.esm.js') ?? '' },
      { url: '/assets/face/models/facemesh.json' },
    ];
  }

  it('gzip and brotli bodies decompress to the bytes sent uncompressed', async () => {
    for (const { url, userAgent } of compressible()) {
      // As a browser sends it on a typed or bookmarked address (the dashboard wants it: its security test).
      const headers = {
        'sec-fetch-site': 'none',
        ...(userAgent === undefined ? {} : { 'user-agent': userAgent }),
      };
      const identity = await harness.app.inject({ url, headers });
      assert.ok([200, 404].includes(identity.statusCode), `${url}: ${identity.statusCode}`);
      assert.equal(identity.headers['content-encoding'], undefined, url);
      assert.ok(varies(identity.headers).includes('accept-encoding'), `${url}: Vary`);
      for (const [acceptEncoding, coding] of [
        [BROWSER_ACCEPT_ENCODING, 'br'],
        ['gzip, deflate', 'gzip'],
        ['br;q=0, gzip;q=0.5', 'gzip'],
      ] as const) {
        const response = await harness.app.inject({
          url,
          headers: { ...headers, 'accept-encoding': acceptEncoding },
        });
        const what = `${url} (${acceptEncoding})`;
        assert.equal(response.statusCode, identity.statusCode, what);
        assert.equal(response.headers['content-encoding'], coding, what);
        assert.equal(Number(response.headers['content-length']), response.rawPayload.length, what);
        assert.ok(response.rawPayload.length < identity.rawPayload.length, `${what} is smaller`);
        assert.ok(decodedBody(response).equals(identity.rawPayload), `${what} decodes to the same bytes`);
        assert.ok(varies(response.headers).includes('accept-encoding'), `${what}: Vary`);
        for (const [name, value] of Object.entries(identity.headers)) {
          if (!PER_ANSWER_HEADERS.has(name))
            assert.deepEqual(response.headers[name], value, `${what}: ${name}`);
        }
      }
    }
  });

  it('HEAD answers with the headers of the compressed GET and no body', async () => {
    const url = loadAssetManifest().hashedUrls.get('/assets/poy.css') ?? '';
    const get = await harness.app.inject({ url, headers: { 'accept-encoding': 'br' } });
    const head = await harness.app.inject({ method: 'HEAD', url, headers: { 'accept-encoding': 'br' } });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-encoding'], 'br');
    assert.equal(head.headers['content-length'], get.headers['content-length']);
    assert.equal(head.rawPayload.length, 0);
  });

  it('a client that accepts no coding we have gets the bytes as they are', async () => {
    for (const acceptEncoding of ['identity', 'deflate, zstd', 'br;q=0, gzip;q=0', '*;q=0']) {
      for (const url of ['/', loadAssetManifest().hashedUrls.get('/assets/poy.css') ?? '']) {
        const response = await harness.app.inject({ url, headers: { 'accept-encoding': acceptEncoding } });
        assert.equal(response.statusCode, 200, url);
        assert.equal(response.headers['content-encoding'], undefined, `${url} (${acceptEncoding})`);
      }
    }
  });

  it('small answers are sent as they are', async () => {
    const status = await harness.app.inject({
      url: `/i/${inviteCode}/status`,
      headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING },
    });
    assert.equal(status.statusCode, 200, status.body);
    assert.equal(status.headers['content-encoding'], undefined, 'under 1 KB');
    // A short error answer (the not-found page, with its language switcher, is now over 1 KB).
    const notFound = await harness.app.inject({
      url: '/i/0000000000000000000000/status',
      headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING },
    });
    assert.equal(notFound.statusCode, 404);
    assert.ok(notFound.rawPayload.length < 1024, 'a short answer');
    assert.equal(notFound.headers['content-encoding'], undefined, 'under 1 KB');
  });

  it('the face model’s weights come compressed too, and decode to the file', async () => {
    const file = listFaceAssetFiles().get('models/blazeface.bin');
    assert.ok(file);
    const weights = await harness.app.inject({
      url: '/assets/face/models/blazeface.bin',
      headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING },
    });
    assert.equal(weights.statusCode, 200);
    assert.equal(weights.headers['content-encoding'], 'br');
    assert.equal(weights.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(weights.headers['content-type']), /^application\/octet-stream$/);
    assert.ok(decodedBody(weights).equals(readFileSync(file.path)));
    const identity = await harness.app.inject({ url: '/assets/face/models/blazeface.bin' });
    assert.equal(identity.headers['content-encoding'], undefined);
    assert.equal(Number(identity.headers['content-length']), identity.rawPayload.length);
    assert.ok(identity.rawPayload.equals(readFileSync(file.path)));
  });

  it('the invite’s event stream is never compressed', async () => {
    await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const address = harness.app.server.address();
    assert.ok(address !== null && typeof address === 'object');
    const { port } = address satisfies AddressInfo;
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/i/${inviteCode}/events`, {
      headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING },
      signal: controller.signal,
    });
    try {
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.equal(response.headers.get('content-encoding'), null);
      const reader = response.body?.getReader();
      assert.ok(reader);
      const { value } = await reader.read();
      assert.match(new TextDecoder().decode(value), /\nevent: status\ndata: \{"status":"PENDING"/);
    } finally {
      controller.abort();
    }
    const head = await harness.app.inject({
      method: 'HEAD',
      url: `/i/${inviteCode}/events`,
      headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING },
    });
    assert.equal(head.headers['content-encoding'], undefined);
  });
});
