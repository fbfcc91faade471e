import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from './en.ts';
import { createTranslator, formatMessage, negotiateLocale, t } from './translate.ts';

describe('i18n', () => {
  it('t() looks up a key and fills its parameters', () => {
    assert.equal(t('common.continueTo', { projectName: 'Acme' }), 'Continue to Acme');
    assert.equal(t('join.submit'), 'Continue');
  });

  it('a missing parameter stays visible instead of vanishing', () => {
    assert.equal(formatMessage('Hi {name}, {other}', { name: 'Ann' }), 'Hi Ann, {other}');
    assert.equal(formatMessage('{n} of {total}', { n: 1, total: 3 }), '1 of 3');
  });

  it('parameter values are not themselves formatted', () => {
    assert.equal(formatMessage('{a}', { a: '{b}', b: 'x' }), '{b}');
  });

  it('pick() returns exactly the messages under the given prefixes', () => {
    const picked = createTranslator().pick(['reason.']);
    assert.ok(Object.keys(picked).length > 0);
    assert.ok(Object.keys(picked).every((key) => key.startsWith('reason.')));
    assert.equal(picked['reason.unknown'], en['reason.unknown']);
  });

  it('negotiates a supported language and falls back to English', () => {
    assert.equal(negotiateLocale(undefined), 'en');
    assert.equal(negotiateLocale('fr-CH, fr;q=0.9, en;q=0.8'), 'fr');
    assert.equal(negotiateLocale('de-AT'), 'de');
    assert.equal(negotiateLocale('ar-EG,ar;q=0.9'), 'ar');
    assert.equal(negotiateLocale('ja, es;q=0.5'), 'es');
    assert.equal(negotiateLocale('es;q=0.1, de;q=0.9'), 'de');
    assert.equal(negotiateLocale('pt-BR, ja'), 'en');
    assert.equal(negotiateLocale('en-GB'), 'en');
    assert.equal(negotiateLocale('*'), 'en');
    assert.equal(negotiateLocale(';;;,,q=x'), 'en');
  });

  it('every message is non-empty and its placeholders are well-formed', () => {
    for (const [key, message] of Object.entries(en)) {
      assert.ok(message.trim().length > 0, key);
      const braces = message.replace(/\{\w+\}/g, '');
      assert.ok(!braces.includes('{') && !braces.includes('}'), `${key}: ${message}`);
    }
  });
});
