// Message lookup for the hosted pages and the dashboard. The English catalog defines the keys; another
// language must provide every one of them (the `Messages` type enforces it) and is added to LOCALES
// and LOCALE_INFO.
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';

export type MessageKey = keyof typeof en;
export type Messages = Readonly<Record<MessageKey, string>>;
export type MessageParams = Readonly<Record<string, string | number>>;

export const LOCALES = { en, es, fr, de, ar } as const satisfies Record<string, Messages>;
export type Locale = keyof typeof LOCALES;
export const DEFAULT_LOCALE: Locale = 'en';

export type TextDirection = 'ltr' | 'rtl';

/** Each language's writing direction and its name in itself (what the language switcher shows). */
export const LOCALE_INFO: Readonly<Record<Locale, { dir: TextDirection; name: string }>> = {
  en: { dir: 'ltr', name: 'English' },
  es: { dir: 'ltr', name: 'Español' },
  fr: { dir: 'ltr', name: 'Français' },
  de: { dir: 'ltr', name: 'Deutsch' },
  ar: { dir: 'rtl', name: 'العربية' },
};

export const LOCALE_CODES: readonly Locale[] = ['en', 'es', 'fr', 'de', 'ar'];

export function isLocale(value: string): value is Locale {
  return Object.hasOwn(LOCALES, value);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

/** Replaces `{name}` with params.name; a missing parameter stays visible as `{name}` rather than vanishing. */
export function formatMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** Picks the first supported language from an Accept-Language header (quality order), else English. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const quality = rest.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number(quality ?? '1') };
    })
    .filter((entry) => entry.language !== '' && Number.isFinite(entry.quality) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  return ranked.map((entry) => entry.language).find(isLocale) ?? DEFAULT_LOCALE;
}

export interface Translator {
  locale: Locale;
  dir: TextDirection;
  /**
   * What the language switcher's links keep of the current query (no `?`), e.g. `on=phone` so that
   * `?on=phone&lang=es` stays on the phone view. Empty for most pages.
   */
  keptQuery: string;
  t(key: MessageKey, params?: MessageParams): string;
  /** The unformatted message, for messageHtml() when a parameter is markup. */
  template(key: MessageKey): string;
  /** The messages whose keys start with one of the prefixes, for a page's client script. */
  pick(prefixes: readonly string[]): Record<string, string>;
}

export function createTranslator(locale: Locale = DEFAULT_LOCALE, keptQuery = ''): Translator {
  const messages: Messages = LOCALES[locale];
  return {
    locale,
    dir: LOCALE_INFO[locale].dir,
    keptQuery,
    t: (key, params) => formatMessage(messages[key], params),
    template: (key) => messages[key],
    pick: (prefixes) =>
      Object.fromEntries(
        Object.entries(messages).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))),
      ),
  };
}

const defaultTranslator = createTranslator();

/** English lookup, for code that has no request (and so no negotiated language). */
export function t(key: MessageKey, params?: MessageParams): string {
  return defaultTranslator.t(key, params);
}
