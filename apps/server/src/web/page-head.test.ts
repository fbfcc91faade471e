import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTranslator } from './i18n/translate.ts';
import { renderPageHead } from './page-head.ts';

describe('renderPageHead', () => {
  it('defaults to no-referrer and noindex, and escapes the title', () => {
    const out = renderPageHead({
      translator: createTranslator('en'),
      title: 'Acme <Forum>',
      assets: { stylesheets: ['/assets/poy.css'] },
    }).value;
    assert.match(out, /^<!doctype html>\n<html lang="en" dir="ltr">\n<head>/);
    assert.match(out, /<meta name="referrer" content="no-referrer">/);
    assert.match(out, /<meta name="robots" content="noindex, nofollow">/);
    assert.match(out, /<title>Acme &lt;Forum&gt;<\/title>/);
    assert.match(out, /<link rel="stylesheet" href="\/assets\/poy[.-][^"]*css">/);
    assert.ok(out.trimEnd().endsWith('</head>'));
    assert.ok(!out.includes('poy-config'));
  });

  it('takes the direction from the translator unless the page fixes it', () => {
    const arabic = createTranslator('ar');
    assert.match(
      renderPageHead({ translator: arabic, title: 'x', assets: { stylesheets: [] } }).value,
      /dir="rtl"/,
    );
    assert.match(
      renderPageHead({ translator: arabic, title: 'x', assets: { stylesheets: [] }, dir: 'ltr' }).value,
      /<html lang="ar" dir="ltr">/,
    );
  });

  it('lets an indexable page drop robots, sets same-origin when asked, and embeds the config safely', () => {
    const out = renderPageHead({
      translator: createTranslator('en'),
      title: 'Docs',
      assets: { stylesheets: [] },
      noindex: false,
      referrer: 'same-origin',
      config: { name: '</script><script>alert(1)</script>' },
    }).value;
    assert.ok(!out.includes('name="robots"'));
    assert.match(out, /<meta name="referrer" content="same-origin">/);
    const config = /<script type="application\/json" id="poy-config">(.*?)<\/script>/.exec(out)?.[1];
    assert.ok(config !== undefined);
    assert.ok(!config.includes('<'));
  });
});
