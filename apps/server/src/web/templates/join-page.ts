// The short-code form typed on a phone: plain HTML (GET), no script needed.
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { renderLayout } from './layout.ts';

export interface JoinPageInput {
  translator: Translator;
  /** What the person typed, shown back so they can correct it. */
  value: string;
  error: 'invalid' | 'unknown' | null;
}

export function renderJoinPage(input: JoinPageInput): SafeHtml {
  const { t } = input.translator;
  const errorText =
    input.error === 'invalid'
      ? t('join.errorInvalid')
      : input.error === 'unknown'
        ? t('join.errorUnknown')
        : null;
  const describedBy = errorText === null ? 'code-hint' : 'code-error code-hint';
  const body = html`<main id="main" class="page page--join">
<h1>${t('join.heading')}</h1>
<p class="lead">${t('join.intro')}</p>
<form class="join-form" method="get" action="/join" novalidate>
<label for="code">${t('join.label')}</label>
<p id="code-hint" class="hint">${t('join.hint')}</p>
${errorText === null ? null : html`<p id="code-error" class="field-error" role="alert">${errorText}</p>`}
<input id="code" name="code" class="code-input" type="text" value="${input.value}" autocomplete="off" autocapitalize="characters" autocorrect="off" spellcheck="false" inputmode="text" maxlength="32" required aria-describedby="${describedBy}"${errorText === null ? null : html` aria-invalid="true" autofocus`}>
<button class="button button--primary" type="submit">${t('join.submit')}</button>
</form>
</main>`;
  return renderLayout({ translator: input.translator, title: t('join.title'), body, sandbox: false });
}
