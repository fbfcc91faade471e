import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isBrandColor,
  normalizeBrandColor,
  normalizeBrandLogoUrl,
  projectBrandingOf,
} from './project-branding.ts';
import { isOriginWithinRelyingParty, isRelyingPartyId } from './relying-party-settings.ts';

describe('project branding', () => {
  it('accepts six hex digits after # and nothing else, in lower case', () => {
    assert.deepEqual(normalizeBrandColor(' #0A7D4F '), { ok: true, color: '#0a7d4f' });
    for (const bad of ['0a7d4f', '#0a7d4', '#0a7d4f0', 'red', '#0a7d4f;x', 'rgb(1,2,3)', '#0a7d4g']) {
      assert.equal(normalizeBrandColor(bad).ok, false, bad);
    }
    assert.equal(isBrandColor('#0a7d4f'), true);
    assert.equal(isBrandColor('#0A7D4F'), false, 'the templates take only the stored, normalized form');
  });

  it('accepts only https logo URLs without credentials', () => {
    assert.deepEqual(normalizeBrandLogoUrl('https://CDN.example/a logo.png'), {
      ok: true,
      url: 'https://cdn.example/a%20logo.png',
    });
    assert.deepEqual(normalizeBrandLogoUrl('http://cdn.example/logo.png'), {
      ok: false,
      problem: 'not_https',
    });
    assert.deepEqual(normalizeBrandLogoUrl('javascript:alert(1)'), { ok: false, problem: 'not_https' });
    assert.deepEqual(normalizeBrandLogoUrl('data:image/svg+xml,<svg/>'), { ok: false, problem: 'not_https' });
    assert.deepEqual(normalizeBrandLogoUrl('logo.png'), { ok: false, problem: 'not_a_url' });
    assert.deepEqual(normalizeBrandLogoUrl('https://a:b@cdn.example/x.png'), {
      ok: false,
      problem: 'has_credentials',
    });
    assert.deepEqual(normalizeBrandLogoUrl(`https://cdn.example/${'x'.repeat(2048)}`), {
      ok: false,
      problem: 'too_long',
    });
  });

  it('shows the brand name when set, else the project name', () => {
    const project = { name: 'Shop', brandName: null, brandColor: null, brandLogoUrl: null };
    assert.deepEqual(projectBrandingOf(project), { displayName: 'Shop', color: null, logoUrl: null });
    assert.equal(projectBrandingOf({ ...project, brandName: 'Shop & Co' }).displayName, 'Shop & Co');
  });
});

describe('relying party settings', () => {
  it('takes domains as RP ids, not IP addresses, top-level domains or other text', () => {
    for (const good of ['shop.example', 'login.shop.example', 'localhost', 'xn--nicode-2ya.example']) {
      assert.equal(isRelyingPartyId(good), true, good);
    }
    for (const bad of [
      'com',
      '127.0.0.1',
      'Shop.example',
      'shop..example',
      '-shop.example',
      'shop.example/',
      'https://shop.example',
      '',
    ]) {
      assert.equal(isRelyingPartyId(bad), false, bad);
    }
  });

  it('an origin is within an RP id when its host is the RP id or a subdomain of it', () => {
    assert.equal(isOriginWithinRelyingParty('https://shop.example', 'shop.example'), true);
    assert.equal(isOriginWithinRelyingParty('https://login.shop.example:8443', 'shop.example'), true);
    assert.equal(isOriginWithinRelyingParty('https://evilshop.example', 'shop.example'), false);
    assert.equal(isOriginWithinRelyingParty('https://shop.example', 'login.shop.example'), false);
  });
});
