// The language of a hosted page or a dashboard page: the `poy_lang` cookie if it names a language we
// have, else the best match in Accept-Language, else English. A page link with `?lang=xx` (the
// switcher in every page frame) stores the choice in that cookie and answers 303 to the same page
// without `lang`, so the address people copy stays clean.
//
// Every response that is translated says so with `Vary: Accept-Language, Cookie`: a shared cache must
// not hand one reader's language to another.
//
// Threats: the redirect is built only from the request's own path and query, as a path that starts
// with exactly one `/` (`//evil.example` or `/\evil.example` would be read by browsers as another
// host); the cookie holds one of our locale codes and nothing else, so it carries no secret and needs
// no signature (it is HttpOnly and SameSite=Lax all the same, and not Secure so that it also works on
// a plain-http deployment; it is the same language choice either way).
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import {
  createTranslator,
  isLocale,
  type Locale,
  negotiateLocale,
  type Translator,
} from '../web/i18n/translate.ts';

export const LANGUAGE_COOKIE = 'poy_lang';
export const LANGUAGE_QUERY = 'lang';
export const LANGUAGE_VARY = ['Accept-Language', 'Cookie'] as const;
const LANGUAGE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

interface SplitUrl {
  path: string;
  /** The query's `name=value` parts other than `lang`, exactly as sent. */
  kept: string[];
  /** The first `lang` value that names one of our languages. */
  chosen: Locale | null;
}

function decodeQueryPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return '';
  }
}

function splitUrl(url: string): SplitUrl {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart + 1);
  const kept: string[] = [];
  let chosen: Locale | null = null;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = decodeQueryPart(equals === -1 ? part : part.slice(0, equals));
    if (name !== LANGUAGE_QUERY) {
      kept.push(part);
      continue;
    }
    const value = decodeQueryPart(equals === -1 ? '' : part.slice(equals + 1))
      .trim()
      .toLowerCase();
    if (chosen === null && isLocale(value)) chosen = value;
  }
  return { path, kept, chosen };
}

/**
 * Where `?lang=` sends the browser after storing the choice: the same path and the other parameters,
 * as a path-absolute reference. Leading slashes and backslashes collapse to one `/`, so the result can
 * never name another host.
 */
export function languageRedirectTarget(url: string): { locale: Locale; location: string } | null {
  const { path, kept, chosen } = splitUrl(url);
  if (chosen === null) return null;
  const safePath = `/${path.replace(/^[/\\]+/, '')}`;
  return { locale: chosen, location: kept.length === 0 ? safePath : `${safePath}?${kept.join('&')}` };
}

function cookieLocale(request: FastifyRequest): Locale | null {
  // Only scopes that registered @fastify/cookie have parsed cookies; elsewhere there are none.
  const cookies: Partial<Record<string, string>> | undefined = request.cookies;
  const value = cookies?.[LANGUAGE_COOKIE];
  return typeof value === 'string' && isLocale(value) ? value : null;
}

/** The request's language: the stored choice first, then Accept-Language. */
export function localeOf(request: FastifyRequest): Locale {
  return cookieLocale(request) ?? negotiateLocale(request.headers['accept-language']);
}

/** Adds the language headers to Vary, keeping whatever is already there. */
export function varyOnLanguage(reply: FastifyReply): void {
  const existing = reply.getHeader('vary');
  const present = new Set(
    String(existing ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  );
  const missing = LANGUAGE_VARY.filter(
    (name) => ![...present].some((header) => header.toLowerCase() === name.toLowerCase()),
  );
  if (missing.length === 0) return;
  reply.header('vary', [...present, ...missing].join(', '));
}

/**
 * Parameters the switcher's links carry over (the invite page's `on=phone`, which picks the view).
 * Only these, and only short plain values: nothing else a request sends is echoed into a page.
 */
const SWITCHER_KEPT_PARAMETERS = new Set(['on']);

function switcherQuery(kept: readonly string[]): string {
  return kept
    .filter((part) => {
      const [name = '', value = ''] = part.split('=');
      return SWITCHER_KEPT_PARAMETERS.has(name) && /^[A-Za-z0-9_-]{1,32}$/.test(value);
    })
    .join('&');
}

/**
 * The translator for this request, which also marks the response as varying by language (pass the
 * reply). Its `keptQuery` is what the switcher's links keep of the query.
 */
export function translatorOf(request: FastifyRequest, reply?: FastifyReply): Translator {
  if (reply !== undefined) varyOnLanguage(reply);
  return createTranslator(localeOf(request), switcherQuery(splitUrl(request.url).kept));
}

/**
 * onRequest hook of every translated page: Vary on language, and a `?lang=` naming one of our
 * languages (GET or HEAD only) stores it and redirects to the clean address. An unknown value is
 * ignored: the page renders as if it were not there.
 */
export const languageSwitchHook: onRequestAsyncHookHandler = async (request, reply) => {
  varyOnLanguage(reply);
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  const target = languageRedirectTarget(request.url);
  if (target === null) return;
  return reply
    .setCookie(LANGUAGE_COOKIE, target.locale, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      maxAge: LANGUAGE_COOKIE_MAX_AGE_SECONDS,
    })
    .header('cache-control', 'no-store')
    .redirect(target.location, 303);
};
