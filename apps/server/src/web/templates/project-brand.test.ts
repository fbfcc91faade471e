import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY, withBrandLogoOrigin } from '../../http/routes/pages.ts';
import { renderProjectBrand } from './project-brand.ts';

const PLAIN = { displayName: 'Acme "Forum" <b>', color: null, logoUrl: null };

describe('project brand on the hosted pages', () => {
  it('renders nothing for a project without logo or colour', () => {
    assert.equal(renderProjectBrand(PLAIN), null);
  });

  it('renders the logo as an https image with the name as its alternative text, escaped', () => {
    const out =
      renderProjectBrand({ ...PLAIN, logoUrl: 'https://cdn.example/logo.svg?v=1&x=2' })?.value ?? '';
    assert.equal(
      out,
      '<div class="project-brand"><img class="project-brand__logo" src="https://cdn.example/logo.svg?v=1&amp;x=2" alt="Acme &quot;Forum&quot; &lt;b&gt;" referrerpolicy="no-referrer" decoding="async"></div>',
    );
  });

  it('renders the colour only as a hex fill of a decorative stripe', () => {
    const out = renderProjectBrand({ ...PLAIN, color: '#0a7d4f' })?.value ?? '';
    assert.match(
      out,
      /<svg class="project-brand__accent"[^>]* aria-hidden="true"[^>]*><rect [^>]*fill="#0a7d4f"\/><\/svg>/,
    );
    assert.ok(!out.includes('style'), 'no inline style: the CSP forbids it');
  });

  it('drops a colour or logo that is not valid, whatever the store handed over', () => {
    for (const color of ['red', '#0a7d4f" onload="x', 'url(javascript:x)', '#0A7D4F']) {
      assert.equal(renderProjectBrand({ ...PLAIN, color }), null, color);
    }
    for (const logoUrl of [
      'http://cdn.example/logo.png',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      '//cdn.example/x.png',
    ]) {
      assert.equal(renderProjectBrand({ ...PLAIN, logoUrl }), null, logoUrl);
    }
  });

  it('widens img-src by the logo’s origin only, and only when there is a valid logo', () => {
    assert.equal(withBrandLogoOrigin(CONTENT_SECURITY_POLICY, { branding: PLAIN }), CONTENT_SECURITY_POLICY);
    const policy = withBrandLogoOrigin(CONTENT_SECURITY_POLICY, {
      branding: { ...PLAIN, logoUrl: 'https://CDN.example:8443/a;b/logo.png' },
    });
    assert.match(policy, /img-src 'self' data: https:\/\/cdn\.example:8443;/);
    assert.equal(policy.replace(' https://cdn.example:8443', ''), CONTENT_SECURITY_POLICY);
    assert.equal(
      withBrandLogoOrigin(CONTENT_SECURITY_POLICY, {
        branding: { ...PLAIN, logoUrl: 'http://cdn.example/x.png' },
      }),
      CONTENT_SECURITY_POLICY,
    );
  });
});
