// The landing page carries the hosted pages' protections: their CSP (no inline script or style), no
// framing, no sniffing, no referrer, not cached; it depends on the language asked for, and nothing in
// the request ends up in it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../src/http/routes/pages.ts';
import { createTestApp, type TestApp } from '../harness.ts';

describe('landing page: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('sends the hosted pages’ security headers', async () => {
    const response = await harness.app.inject({ url: '/' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self';/);
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.match(String(response.headers.vary), /Accept-Language/);
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(response.body), 'no inline script');
    assert.ok(!/<style\b|\sstyle=/i.test(response.body), 'no inline style');
  });

  it('echoes nothing from the request', async () => {
    const hostile = '<script>alert(1)</script>';
    const response = await harness.app.inject({
      url: `/?q=${encodeURIComponent(hostile)}`,
      headers: { 'accept-language': `${hostile}, en;q=0.5`, 'user-agent': hostile },
    });
    assert.equal(response.statusCode, 200);
    assert.ok(!response.body.includes('alert(1)'), response.body);
    assert.match(response.body, /<html lang="en"/);
  });

  it('answers only GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const response = await harness.app.inject({ method, url: '/' });
      assert.ok(
        response.statusCode === 404 || response.statusCode === 405,
        `${method}: ${response.statusCode}`,
      );
      assert.ok(!response.body.includes('<!doctype html>'), method);
    }
  });
});
