// Every language has exactly the English keys, with the same `{placeholders}` per message, and its
// own words for the hosted pages (a copied English catalog would pass the type check but not this).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from './en.ts';
import { createTranslator, LOCALE_CODES, LOCALE_INFO, LOCALES } from './translate.ts';

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

const english: Readonly<Record<string, string>> = en;
const englishKeys = Object.keys(en).sort();
const otherLocales = LOCALE_CODES.filter((code) => code !== 'en');

describe('language catalogs', () => {
  it('offers English, Spanish, French, German and Arabic, Arabic right to left', () => {
    assert.deepEqual([...LOCALE_CODES].sort(), ['ar', 'de', 'en', 'es', 'fr']);
    assert.deepEqual(Object.keys(LOCALES).sort(), [...LOCALE_CODES].sort());
    for (const code of LOCALE_CODES) {
      assert.equal(LOCALE_INFO[code].dir, code === 'ar' ? 'rtl' : 'ltr', code);
      assert.equal(createTranslator(code).dir, LOCALE_INFO[code].dir, code);
    }
  });

  for (const code of otherLocales) {
    const messages: Readonly<Record<string, string>> = LOCALES[code];

    it(`${code} has exactly the English keys`, () => {
      const keys = Object.keys(messages).sort();
      assert.deepEqual(
        keys.filter((key) => !Object.hasOwn(en, key)),
        [],
        `${code} has keys English does not`,
      );
      assert.deepEqual(
        englishKeys.filter((key) => !Object.hasOwn(messages, key)),
        [],
        `${code} lacks keys`,
      );
    });

    it(`${code} keeps every message's placeholders, and no message is empty`, () => {
      for (const [key, english] of Object.entries(en)) {
        const message = messages[key] ?? '';
        assert.ok(message.trim().length > 0, `${code} ${key} is empty`);
        assert.deepEqual(placeholders(message), placeholders(english), `${code} ${key}: ${message}`);
        const braces = message.replace(/\{\w+\}/g, '');
        assert.ok(!braces.includes('{') && !braces.includes('}'), `${code} ${key}: ${message}`);
      }
    });

    it(`${code} translates the hosted pages and keeps the brand`, () => {
      assert.equal(messages['common.brand'], en['common.brand']);
      const pageKeys = englishKeys.filter((key) => !key.startsWith('dash.') && key !== 'common.brand');
      const same = pageKeys.filter((key) => messages[key] === english[key]);
      // A few words are the same in both languages ("Code", "Dashboard", "Badge"); a copy is not.
      assert.ok(same.length <= 5, `${code} messages still in English: ${same.join(', ')}`);
    });
  }
});
