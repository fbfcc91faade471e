// What the hosted pages must never do: run inline code (the CSP forbids it, so the markup must not
// need it), let a project name or a typed value become markup, follow a non-http redirect, leak the
// invite code through caches or referrers, or look up codes that cannot exist.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY, PHONE_CONTENT_SECURITY_POLICY } from '../../src/http/routes/pages.ts';
import { bodyOf } from '../harness.ts';
import { createInvitePageFixture } from '../support/page-fixtures.ts';
import { buildPagesApp } from '../support/pages-app.ts';

const PUBLIC_URL = 'http://localhost:8080';
const HOSTILE_NAME = `</script><script>alert(1)</script><img src=x onerror="alert(2)">'&`;

describe('pages: security', () => {
  const fixture = createInvitePageFixture(PUBLIC_URL);
  const loaded: string[] = [];
  let app: FastifyInstance;
  before(async () => {
    fixture.add('invHostileName00000001', { projectName: HOSTILE_NAME, mode: 'test' });
    fixture.add('invJsRedirect000000002', {
      status: 'VERIFIED',
      redirectUrl: 'javascript:alert(document.domain)',
      shortCode: 'QRST-0002',
    });
    app = await buildPagesApp(fixture, {
      loadInvite: (code) => {
        loaded.push(code);
        return fixture.loadInvite(code);
      },
      publicUrl: PUBLIC_URL,
    });
  });
  after(async () => {
    await app.close();
  });

  const htmlPages = [
    '/i/invHostileName00000001?on=desktop',
    '/i/invHostileName00000001?on=phone',
    '/i/invJsRedirect000000002?on=phone',
    '/i/invJsRedirect000000002?on=desktop',
    '/i/invUnknownCode00000000',
    '/join',
    '/join?code=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/',
  ];

  it('every HTML page carries the CSP and privacy headers', async () => {
    assert.equal(
      CONTENT_SECURITY_POLICY,
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    // The phone page alone may also compile WebAssembly (the camera step's face model).
    assert.equal(
      PHONE_CONTENT_SECURITY_POLICY,
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    for (const url of htmlPages) {
      const response = await app.inject({ url });
      const policy = url.endsWith('?on=phone') ? PHONE_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
      assert.equal(response.headers['content-security-policy'], policy, url);
      assert.equal(response.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(response.headers['cache-control'], 'no-store', url);
      assert.equal(response.headers['x-frame-options'], 'DENY', url);
    }
  });

  it('the face asset routes serve their listed files and nothing else', async () => {
    for (const url of [
      '/assets/face/',
      '/assets/face/models/',
      '/assets/face/wasm/',
      '/assets/face/models',
      '/assets/face/human.js',
      '/assets/face/human.esm.js.map',
      '/assets/face/human.node.js',
      '/assets/face/models/iris.json',
      '/assets/face/models/faceres.bin',
      '/assets/face/models/models.json',
      '/assets/face/models/README.md',
      '/assets/face/wasm/tf-backend-wasm.js',
      '/assets/face/..%2fpackage.json',
      '/assets/face/..%2f..%2fpackage.json',
      '/assets/face/models/..%2f..%2f..%2f..%2fpackage.json',
      '/assets/face/models/..%2Fpackage.json',
      '/assets/face/models/%2e%2e%2fpackage.json',
      '/assets/face/%2e%2e/%2e%2e/package.json',
      '/assets/face/../../package.json',
      '/assets/face/models//blazeface.json',
      '/assets/face/%2fetc%2fpasswd',
      '/assets/face/HUMAN.ESM.JS',
    ]) {
      const response = await app.inject({ url });
      assert.equal(response.statusCode, 404, url);
      assert.ok(!String(response.headers['content-type']).startsWith('text/html'), `${url}: no listing`);
      assert.ok(!response.body.includes('blazeface.json'), `${url}: no listing`);
    }
  });

  it('no page needs inline script or style, which the CSP would block', async () => {
    for (const url of htmlPages) {
      const { body } = await app.inject({ url });
      for (const [tag] of body.matchAll(/<script\b[^>]*>/g)) {
        assert.ok(
          /\bsrc="\/assets\/[a-z-]+\.[0-9a-f]{8}\.js"/.test(tag) ||
            tag === '<script type="application/json" id="poy-config">',
          `${url}: ${tag}`,
        );
      }
      assert.ok(!/<style\b/i.test(body), url);
      assert.ok(!/\sstyle=/i.test(body), url);
      assert.ok(!/<[a-z][^>]*\son[a-z]+=/i.test(body), `${url} has an inline event handler`);
    }
  });

  it('a hostile project name is text everywhere, and round-trips through the script config', async () => {
    for (const url of ['/i/invHostileName00000001?on=desktop', '/i/invHostileName00000001?on=phone']) {
      const { body } = await app.inject({ url });
      assert.ok(!body.includes('<script>alert(1)'), url);
      assert.ok(!body.includes('<img src=x'), url);
      assert.ok(
        body.includes(
          '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39;&amp;',
        ),
        url,
      );
      const config = /<script type="application\/json" id="poy-config">([^<]*)<\/script>/.exec(body)?.[1];
      assert.ok(config, url);
      assert.equal(bodyOf({ body: config }).projectName, HOSTILE_NAME);
    }
  });

  it('a typed /join value is echoed as text', async () => {
    const { body } = await app.inject({ url: '/join?code=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E' });
    assert.ok(!body.includes('<script>alert'));
    assert.match(body, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  });

  it('a repeated or oversized /join parameter is a form error, not a crash', async () => {
    const repeated = await app.inject({ url: '/join?code=ABCD2345&code=WXYZ6789' });
    assert.equal(repeated.statusCode, 400, repeated.body);
    const huge = await app.inject({ url: `/join?code=${'A'.repeat(5000)}` });
    assert.equal(huge.statusCode, 400);
    assert.ok(huge.body.length < 10_000, 'the echo is truncated');
  });

  it('a redirect that is not http(s) is never handed to the browser', async () => {
    for (const url of ['/i/invJsRedirect000000002?on=phone', '/i/invJsRedirect000000002?on=desktop']) {
      const { body } = await app.inject({ url });
      assert.ok(!body.toLowerCase().includes('javascript:'), url);
    }
    const status = await app.inject({ url: '/i/invJsRedirect000000002/status' });
    assert.deepEqual(bodyOf(status), { status: 'VERIFIED', redirectUrl: null });
  });

  it('codes that cannot exist are refused without a lookup', async () => {
    const before = loaded.length;
    for (const url of [
      '/i/short',
      `/i/${'a'.repeat(129)}`,
      '/i/inv%2F..%2F..%2Fetc',
      '/i/inv%20with%20space',
      '/i/%3Cscript%3E',
    ]) {
      const response = await app.inject({ url });
      assert.equal(response.statusCode, 404, url);
      assert.ok(!response.body.includes('<script>'), url);
    }
    const status = await app.inject({ url: '/i/short/status' });
    assert.equal(status.statusCode, 404);
    assert.equal(loaded.length, before);
  });
});
