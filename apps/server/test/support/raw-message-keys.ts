// Test support: catalog keys that leaked into a rendered page as text (`phone.intro.heading` shown
// instead of its message). Asset paths (`/assets/phone.js`) and the script config's message keys are
// legitimate, so scripts, links and URL attributes are left out before looking; the config's message
// values are checked on their own.
const KEY_PATTERN =
  /\b(?:common|status|phone|desktop|dash|landing|profile|join|inUse|notFound|reason)\.[A-Za-z_]+(?:\.[A-Za-z_]+)*/g;

/** The raw keys in the page's text and attributes (not its URLs or scripts). */
export function rawMessageKeys(page: string): string[] {
  const visible = page
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*>/gi, '')
    .replace(/\s(?:href|src|action)="[^"]*"/gi, '');
  const inConfig = [...page.matchAll(/<script type="application\/json" id="poy-config">([^<]*)<\/script>/g)]
    .flatMap((match) => {
      const parsed: unknown = JSON.parse(match[1] ?? 'null');
      const messages =
        typeof parsed === 'object' && parsed !== null && 'messages' in parsed ? parsed.messages : null;
      return typeof messages === 'object' && messages !== null ? Object.values(messages) : [];
    })
    .map(String);
  return [
    ...visible.matchAll(KEY_PATTERN),
    ...inConfig.flatMap((value) => [...value.matchAll(KEY_PATTERN)]),
  ].map((match) => match[0]);
}

/** The language switcher's links in a page, in order. */
export function languageLinks(page: string): Array<{ hreflang: string; href: string; current: boolean }> {
  const nav = /<nav class="language-switch"[^>]*>([\s\S]*?)<\/nav>/.exec(page)?.[1] ?? '';
  return [
    ...nav.matchAll(/<a href="([^"]*)" lang="([^"]*)" hreflang="([^"]*)"[^>]*?(aria-current="true")?>/g),
  ].map((match) => ({ href: match[1] ?? '', hreflang: match[3] ?? '', current: match[4] !== undefined }));
}
