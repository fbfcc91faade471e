import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRedirectUrlAllowed, normalizeRedirectOrigin } from './redirect-origins.ts';

describe('redirect origins', () => {
  it('normalizes scheme, host and port', () => {
    for (const [input, origin] of [
      ['https://A.Example', 'https://a.example'],
      ['https://a.example/', 'https://a.example'],
      ['https://a.example:443', 'https://a.example'],
      ['https://a.example:8443', 'https://a.example:8443'],
      ['http://localhost:3000', 'http://localhost:3000'],
      ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
      ['http://app.localhost', 'http://app.localhost'],
    ] as const) {
      assert.deepEqual(normalizeRedirectOrigin(input), { ok: true, origin }, input);
    }
  });

  it('refuses paths, queries, credentials, other schemes and plain http elsewhere', () => {
    for (const [input, problem] of [
      ['a.example', 'not_a_url'],
      ['https://a.example/path', 'not_an_origin'],
      ['https://a.example/?', 'not_an_origin'],
      ['https://a.example#x', 'not_an_origin'],
      ['https://user:pw@a.example', 'not_an_origin'],
      ['ftp://a.example', 'not_an_origin'],
      ['javascript:alert(1)', 'not_an_origin'],
      ['http://a.example', 'not_https'],
    ] as const) {
      assert.deepEqual(normalizeRedirectOrigin(input), { ok: false, problem }, input);
    }
  });

  it('allows any URL without a list, and only listed origins with one', () => {
    assert.equal(isRedirectUrlAllowed([], 'https://anything.example/x'), true);
    const allowed = ['https://a.example', 'http://localhost:3000'];
    assert.equal(isRedirectUrlAllowed(allowed, 'https://a.example/done?x=1'), true);
    assert.equal(isRedirectUrlAllowed(allowed, 'https://A.EXAMPLE:443/done'), true);
    assert.equal(isRedirectUrlAllowed(allowed, 'http://localhost:3000/back'), true);
    assert.equal(isRedirectUrlAllowed(allowed, 'http://a.example/done'), false, 'scheme matters');
    assert.equal(isRedirectUrlAllowed(allowed, 'https://a.example:8443/done'), false, 'port matters');
    assert.equal(isRedirectUrlAllowed(allowed, 'https://a.example.evil.example/'), false);
    assert.equal(isRedirectUrlAllowed(allowed, 'https://evil.example/?https://a.example'), false);
    assert.equal(isRedirectUrlAllowed(allowed, 'not a url'), false);
    // A stored list written before normalization (trailing slash, case) still matches.
    assert.equal(isRedirectUrlAllowed(['https://A.example/'], 'https://a.example/x'), true);
  });
});
