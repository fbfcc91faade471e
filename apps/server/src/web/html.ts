// Server-side HTML building. Every interpolated value is escaped unless it is already SafeHtml, so a
// hostile project name or query parameter can never become markup. The only ways to produce SafeHtml
// are the `html` tag itself and `trustedHtml`, which is reserved for markup we generate (the QR SVG).

export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** What a template may interpolate. `null`, `undefined` and `false` render nothing, for `${cond && html`…`}`. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (character) => ESCAPES[character] ?? character);
}

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name`; nested `html` results are kept as markup. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += renderValue(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks markup this server generated itself (never user input) as safe to insert unescaped. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become \u escapes so no value
 * (e.g. a project name containing `</script>`) can close the element, and U+2028/9 stay inert.
 */
export function jsonForScript(value: unknown): SafeHtml {
  const json = JSON.stringify(value) ?? 'null';
  return new SafeHtml(
    json.replace(
      /[<>&\u2028\u2029]/g,
      (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
  );
}

/** Only http(s) URLs may become links or redirect targets; anything else (javascript:, data:) is dropped. */
export function safeHttpUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * A catalog message as markup: the message text is escaped and each `{name}` is replaced by
 * params.name rendered like any template value (so a param may itself be `html`-built markup).
 */
export function messageHtml(template: string, params: Readonly<Record<string, HtmlValue>>): SafeHtml {
  const parts = template.split(/(\{\w+\})/);
  return new SafeHtml(
    parts
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name !== undefined && Object.hasOwn(params, name)) return renderValue(params[name]);
        return escapeHtml(part);
      })
      .join(''),
  );
}
